#!/usr/bin/env bash
# Build-time benchmark: builds synthetic corpora of ../shared/bench/make-corpus.py with the release
# binary and prints pages, wall time and output size. A benchmark, not a test: figures vary by machine.
# Usage: bench/build-times.sh [PAGES ...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus_script=../shared/bench/make-corpus.py
octavo=.build/release/octavo
work=${BENCH_DIR:-/tmp/octavo-bench}
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

printf '%-28s %8s %10s %10s %10s\n' corpus pages "cold ms" "warm ms" output
for n in "${sizes[@]}"; do
  for kind in tree one-file; do
    content="$work/$kind-$n"
    if [ ! -d "$content" ]; then
      if [ "$kind" = tree ]; then
        python3 "$corpus_script" "$content" "$n" >/dev/null
      else
        python3 "$corpus_script" "$content" "$n" --one-file >/dev/null
        # Split the one long document at its section (##) and item (###) headings.
        sed -i '0,/^title:/s//split: [2, 3]\ntitle:/' "$content/index.md"
      fi
    fi
    out="$work/out-$kind-$n"
    rm -rf "$out"
    start=$(date +%s%N); "$octavo" build --quiet --content "$content" --templates Templates --output "$out" 2>/dev/null; cold=$(ms "$start")
    start=$(date +%s%N); "$octavo" build --quiet --content "$content" --templates Templates --output "$out" 2>/dev/null; warm=$(ms "$start")
    pages=$(find "$out" -name '*.html' | wc -l)
    printf '%-28s %8s %10s %10s %10s\n' "$kind-$n" "$pages" "$cold" "$warm" "$(du -sh "$out" | cut -f1)"
  done
done
