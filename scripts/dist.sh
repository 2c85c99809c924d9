#!/usr/bin/env bash
# Packs a release binary into dist/: plainsite-VERSION-linux-ARCH.tar.gz (the binary, README.md and
# LICENSE in a folder of that name) and plainsite_VERSION_DEBARCH.deb (made with dpkg-deb; its
# Depends computed by dpkg-shlibdeps from the libraries the binary loads).
# Usage: scripts/dist.sh VERSION BINARY
set -euo pipefail
version="${1:?usage: scripts/dist.sh VERSION BINARY}"
binary="${2:?usage: scripts/dist.sh VERSION BINARY}"
arch="$(uname -m)"
deb_arch="$(dpkg --print-architecture)"
name="plainsite-$version-linux-$arch"
mkdir -p dist

# Everything is staged in a new temporary folder, the only thing this script removes.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

mkdir "$stage/$name"
install -m 755 "$binary" "$stage/$name/plainsite"
install -m 644 README.md LICENSE "$stage/$name/"
tar -C "$stage" --owner=0 --group=0 --sort=name -czf "dist/$name.tar.gz" "$name"

root="$stage/deb"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/doc/plainsite"
install -m 755 "$binary" "$root/usr/bin/plainsite"
install -m 644 README.md "$root/usr/share/doc/plainsite/README.md"
install -m 644 LICENSE "$root/usr/share/doc/plainsite/copyright"

# dpkg-shlibdeps reads the package's name from a debian/control beside it; it prints the lowest
# versions of libc6, libgcc-s1, libstdc++6 and zlib1g whose symbols the binary uses.
mkdir -p "$stage/src/debian"
printf 'Source: plainsite\n\nPackage: plainsite\nArchitecture: any\n' >"$stage/src/debian/control"
depends="$(cd "$stage/src" && dpkg-shlibdeps -O -e"$root/usr/bin/plainsite" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
if [ -z "$depends" ]; then
  echo "error: dpkg-shlibdeps found no dependencies for $binary" >&2
  exit 1
fi
size_kb="$(du -sk --apparent-size "$root/usr" | cut -f1)"
cat >"$root/DEBIAN/control" <<CONTROL
Package: plainsite
Version: $version
Architecture: $deb_arch
Maintainer: The Plainsite contributors
Installed-Size: $size_kb
Depends: $depends
Section: web
Priority: optional
Description: accessible council websites from Markdown
 Plainsite builds static council websites from Markdown, checked for plain
 English and accessibility, with feeds, search and open data.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$root" "dist/plainsite_${version}_${deb_arch}.deb" >/dev/null
echo "dist/$name.tar.gz"
echo "dist/plainsite_${version}_${deb_arch}.deb (Depends: $depends)"
