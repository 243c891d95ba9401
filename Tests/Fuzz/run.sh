#!/usr/bin/env bash
# Runs one fuzz target built by build.sh on its corpus, Tests/Fuzz/Corpus/TARGET, which it grows.
#
# Usage: Tests/Fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]   fuzz for SECONDS (default 30)
#        Tests/Fuzz/run.sh TARGET ci SECONDS [SEED]              fuzz for SECONDS, new inputs kept
#                                                                 apart (the corpus is left as it is),
#                                                                 from the fixed SEED (default 1)
#        Tests/Fuzz/run.sh TARGET merge                          minimize the corpus in place
# Crashes and hangs (over 10 s) are saved in .build-fuzz/artifacts/TARGET/; replay one with
# `.build-fuzz/TARGET FILE`.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=$1
seconds=${2:-30}
shift $(( $# < 2 ? $# : 2 ))
corpus=Tests/Fuzz/Corpus/$target
artifacts=.build-fuzz/artifacts/$target/
mkdir -p "$corpus" "$artifacts"
# Swift's crash backtracer would otherwise run inside AddressSanitizer's report and garble it.
export SWIFT_BACKTRACE=enable=no
# No leak checks: LeakSanitizer scans the heap after every input that adds coverage, which made
# the render target 20 times slower, and the Swift runtime's own caches are not leaks to find.
# `-detect_leaks=0` turns off libFuzzer's check after each input; ASAN_OPTIONS turns off the one at
# exit too, which otherwise failed a run that had met TOMLKit's leak of a parse error's message
# (TOMLTable(string:), a few bytes per malformed TOML front matter).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# A target's own dictionary, Tests/Fuzz/TARGET.dict, when it has one.
dict=Tests/Fuzz/$target.dict
[ -f "$dict" ] || dict=Tests/Fuzz/octavo.dict
flags=(-max_len=4096 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -dict="$dict" -artifact_prefix="$artifacts")

if [ "$seconds" = merge ]; then
  merged=.build-fuzz/merge/$target
  rm -rf "$merged" && mkdir -p "$merged"
  ".build-fuzz/$target" "${flags[@]}" -merge=1 "$merged" "$corpus"
  rm -rf "$corpus" && mv "$merged" "$corpus"
  echo "$target: $(ls "$corpus" | wc -l) inputs, $(du -sh --apparent-size "$corpus" | cut -f1)"
elif [ "$seconds" = ci ]; then
  # libFuzzer writes new inputs to the first folder only: a scratch one, so CI changes no file.
  # A fixed seed makes libFuzzer try the same inputs in the same order on every run of the same
  # commit: a CI run that failed fails again when repeated, and one that passed is not failed by
  # the next run's luck. How far it gets in SECONDS still depends on the machine's speed.
  scratch=.build-fuzz/ci-corpus/$target
  rm -rf "$scratch" && mkdir -p "$scratch"
  ".build-fuzz/$target" "${flags[@]}" -seed="${2:-1}" -max_total_time="${1:-20}" -print_final_stats=1 "$scratch" "$corpus"
else
  ".build-fuzz/$target" "${flags[@]}" -max_total_time="$seconds" -print_final_stats=1 "$@" "$corpus"
fi
