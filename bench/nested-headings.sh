#!/usr/bin/env bash
# Nested-heading benchmark: `octavo markdown` and `octavo build` of one page whose headings all sit
# in one list (`- ## h`) or one block quote (`> ## h`), at 2,000 and 20,000 headings. Time should
# grow linearly: the 20,000 figures about 10 times the 2,000 ones. A benchmark, not a test.
# Usage: bench/nested-headings.sh [HEADINGS ...]   (default: 2000 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
octavo=${OCTAVO:-.build/release/octavo}   # make passes the binary it built
[[ $octavo == /* ]] || octavo=$PWD/$octavo
templates=$PWD/Templates
work=${BENCH_DIR:-/tmp/octavo-bench}/nested
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

printf '%-22s %10s %12s %10s\n' input headings "markdown ms" "build ms"
for n in "${sizes[@]}"; do
  for kind in list quote; do
    marker='- '; [ "$kind" = quote ] && marker='> '
    site="$work/$kind-$n"
    rm -rf "$site"; mkdir -p "$site/Content"
    { printf '# Home\n\n'; for ((i = 0; i < n; i++)); do printf '%s## h%d\n' "$marker" "$i"; done; } > "$site/Content/index.md"
    start=$(date +%s%N); "$octavo" markdown < "$site/Content/index.md" > /dev/null; markdown=$(ms "$start")
    start=$(date +%s%N); (cd "$site" && "$octavo" build --quiet --templates "$templates"); build=$(ms "$start")
    printf '%-22s %10s %12s %10s\n' "$kind-$n" "$n" "$markdown" "$build"
  done
done
