#!/usr/bin/env bash
# make bench: times Plainsite on synthetic council corpora (median of several runs) and, when
# Hugo is installed (installed from Debian when missing), Hugo on the same pages.
#
#   BENCH_SIZES="1000 10000"   corpus sizes (pages)
#   BENCH_RUNS=3               runs of each task; the median is printed
#   BENCH_HUGO=0               skip Hugo (and do not install it)
#   BENCH_PREVIEW=0            skip the preview (plainsite serve)
#   PLAINSITE_BIN=path         the plainsite to measure (default .build/release/plainsite)
#
# Tasks, each on the same corpus:
#   build-fresh  full build with every check into an empty output folder, from an empty cache
#   build        full build with every check from an empty cache, over the previous output
#                (as every build after the first; Hugo likewise writes over its previous output)
#   build-warm   the same build again with nothing changed: every page from the cache
#   incremental  one page edited after a build, then built again
#   lint         plainsite lint only (plain-English rules and readability of every page)
#   check        plainsite check on the built site only (accessibility and links of the HTML)
#   preview      plainsite serve: from appending a sentence to a page to the served page holding
#                it, median of 10 edits (scripts/bench/preview.py; peak-MB is the server's)
#   hugo-fresh   hugo on the same Markdown with a minimal layout (no checks), into an empty folder
#   hugo         the same over its previous output
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
BIN=${PLAINSITE_BIN:-.build/release/plainsite}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
SIZES=${BENCH_SIZES:-"1000 10000"}
RUNS=${BENCH_RUNS:-3}
DATE=2026-11-25
work=$(mktemp -d /tmp/plainsite-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ "${BENCH_HUGO:-1}" != 0 ] && ! command -v hugo >/dev/null; then
  scripts/install-system-packages.sh hugo || echo "Hugo could not be installed: measuring Plainsite only."
fi
HUGO=$(command -v hugo || true)
[ "${BENCH_HUGO:-1}" = 0 ] && HUGO=""

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Runs a command in the corpus; prints its wall-clock seconds (to the millisecond) and peak memory in KB.
measure() {
  local start end
  start=$(date +%s%N)
  (cd "$corpus" && /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr") || true
  end=$(date +%s%N)
  echo "$(echo "($end - $start) / 1000000000" | bc -l) $(tail -1 "$work/time")"
}
# Prints one row from several "seconds memory" results; remembers the median seconds in $last.
report() {
  local task=$1 n=$2; shift 2
  local seconds memory
  seconds=$(printf "%s\n" "$@" | awk '{print $1}' | median)
  memory=$(printf "%s\n" "$@" | awk '{print $2}' | median)
  last=$seconds
  case "$task" in hugo*) ;; *) [ "${memory%.*}" -gt "${peak:-0}" ] && peak=${memory%.*} ;; esac
  printf "%-8s %-12s %10.3f %10.0f %9.0f\n" "$n" "$task" "$seconds" "$(echo "$n / $seconds" | bc -l)" "$(echo "$memory / 1024" | bc -l)"
}

echo "Plainsite $("$BIN" --version) on $(nproc) cores; median of $RUNS runs; ${HUGO:+$(hugo version | cut -d' ' -f1-2)}"
printf "%-8s %-12s %10s %10s %9s\n" pages task seconds pages/s peak-MB
for n in $SIZES; do
  peak=0
  corpus="$work/corpus-$n"
  python3 scripts/bench/generate_corpus.py "$n" "$corpus"
  build=(build --date "$DATE" --output site)

  results=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$corpus/.plainsite-cache" "$corpus/site"
    sync
    results+=("$(measure "$BIN" "${build[@]}")")
  done
  report build-fresh "$n" "${results[@]}"; fresh=$last

  results=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$corpus/.plainsite-cache"
    sync
    results+=("$(measure "$BIN" "${build[@]}")")
  done
  report build "$n" "${results[@]}"; cold=$last

  results=()
  for _ in $(seq "$RUNS"); do results+=("$(measure "$BIN" "${build[@]}")"); done
  report build-warm "$n" "${results[@]}"; warm=$last

  results=()
  for run in $(seq "$RUNS"); do
    echo "Bring a recent bill to the office ($run)." >> "$corpus/content/bench/page-$((n / 2)).md"
    results+=("$(measure "$BIN" "${build[@]}")")
  done
  report incremental "$n" "${results[@]}"; incremental=$last
  grep -q "^Built $n pages" <(cd "$corpus" && "$BIN" "${build[@]}" 2>/dev/null) \
    || echo "warning: the last build did not write $n pages" >&2

  results=()
  for _ in $(seq "$RUNS"); do results+=("$(measure "$BIN" lint --site bench --format json)"); done
  report lint "$n" "${results[@]}"; lint=$last

  results=()
  for _ in $(seq "$RUNS"); do results+=("$(measure "$BIN" check site/bench --format json)"); done
  report check "$n" "${results[@]}"

  preview=""
  if [ "${BENCH_PREVIEW:-1}" != 0 ]; then
    if python3 scripts/bench/preview.py "$BIN" "$corpus" "$n" "$DATE" "$work/preview"; then
      preview=$(cut -d' ' -f1 "$work/preview")
    else
      echo "warning: the preview could not be measured (its errors: $work/serve-stderr.txt)" >&2
      tail -5 "$work/serve-stderr.txt" >&2 || true
    fi
  fi

  if [ -n "$HUGO" ]; then
    results=()
    for _ in $(seq "$RUNS"); do
      rm -rf "$work/hugo-public"
      sync
      results+=("$(measure "$HUGO" --quiet --destination "$work/hugo-public")")
    done
    report hugo-fresh "$n" "${results[@]}"; hugofresh=$last
    results=()
    for _ in $(seq "$RUNS"); do results+=("$(measure "$HUGO" --quiet --destination "$work/hugo-public")"); done
    report hugo "$n" "${results[@]}"; hugo=$last
    printf "%-8s Plainsite/Hugo: full build %.2f (into empty folders %.2f), unchanged rebuild %.2f, one-page rebuild %.2f (below 1.0: Plainsite is faster)\n" \
      "$n" "$(echo "$cold / $hugo" | bc -l)" "$(echo "$fresh / $hugofresh" | bc -l)" "$(echo "$warm / $hugo" | bc -l)" \
      "$(echo "$incremental / $hugo" | bc -l)"
  fi
  # The targets of docs/performance.md, which are set for 10,000 pages.
  if [ "$n" = 10000 ]; then
    met() { [ "$(echo "$1" | bc -l)" = 1 ] && echo met || echo "not met"; }
    echo "Targets on 10,000 pages:"
    [ -n "$HUGO" ] && printf "  full build with every check faster than Hugo without checks: %s (ratio %.2f over the previous output, %.2f into empty folders)\n" \
      "$(met "$cold < $hugo && $fresh < $hugofresh")" "$(echo "$cold / $hugo" | bc -l)" "$(echo "$fresh / $hugofresh" | bc -l)"
    printf "  unchanged rebuild at most 1.0 s: %s (%.3f s)\n" "$(met "$warm <= 1.0")" "$warm"
    printf "  one-page rebuild at most 1.5 s: %s (%.3f s)\n" "$(met "$incremental <= 1.5")" "$incremental"
    printf "  lint under 2 s: %s (%.2f s)\n" "$(met "$lint < 2")" "$lint"
    if [ -n "$preview" ]; then
      printf "  preview edit-to-served at most 0.3 s: %s (%.3f s)\n" "$(met "$preview <= 0.3")" "$preview"
    elif [ "${BENCH_PREVIEW:-1}" != 0 ]; then
      echo "  preview edit-to-served at most 0.3 s: not measured"
    fi
    printf "  peak memory under 500 MB: %s (%.0f MB at most)\n" "$(met "$peak < 500 * 1024")" "$(echo "$peak / 1024" | bc -l)"
  fi
done
