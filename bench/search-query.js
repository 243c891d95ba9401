#!/usr/bin/env node
// Runs queries against a built site's search index with the site's own assets/search.js, as the
// browser does but reading shards from the disk. Used by the tests and by bench/search-bench.sh.
//
// Usage: node bench/search-query.js SITE_DIR [--repeat N] [--markdown] QUERY...
// Prints one JSON line per query: {"query", "count", "results": [first 20: {href, number, title,
// heading, snippet}], "ms": {"cold", "warm"}, "loadedBytes"}. "cold" is the first run of the query, loading and
// parsing the shards it needs (each query runs in a fresh engine); "warm" the median of N more runs
// with the shards in memory. Both include ranking and making the first 20 results' snippets.
// "loadedBytes": the shard files the cold run read (search-index.js, loaded once, not counted).
// --markdown prints a table row per query instead.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const args = process.argv.slice(2);
const site = args.shift();
let repeat = 5;
if (args[0] === "--repeat") { args.shift(); repeat = Number(args.shift()); }
const markdown = args[0] === "--markdown";
if (markdown) args.shift();
if (!site || !args.length) {
  console.error("usage: node bench/search-query.js SITE_DIR [--repeat N] QUERY...");
  process.exit(2);
}

const context = { console };
context.window = context;
vm.createContext(context);
const started = process.hrtime.bigint();
vm.runInContext(fs.readFileSync(path.join(site, "search-index.js"), "utf8"), context);
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
const index = context.OCTAVO_SEARCH_INDEX;
vm.runInContext(fs.readFileSync(path.join(site, "assets", "search.js"), "utf8"), context);
const search = context.OctavoSearch;
const inline = Object.keys(index.shards);

let loadedBytes = 0;

function freshEngine() {
  // Forget shards loaded by earlier queries, keep the ones search-index.js holds.
  for (const name of Object.keys(index.shards)) if (!inline.includes(name)) delete index.shards[name];
  return new search.Engine(index, (name) => {
    const script = fs.readFileSync(path.join(site, "search", name + ".js"), "utf8");
    loadedBytes += Buffer.byteLength(script);
    vm.runInContext(script, context);
    return Promise.resolve(index.shards[name]);
  });
}

async function run(engine, query) {
  const results = await engine.search(query);
  const terms = search.terms(query);
  const shown = await Promise.all(results.slice(0, 20).map(async (result) => {
    const described = search.describe(await engine.page(result.page), terms);
    return { href: described.href, number: described.number, title: described.title, heading: described.heading,
             snippet: described.snippet.map((part) => (part.mark ? "[" + part.text + "]" : part.text)).join("") };
  }));
  return { count: results.length, results: shown };
}

(async () => {
  console.error(JSON.stringify({ indexLoadMs: Math.round(loadMs * 100) / 100 }));
  for (const query of args) {
    loadedBytes = 0;
    let time = process.hrtime.bigint();
    const found = await run(freshEngine(), query);
    const cold = Number(process.hrtime.bigint() - time) / 1e6;
    const loaded = loadedBytes;
    const engine = freshEngine();
    await run(engine, query);
    const warm = [];
    for (let i = 0; i < repeat; i++) {
      time = process.hrtime.bigint();
      await run(engine, query);
      warm.push(Number(process.hrtime.bigint() - time) / 1e6);
    }
    warm.sort((a, b) => a - b);
    const median = warm.length ? warm[Math.floor(warm.length / 2)] : cold;
    if (markdown) {
      console.log(`| ${query} | ${found.count} | ${cold.toFixed(1)} | ${median.toFixed(1)} | ${loaded.toLocaleString("en")} |`);
      continue;
    }
    console.log(JSON.stringify({ query, count: found.count, results: found.results,
                                 ms: { cold: Math.round(cold * 100) / 100, warm: Math.round(median * 100) / 100 },
                                 loadedBytes: loaded }));
  }
})().catch((error) => { console.error(error); process.exit(1); });
