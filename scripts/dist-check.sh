#!/usr/bin/env bash
# Checks the release tarball in dist/ (from `make dist`) as a stranger would use it: unpacked into a
# new folder, it loads only the C and C++ runtime and zlib, prints its version, and builds a copy
# of the sample project while this repository (and its .build folder, whose resource bundles a
# Swift binary on Linux would otherwise find by their build-time path) is hidden under empty
# tmpfs mounts in a private mount namespace, with an empty environment.
# Usage: scripts/dist-check.sh VERSION
set -euo pipefail
version="${1:?usage: scripts/dist-check.sh VERSION}"
repo="$(pwd -P)"
name="plainsite-$version-linux-$(uname -m)"
tarball="dist/$name.tar.gz"
[ -f "$tarball" ] || { echo "error: $tarball is missing; run make dist" >&2; exit 2; }

# The new temporary folder is the only thing this script removes.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
binary="$work/$name/plainsite"
for file in plainsite README.md LICENSE; do
  [ -f "$work/$name/$file" ] || { echo "FAIL: $file is not in $tarball" >&2; exit 1; }
done

# ldd names every library the binary loads; each must be one of the C and C++ runtime's, or zlib.
allowed='^(linux-vdso\.so\.1|/lib6?4?/ld-linux-[a-z0-9-]+\.so\.[0-9]+|/lib/ld-linux[a-z0-9-]*\.so\.[0-9]+|ld-linux-[a-z0-9-]+\.so\.[0-9]+|lib(c|m|pthread|dl|rt|gcc_s|stdc\+\+|z)\.so\.[0-9.]+)$'
libraries="$(ldd "$binary" | awk '{print $1}')"
echo "ldd $name/plainsite:"
ldd "$binary" | sed 's/^/  /'
unexpected="$(grep -Ev "$allowed" <<<"$libraries" || true)"
if [ -n "$unexpected" ]; then
  echo "FAIL: the binary loads libraries outside the C and C++ runtime and zlib: $unexpected" >&2
  exit 1
fi

# jemalloc, linked in, serves every allocation: glibc's own calls to malloc bind to the binary's.
bindings="$(env -i PATH=/usr/bin:/bin LD_DEBUG=bindings "$binary" --version 2>&1 >/dev/null | grep "symbol \`malloc'" || true)"
if ! grep -q "libc\.so.* to $binary \[0\]: normal symbol \`malloc'" <<<"$bindings"; then
  echo "FAIL: glibc's malloc calls do not go to the binary's jemalloc: $bindings" >&2
  exit 1
fi

printed="$(env -i PATH=/usr/bin:/bin "$binary" --version)"
if [ "$printed" != "$version" ]; then
  echo "FAIL: plainsite --version printed '$printed', not '$version'" >&2
  exit 1
fi
echo "plainsite --version: $printed"

# A copy of the sample project: its pages, its configuration and its site themes.
project="$work/project"
mkdir "$project"
cp -R content plainsite.yml themes "$project/"

# The .build folder's own path too, in case it is a link out of the repository.
hidden=("$repo")
if [ -e "$repo/.build" ]; then
  hidden=("$(readlink -f "$repo/.build")" "$repo")
fi
unshare_flags=(--mount --propagation private)
if [ "$(id -u)" -ne 0 ]; then
  unshare_flags=(--map-root-user "${unshare_flags[@]}")
fi
# shellcheck disable=SC2016
unshare "${unshare_flags[@]}" bash -c '
  set -euo pipefail
  project="$1" binary="$2"
  shift 2
  for folder in "$@"; do mount -t tmpfs -o ro,size=1m plainsite-hidden "$folder"; done
  for folder in "$@"; do
    if [ -e "$folder" ] && [ -n "$(ls -A "$folder")" ]; then echo "FAIL: $folder is not hidden" >&2; exit 1; fi
  done
  cd "$project"
  env -i PATH=/usr/bin:/bin "$binary" build --date 2026-11-25
  test -f site/council/index.html
  env -i PATH=/usr/bin:/bin "$binary" lint >/dev/null
' dist-check "$project" "$binary" "${hidden[@]}"
echo "dist check passed: $tarball builds the sample project with the repository hidden"
