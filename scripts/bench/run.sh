#!/usr/bin/env bash
# make bench: times Plainsite on synthetic corpora (median of several runs) and prints pages per second.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.build/release/plainsite
SIZES=${BENCH_SIZES:-"1000 10000"}
RUNS=${BENCH_RUNS:-3}
work=$(mktemp -d /tmp/plainsite-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Seconds and peak memory (MB) of one command, from GNU time's output.
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  cat "$work/time"
}

printf "%-8s %-10s %10s %12s %12s\n" pages task seconds pages/s peak-MB
for n in $SIZES; do
  corpus="$work/corpus-$n"
  python3 scripts/bench/generate_corpus.py "$n" "$corpus"
  for task in lint build; do
    results=()
    for _ in $(seq "$RUNS"); do
      if [ "$task" = lint ]; then
        results+=("$(cd "$corpus" && measure "$OLDPWD/$BIN" lint --site bench --format json)")
      else
        results+=("$(cd "$corpus" && measure "$OLDPWD/$BIN" build --output "$corpus/site")")
      fi
    done
    seconds=$(printf "%s\n" "${results[@]}" | awk '{print $1}' | median)
    memory=$(printf "%s\n" "${results[@]}" | awk '{print $2}' | median)
    printf "%-8s %-10s %10s %12.0f %12.0f\n" "$n" "$task" "$seconds" "$(echo "$n / $seconds" | bc -l)" "$(echo "$memory / 1024" | bc -l)"
  done
done
