#!/usr/bin/env bash
# Installs the .deb from dist/ (from `make dist`) into a minimal Debian 12 (bookworm) made by
# debootstrap, with no Swift and none of the build's libraries, and runs plainsite there:
# --version, then `init` and `build` and `lint` of the new project when this plainsite has `init`,
# otherwise `build` and `lint` of a copy of the sample project. The minimal Debian is made once
# and kept as a tarball in ~/.cache/plainsite-dist-test; each run unpacks it into a new folder.
# Usage: scripts/dist-test.sh VERSION   (as root: debootstrap, chroot and mount need it)
set -euo pipefail
version="${1:?usage: scripts/dist-test.sh VERSION}"
deb="dist/plainsite_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "error: $deb is missing; run make dist" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "error: make dist-test runs as root (debootstrap, chroot, mount)" >&2; exit 2; }
scripts/install-system-packages.sh debootstrap

cache="${PLAINSITE_DIST_TEST_CACHE:-$HOME/.cache/plainsite-dist-test}"
base="$cache/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
  mkdir -p "$cache"
  fresh="$(mktemp -d "$cache/debootstrap.XXXXXX")"
  echo "Making a minimal Debian bookworm with debootstrap (once; kept in $base)"
  debootstrap --variant=minbase bookworm "$fresh" http://deb.debian.org/debian >"$cache/debootstrap.log"
  tar -C "$fresh" -cf "$base.tmp" .
  mv "$base.tmp" "$base"
  rm -rf --one-file-system "$fresh"
fi

# The new folder is the only thing this script removes, after unmounting what it mounted there.
root="$(mktemp -d)"
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  umount "$root/dev" 2>/dev/null || true
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"

cp "$deb" "$root/tmp/plainsite.deb"
mkdir "$root/tmp/sample"
cp -R content plainsite.yml themes "$root/tmp/sample/"
inside() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

inside dpkg -i /tmp/plainsite.deb
if inside ldd /usr/bin/plainsite | grep -q 'not found'; then
  echo "FAIL: a library is missing in the minimal Debian" >&2
  exit 1
fi
printed="$(inside plainsite --version)"
echo "plainsite --version: $printed"
[ "$printed" = "$version" ] || { echo "FAIL: expected $version" >&2; exit 1; }

# An unknown subcommand's --help prints the top-level help, so the probe looks for init's own usage.
if inside plainsite init --help 2>&1 | grep -q "plainsite init"; then
  echo "plainsite init exists: testing init --name \"Test Council\", build and lint"
  inside sh -c 'mkdir /tmp/test-council && cd /tmp/test-council && plainsite init --name "Test Council" && plainsite build && plainsite lint'
else
  echo "plainsite init does not exist in $version: testing build and lint of the sample project"
  inside sh -c 'cd /tmp/sample && plainsite build --date 2026-11-25 && test -f site/council/index.html && plainsite lint'
fi
echo "dist test passed: $deb installs and runs in a minimal Debian bookworm"
