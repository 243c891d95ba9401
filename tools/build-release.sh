#!/bin/sh
# Builds the release `octavo` and `octavo-serve` (which `octavo serve` runs) for `make octavo` into
# .build-static/ (its own build folder, so that a plain `swift build -c release` in .build/ is not
# rebuilt from scratch each time either is run).
#
# On Linux the Swift runtime and Foundation are linked into the binaries (--static-swift-stdlib):
# loading some twenty shared libraries and resolving their symbols was a fifth of the real
# document's cold build (80 ms). `octavo` then loads only libc, libm, libstdc++, libgcc_s, libz,
# libcmark and libdeflate. `octavo-serve` links Foundation's networking, which FlyingFox's proxy
# handler pulls in and which needs libcurl as a shared library; the linker asks for it as `-lcurl`, which only
# Debian's libcurl development package provides: without it, a link folder here points
# `libcurl.so` at the runtime library `libcurl.so.4`. Where the static link still fails, the build
# is the usual one, with shared libraries.
set -e
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
scratch=.build-static
if [ "$(uname -s)" != Linux ]; then
  "$swift" build -c release --product octavo --scratch-path "$scratch"
  exec "$swift" build -c release --product octavo-serve --scratch-path "$scratch"
fi
link="$scratch/link"
mkdir -p "$link"
curl=$( (/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null) | awk '$1 == "libcurl.so.4" { print $NF; exit }')
if [ -n "$curl" ]; then ln -sf "$curl" "$link/libcurl.so"; fi
for product in octavo octavo-serve; do
  if ! "$swift" build -c release --product "$product" --scratch-path "$scratch" --static-swift-stdlib -Xlinker -L"$PWD/$link"; then
    echo "The static link failed: building $product with shared libraries instead" >&2
    "$swift" build -c release --product "$product" --scratch-path "$scratch"
  fi
done
