#!/usr/bin/env bash
# Makes FOLDER hold links to the static archives of the C libraries Plainsite links: cmark-gfm,
# libxml2 and what libxml2.a needs (ICU, liblzma), and pkg-config files for cmark-gfm and libxml2
# that name FOLDER as their library folder. With PKG_CONFIG_PATH=FOLDER, SwiftPM puts -LFOLDER
# first, so the linker takes these archives for -lcmark-gfm, -lxml2 and so on, and a release
# binary needs only the C and C++ runtime and zlib (see README, "Install"). It also holds
# jemalloc.o, the C part of libjemalloc_pic.a as one object: an object (unlike an archive, whose
# symbols --static-swift-stdlib hides) exports its malloc and free, so glibc and libstdc++
# allocate with jemalloc too and every free matches its malloc.
set -euo pipefail
folder="${1:?usage: scripts/static-libs.sh FOLDER}"
libdir="/usr/lib/$(uname -m)-linux-gnu"
archives=(libcmark-gfm.a libcmark-gfm-extensions.a libxml2.a libicuuc.a libicudata.a liblzma.a)
mkdir -p "$folder"
for archive in "${archives[@]}"; do
  if [ ! -f "$libdir/$archive" ]; then
    echo "error: $libdir/$archive is missing (is its -dev package installed?)" >&2
    exit 2
  fi
  # Replaces only a link of this script's own making; anything else in the folder is an error.
  if [ -e "$folder/$archive" ] && [ ! -L "$folder/$archive" ]; then
    echo "error: $folder/$archive is not a link Plainsite made; move it away" >&2
    exit 2
  fi
  ln -sfn "$libdir/$archive" "$folder/$archive"
done

if [ ! -f "$folder/jemalloc.o" ] || [ "$libdir/libjemalloc_pic.a" -nt "$folder/jemalloc.o" ]; then
  [ -f "$libdir/libjemalloc_pic.a" ] || { echo "error: $libdir/libjemalloc_pic.a is missing (libjemalloc-dev)" >&2; exit 2; }
  # Without jemalloc's C++ operators (they would need libstdc++ in every program linked, the
  # build plugin's tool too): libstdc++'s own operator new calls malloc, which is jemalloc's.
  members="$(mktemp -d "$folder/jemalloc.XXXXXX")"
  (cd "$members" && ar x "$libdir/libjemalloc_pic.a")
  find "$members" -name '*.o' ! -name 'jemalloc_cpp.pic.o' -print0 | sort -z | xargs -0 ld -r -o "$folder/jemalloc.o.tmp"
  rm -rf "$members"
  mv "$folder/jemalloc.o.tmp" "$folder/jemalloc.o"
fi

# The system's own .pc files, but for their library folder (the headers stay where they are).
for pc in libxml-2.0.pc libcmark-gfm.pc; do
  sed "s|^libdir=.*|libdir=$folder|" "$libdir/pkgconfig/$pc" >"$folder/$pc.tmp"
  mv "$folder/$pc.tmp" "$folder/$pc"
done
