#!/usr/bin/env bash
# Rewrites the generated parts of README.md and docs/rules.md from `plainsite rules`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLAINSITE:-.build/release/plainsite}
replace() { # file start-marker end-marker content-file
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys
path, start, end, content = sys.argv[1:]
text = open(path).read()
new = open(content).read()
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + start + "\n" + new + end + tail)
PY
}
tmp=$(mktemp)
"$BIN" rules --format table > "$tmp"
replace README.md "<!-- rules:start -->" "<!-- rules:end -->" "$tmp"
"$BIN" rules --format markdown > "$tmp"
replace docs/rules.md "<!-- reference:start -->" "<!-- reference:end -->" "$tmp"
"$BIN" rules --kind accessibility --format markdown > "$tmp"
replace docs/accessibility.md "<!-- reference:start -->" "<!-- reference:end -->" "$tmp"
rm -f "$tmp"
