#!/usr/bin/env bash
# Runs Plainsite's libFuzzer targets (Fuzz/), each for FUZZ_SECONDS seconds (default 60):
#   markdown  front matter + Markdown to HTML + the plain-English linter
#   html      the HTML accessibility checker
#   config    the YAML readers: plainsite.yml and a page's front matter
#   templates the theme's templates (base and a partial) through a whole one-page build
# The targets are a package of their own (Fuzz/Package.swift, linking the real modules in
# Sources/), built with -sanitize=fuzzer,address into .build-fuzz/, so the normal build never
# sees them. Seeds come from the sample content and the test fixtures; new inputs libFuzzer
# finds are kept in .fuzz/corpus/<target>/ for the next run. A crash stops the run: the input
# is saved as .fuzz/crashes/<target>/crash-… and the script exits with 1.
#   scripts/fuzz.sh                  both targets
#   scripts/fuzz.sh markdown         one target
#   FUZZ_SECONDS=600 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
# Swift's own crash reporter would trip AddressSanitizer; libFuzzer prints the stack instead.
# Leak checks are off: the Swift runtime keeps caches for the life of the process.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(markdown html config templates)

mkdir -p .fuzz
echo "Building the fuzz targets into .build-fuzz/ (log: .fuzz/build.log)"
if ! swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g >.fuzz/build.log 2>&1; then
  grep -v "Cannot export local symbol" .fuzz/build.log | tail -30 >&2
  echo "fuzz.sh: the fuzz targets did not build" >&2
  exit 2
fi
BIN=.build-fuzz/release

status=0
for target in "${TARGETS[@]}"; do
  case "$target" in
    markdown) program=FuzzMarkdown; seeds=(content Tests/Fixtures Tests/ProseTests/Fixtures); pattern='*.md' ;;
    html) program=FuzzHTML; seeds=(Tests/Fixtures themes); pattern='*.html' ;;
    config) program=FuzzConfig; seeds=(plainsite.yml content Tests/Fixtures); pattern='*.yml' ;;
    templates) program=FuzzTemplates; seeds=(themes Tests/Fixtures); pattern='*.mustache' ;;
    *) echo "fuzz.sh: unknown target '$target' (markdown, html, config or templates)" >&2; exit 2 ;;
  esac
  [ -x "$BIN/$program" ] || { echo "fuzz.sh: $BIN/$program was not built" >&2; exit 2; }
  corpus=.fuzz/corpus/$target
  crashes=.fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes" .fuzz/seeds
  seed=.fuzz/seeds/$target
  rm -rf "$seed" && mkdir -p "$seed"
  find "${seeds[@]}" -type f \( -name "$pattern" -o -name '*.mustache' \) 2>/dev/null | while read -r file; do
    cp "$file" "$seed/$(echo "$file" | tr '/' '_')"
  done
  echo "== $target: $SECONDS_PER_TARGET s, seeds $(ls "$seed" | wc -l), corpus $(ls "$corpus" | wc -l)"
  # Deep nesting and big inputs are tested in BadInputTests; here inputs stay up to 64 KB.
  if ! "$BIN/$program" "$corpus" "$seed" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 \
      -timeout=20 -rss_limit_mb=4096 -detect_leaks=0 -artifact_prefix="$crashes/" -print_final_stats=1 2>".fuzz/$target.log"; then
    echo "fuzz.sh: $target found a problem; the input is in $crashes/ and the log in .fuzz/$target.log" >&2
    tail -40 ".fuzz/$target.log" >&2
    status=1
  else
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done)" ".fuzz/$target.log" || tail -3 ".fuzz/$target.log"
  fi
done
exit $status
