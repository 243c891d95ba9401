#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz/ into .build-fuzz/.
#
# SwiftPM builds the Octavo library and everything Package.swift makes it depend on, with coverage
# and AddressSanitizer, in a scratch path of its own (.build-fuzz/spm). Each Tests/Fuzz/*Fuzz.swift
# is then linked with exactly those modules: their objects, import path and module maps are read
# from SwiftPM's build description, so a dependency added to Package.swift needs no change here.
#
# Usage: Tests/Fuzz/build.sh [TARGET...]    (default: every *Fuzz.swift; TARGET = FrontMatterFuzz …)
# Needs: the Swift toolchain (PATH or /opt/swift/usr/bin), python3, libcmark-dev, libdeflate-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${FUZZ_BUILD_DIR:-$ROOT/.build-fuzz}
if ! command -v swiftc >/dev/null && [ -x /opt/swift/usr/bin/swiftc ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
SWIFT=${SWIFT:-swift}
SWIFTC=${SWIFTC:-swiftc}
SCRATCH=$OUT/spm
mkdir -p "$OUT"

echo "fuzz build: Octavo and its dependencies (SwiftPM, $SCRATCH)"
"$SWIFT" build -c release --scratch-path "$SCRATCH" --target Octavo \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address
BIN=$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)

# What SwiftPM compiled Octavo with: its import path and clang module maps (one argument a line),
# and the object files of Octavo and of every target it depends on (one path a line).
python3 - "$BIN" "$OUT/flags.txt" "$OUT/objects.txt" <<'PY'
import glob, json, os, sys
bin_path, flags_path, objects_path = sys.argv[1:]
description = json.load(open(os.path.join(bin_path, "description.json")))
command = next(c for k, c in description["swiftCommands"].items() if c.get("moduleName") == "Octavo")
arguments = command["otherArguments"]
flags = ["-I", command["importPath"]]
i = 0
while i < len(arguments) - 1:
    # Module maps and header folders of C and system-library targets (CCmark, CYaml, CZlib …).
    if arguments[i] == "-Xcc" and arguments[i + 1].startswith("-fmodule-map-file="):
        flags += arguments[i:i + 2]
        i += 2
    elif arguments[i:i + 3] == ["-Xcc", "-I", "-Xcc"] and i + 3 < len(arguments):
        flags += arguments[i:i + 4]
        i += 4
    else:
        i += 1
targets = ["Octavo"] + description["targetDependencyMap"]["Octavo"]
objects = []
swift_outputs = {c.get("moduleName"): c.get("outputs", []) for c in description["swiftCommands"].values()}
for target in targets:
    # A Swift target's objects as this build lists them: a folder of an earlier build may still hold
    # the object of a source file since moved or removed, which would be linked twice.
    listed = [o["name"] for o in swift_outputs.get(target, []) if isinstance(o, dict) and o.get("name", "").endswith(".o")]
    objects += sorted(listed) if listed else sorted(glob.glob(os.path.join(bin_path, target + ".build", "**", "*.o"), recursive=True))
open(flags_path, "w").write("\n".join(flags) + "\n")
open(objects_path, "w").write("\n".join(objects) + "\n")
PY
mapfile -t FLAGS < "$OUT/flags.txt"
mapfile -t OBJECTS < "$OUT/objects.txt"

# Rebuilds a target only when its sources or one of the library's objects is newer than it.
stale() { local output=$1; shift; [ ! -e "$output" ] || [ -n "$(find "$@" -newer "$output" -print -quit)" ]; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in Tests/Fuzz/*Fuzz.swift; do targets+=("$(basename "$f" .swift)"); done
fi
for target in "${targets[@]}"; do
  source=Tests/Fuzz/$target.swift
  [ -f "$source" ] || { echo "no fuzz target $source" >&2; exit 2; }
  if stale "$OUT/$target" "$source" Tests/Fuzz/FuzzSupport.swift "${OBJECTS[@]}"; then
    echo "fuzz build: $target"
    "$SWIFTC" -O -g -parse-as-library -swift-version 6 -sanitize=fuzzer,address -module-name "$target" \
      "$ROOT/$source" "$ROOT/Tests/Fuzz/FuzzSupport.swift" "${FLAGS[@]}" "${OBJECTS[@]}" -o "$OUT/$target"
  fi
done
