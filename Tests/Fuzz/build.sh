#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz/ into .build-fuzz/ with swiftc, outside SwiftPM:
# CYaml, Yams, Mustache and Octavo are compiled once each with coverage and AddressSanitizer,
# then every Tests/Fuzz/*Fuzz.swift is linked with them into its own binary.
#
# Usage: Tests/Fuzz/build.sh [TARGET...]    (default: every *Fuzz.swift; TARGET = FrontMatterFuzz …)
# Needs: swiftc and clang from the Swift toolchain (PATH or /opt/swift/usr/bin), libcmark-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${FUZZ_BUILD_DIR:-$ROOT/.build-fuzz}
if ! command -v swiftc >/dev/null && [ -x /opt/swift/usr/bin/swiftc ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
SWIFTC=${SWIFTC:-swiftc}
CLANG=${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}
SANITIZE=(-sanitize=fuzzer,address)
SWIFTFLAGS=(-O -g -parse-as-library -swift-version 6 "${SANITIZE[@]}")

# Dependencies at the versions Package.swift resolves to (Package.resolved is not committed).
CHECKOUTS=$ROOT/.build/checkouts
if [ ! -d "$CHECKOUTS/Yams/Sources/Yams" ] || [ ! -d "$CHECKOUTS/swift-mustache/Sources/Mustache" ]; then
  swift package resolve
fi
YAMS=$CHECKOUTS/Yams/Sources
MUSTACHE=$CHECKOUTS/swift-mustache/Sources/Mustache
mkdir -p "$OUT/obj/CYaml"

# Rebuilds a step only when one of its inputs is newer than its output.
stale() { local output=$1; shift; [ ! -e "$output" ] || [ -n "$(find "$@" -newer "$output" -print -quit)" ]; }

if stale "$OUT/libCYaml.a" "$YAMS/CYaml"; then
  echo "fuzz build: CYaml"
  for c in "$YAMS"/CYaml/src/*.c; do
    "$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$YAMS/CYaml/include" \
      "$c" -o "$OUT/obj/CYaml/$(basename "$c" .c).o"
  done
  rm -f "$OUT/libCYaml.a"
  ar rcs "$OUT/libCYaml.a" "$OUT"/obj/CYaml/*.o
fi

# module NAME SOURCE-FOLDER EXTRA-FLAGS…: one object file and one .swiftmodule per module.
module() {
  local name=$1 folder=$2; shift 2
  if stale "$OUT/$name.o" "$folder" "$OUT/libCYaml.a" "$@"; then
    echo "fuzz build: $name"
    find "$folder" -name '*.swift' | sort | xargs "$SWIFTC" "${SWIFTFLAGS[@]}" -module-name "$name" -wmo \
      -emit-module -emit-module-path "$OUT/$name.swiftmodule" -c -o "$OUT/$name.o" \
      -I "$OUT" -I "$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC -I "$ROOT/Sources/CCmark" "${FLAGS[@]}"
  fi
}
FLAGS=(-DSWIFT_PACKAGE); module Yams "$YAMS/Yams"  # Yams imports CYaml only under SWIFT_PACKAGE
FLAGS=(); module Mustache "$MUSTACHE"
FLAGS=(-enable-testing); module Octavo "$ROOT/Sources/Octavo" "$OUT/Yams.o" "$OUT/Mustache.o"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in Tests/Fuzz/*Fuzz.swift; do targets+=("$(basename "$f" .swift)"); done
fi
for target in "${targets[@]}"; do
  source=Tests/Fuzz/$target.swift
  [ -f "$source" ] || { echo "no fuzz target $source" >&2; exit 2; }
  if stale "$OUT/$target" "$source" Tests/Fuzz/FuzzSupport.swift "$OUT/Octavo.o"; then
    echo "fuzz build: $target"
    "$SWIFTC" "${SWIFTFLAGS[@]}" -module-name "$target" "$ROOT/$source" "$ROOT/Tests/Fuzz/FuzzSupport.swift" \
      -I "$OUT" -I "$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC -I "$ROOT/Sources/CCmark" \
      "$OUT/Octavo.o" "$OUT/Yams.o" "$OUT/Mustache.o" "$OUT/libCYaml.a" -lcmark -o "$OUT/$target"
  fi
done
