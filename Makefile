# Plainsite: the two commands of the README.
#   make site   installs missing system packages, builds plainsite, writes every site into site/
#   make test   installs missing system packages, runs every test
SHELL := /bin/bash
SYSTEM_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev pkg-config
RELEASE_BIN := .build/release/plainsite

.PHONY: site test deps release clean

deps:
	@scripts/install-system-packages.sh $(SYSTEM_PACKAGES)

release: deps
	swift build -c release --product plainsite

site: release
	$(RELEASE_BIN) build

test: deps
	swift build --build-tests
	swift test --skip-build

clean:
	rm -rf .build site
