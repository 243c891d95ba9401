#!/bin/sh
# octavo serve under load (issue 10): wrk with 64 connections for 10 s against a section page and
# against a missing path, while a page is edited every 1.5 s so that rebuilds run throughout.
# Usage: bench/serve-load.sh [PAGES]   (default 1000; OCTAVO names the binary, default the one of
# `make octavo`). Prints wrk's figures; any socket error or non-2xx/404 answer shows in them.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
octavo=${OCTAVO:-$root/.build-static/release/octavo}
pages=${1:-1000}
work=$(mktemp -d)
trap 'kill $server $editor 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$root/../shared/bench/make-corpus.py" "$work/Content" "$pages" >/dev/null
cp -R "$root/Templates" "$work/Templates"
cd "$work"
"$octavo" serve --port 0 >serve.log 2>&1 &
server=$!
while ! grep -q "Serving" serve.log; do sleep 0.1; done
url=$(sed -n 's/.* at \(http[^ ]*\) .*/\1/p' serve.log | head -n 1)
page=$(cd Output && ls -d s001/index.html | head -n 1)
edited=$(find Content -name '*.md' ! -name index.md | sort | head -n 1)
( n=0; while :; do n=$((n + 1)); printf '\n\nEdit %s.\n' "$n" >>"$edited"; sleep 1.5; done ) &
editor=$!
echo "== $url$page (a section page, while rebuilds run)"
wrk -t2 -c64 -d10s --latency "$url$page" | grep -E "Requests/sec|99%|Socket errors|Non-2xx|requests in"
echo "== ${url}no/such/page/ (the 404 page, while rebuilds run)"
wrk -t2 -c64 -d10s --latency "${url}no/such/page/" | grep -E "Requests/sec|99%|Socket errors|Non-2xx|requests in"
echo "rebuilds during the run: $(grep -c '^Built' serve.log)"
