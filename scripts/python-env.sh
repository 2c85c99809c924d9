#!/usr/bin/env bash
# Creates .venv (git-ignored) with the Python tools the tests use, installing only what is missing.
# Usage: scripts/python-env.sh PACKAGE==VERSION ...   (prints nothing when all are present)
#        NO_DEPS=1 scripts/python-env.sh PACKAGE==VERSION   installs without dependencies
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
missing=()
for requirement in "$@"; do
  name=${requirement%%==*}
  version=${requirement#*==}
  installed=$(.venv/bin/python -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
  [ "$installed" = "$version" ] || missing+=("$requirement")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Python packages into .venv: ${missing[*]}"
  .venv/bin/pip install --quiet --disable-pip-version-check ${NO_DEPS:+--no-deps} "${missing[@]}"
fi
