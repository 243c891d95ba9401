#!/usr/bin/env bash
# Search index size and query time on synthetic corpora: a benchmark, not a test.
# Usage: bench/search-bench.sh [PAGES ...]      (default: 1000 10000)
# Builds ../shared/bench/make-corpus.py corpora with the release binary into $BENCH_DIR
# (default /tmp/octavo-search-bench) and runs queries with node through bench/search-query.js.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/octavo-search-bench}
OCTAVO=${OCTAVO:-.build/release/octavo}   # make passes the binary it built
[ -x "$OCTAVO" ] || swift build -c release --product octavo
QUERIES=("security" "nuclear war" "afghanistan" "sovereignty territorial integrity" "un" "zzxqj")
mkdir -p "$BENCH_DIR"
[ $# -gt 0 ] || set -- 1000 10000

for pages in "$@"; do
  corpus="$BENCH_DIR/corpus-$pages" site="$BENCH_DIR/site-$pages"
  [ -d "$corpus" ] || python3 "$SHARED/bench/make-corpus.py" "$corpus" "$pages" >/dev/null
  start=$(date +%s.%N)
  "$OCTAVO" build --quiet --content "$corpus" --output "$site"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  core=$(stat -c %s "$site/search-index.js")
  shards=$(find "$site/search" -name '*.js' 2>/dev/null | wc -l)
  words=$(cat "$site"/search/w*.js 2>/dev/null | wc -c)
  texts=$(cat "$site"/search/t*.js 2>/dev/null | wc -c)
  largest=$(find "$site/search" -name '*.js' -printf '%s\n' 2>/dev/null | sort -n | tail -1)
  html=$(find "$site" -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  echo "## $pages pages (build ${seconds%???????} s)"
  echo "search-index.js: $core bytes; $shards shard files: word shards $words bytes, text shards $texts bytes, largest ${largest:-0} bytes; all HTML pages: $html bytes"
  echo
  echo "| query | results | cold ms | warm ms | shards loaded (bytes) |"
  echo "|---|---:|---:|---:|---:|"
  node bench/search-query.js "$site" --repeat 9 --markdown "${QUERIES[@]}" 2>/dev/null
  echo
done
