/* Octavo search. On every page: "/" focuses the search field. On search.html: shows the results
   for ?q=WORDS and as you type; arrow keys move through them, Enter opens one.
   The index (search-index.js, and search/NAME.js for a large site; the format is described in
   Sources/Octavo/Search/SearchIndex.swift) is loaded with <script> tags, never fetch, so that search
   works from file://. Folding and word splitting match Sources/Octavo/Search/SearchText.swift:
   words of spaced scripts match from their start, scripts without spaces by character bigrams. */
(function (global) {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var SHOWN = 20;        // results shown at first, and added by "Show more"
  var CONTEXT = 90;      // characters of a snippet before its first match
  var SNIPPET = 260;     // characters of a snippet

  /* ---- Words: must match SearchText.swift (the rule is described there) ---- */

  // Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
  // Myanmar), and those whose marks folding drops (Latin, Greek, Cyrillic): by Unicode block.
  var NO_SPACE = /^[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u19E0-\u19FF\u2E80-\u2FDF\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303C\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA9E0-\uA9FF\uAA60-\uAA7F\uF900-\uFAFF\uFF66-\uFF9F\u{1B000}-\u{1B16F}\u{20000}-\u{3FFFF}]/u;
  var FOLDS = /^[\u0000-\u02AF\u0370-\u052F\u1C80-\u1C8F\u1D00-\u1DBF\u1E00-\u1FFF\u2C60-\u2C7F\u2DE0-\u2DFF\uA640-\uA69F\uA720-\uA7FF\uAB30-\uAB6F\uFB00-\uFB06\uFF21-\uFF5A]/u;
  var BASE = /^[\p{L}\p{N}]/u, MARK = /^\p{M}/u;
  var folded = new Map();  // character → its code points lower-cased and decomposed

  function foldCharacter(character) {
    var parts = folded.get(character);
    if (parts === undefined) { parts = Array.from(character.toLowerCase().normalize("NFD")); folded.set(character, parts); }
    return parts;
  }

  /**
   * The text cut as the index cuts it: [{word, start, end}] for a word of a spaced script, and
   * [{units: [unit…], spans: [[start, end]…]}] for a run of a script without spaces; start and end
   * are indices in `text`.
   */
  function runs(text) {
    var result = [], word = "", wordStart = 0, wordEnd = 0, units = null, spans = null, open = null, at = 0;
    function flushWord() {
      if (word) result.push({ word: word.normalize("NFC"), start: wordStart, end: wordEnd });
      word = "";
    }
    function flushUnits() {
      if (units) result.push({ units: units.map(function (unit) { return unit.normalize("NFC"); }), spans: spans });
      units = null;
    }
    for (var character of text) {
      var end = at + character.length, parts = foldCharacter(character);
      for (var k = 0; k < parts.length; k++) {
        var part = parts[k];
        if (BASE.test(part)) {
          var noSpace = NO_SPACE.test(part);
          if (noSpace) {
            flushWord();
            if (!units) { units = []; spans = []; }
            units.push(part);
            spans.push([at, end]);
          } else {
            flushUnits();
            if (!word) wordStart = at;
            word += part === "\u03c2" ? "\u03c3" : part;
            wordEnd = end;
          }
          open = { dropsMarks: FOLDS.test(part), noSpace: noSpace };
        } else if (MARK.test(part)) {
          if (!open || open.dropsMarks) continue;
          if (open.noSpace) { units[units.length - 1] += part; spans[spans.length - 1][1] = end; }
          else { word += part; wordEnd = end; }
        } else {
          flushWord();
          flushUnits();
          open = null;
        }
      }
      at = end;
    }
    flushWord();
    flushUnits();
    return result;
  }

  /** The words of `text` as the index holds them: words, and each unit and bigram of a run without spaces. */
  function words(text) {
    var result = [];
    runs(text).forEach(function (run) {
      if (run.word) { result.push(run.word); return; }
      for (var u = 0; u < run.units.length; u++) {
        result.push(run.units[u]);
        if (u + 1 < run.units.length) result.push(run.units[u] + run.units[u + 1]);
      }
    });
    return result;
  }

  /** The query's distinct terms: its words, and for a run without spaces its bigrams (or its one unit). */
  function terms(query) {
    var seen = {}, result = [];
    function add(term) { if (!seen[term]) { seen[term] = true; result.push(term); } }
    runs(query || "").forEach(function (run) {
      if (run.word) { add(run.word); return; }
      if (run.units.length === 1) add(run.units[0]);
      for (var u = 0; u + 1 < run.units.length; u++) add(run.units[u] + run.units[u + 1]);
    });
    return result;
  }

  /**
   * Whether `word` matches `term`: a term of a script without spaces (a unit or a bigram) only
   * itself; another term the start of a word, or the word itself when shorter than 3 characters.
   */
  function matches(word, term) {
    if (term.length < 3 || NO_SPACE.test(term)) return word === term;
    return word.lastIndexOf(term, 0) === 0;
  }

  /** Postings → [page, weight, page, weight, …]. */
  function decode(postings) {
    var out = [], page = 0, value = 0, shift = 0;
    for (var i = 0; i < postings.length; i++) {
      var digit = DIGITS.indexOf(postings.charAt(i));
      value += (digit & 31) * Math.pow(2, shift);
      shift += 5;
      if (digit < 32) {
        page += Math.floor(value / 4);
        out.push(page, value % 4);
        value = 0;
        shift = 0;
      }
    }
    return out;
  }

  /** The last index i with sorted[i] <= key (0 when none). */
  function floor(sorted, key) {
    var low = 0, high = sorted.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (sorted[middle] <= key) low = middle; else high = middle - 1;
    }
    return low;
  }

  /* ---- Engine: finds and ranks pages; `load(name)` gives a promise of shard NAME ---- */

  function Engine(index, load) {
    this.index = index;
    this.load = load;
    this.pending = {};
    this.wordLists = {};
  }

  Engine.prototype.shard = function (name) {
    var shards = this.index.shards;
    if (shards[name]) return Promise.resolve(shards[name]);
    if (!this.pending[name]) this.pending[name] = this.load(name);
    return this.pending[name];
  };

  /** Pages with a word that matches `term`: a Map page → highest weight. */
  Engine.prototype.match = function (term) {
    var self = this, starts = this.index.words, first = floor(starts, term), names = [];
    for (var i = first; i < starts.length && (i === first || matches(starts[i], term)); i++) names.push("w" + i);
    return Promise.all(names.map(function (name) { return self.shard(name).then(function (shard) { return self.parse(name, shard); }); }))
      .then(function (lists) {
        var pages = new Map();
        lists.forEach(function (list) {
          for (var k = floor(list.words, term); k < list.words.length; k++) {
            var word = list.words[k];
            if (word < term) continue;
            if (!matches(word, term)) break;
            var postings = decode(list.postings[k]);
            for (var p = 0; p < postings.length; p += 2) {
              var old = pages.get(postings[p]);
              if (old === undefined || old < postings[p + 1]) pages.set(postings[p], postings[p + 1]);
            }
          }
        });
        return pages;
      });
  };

  Engine.prototype.parse = function (name, shard) {
    if (!this.wordLists[name]) this.wordLists[name] = { words: shard[0].split(" "), postings: shard[1].split(" ") };
    return this.wordLists[name];
  };

  /**
   * Pages that have every word of the query (as the start of a word, or whole when shorter than
   * 3 characters), best first: the sum of each
   * word's weight (title 3, heading 2, frequent 1, text 0), then reading order.
   * Resolves to [{page, score}].
   */
  Engine.prototype.search = function (query) {
    var list = terms(query);
    if (!list.length) return Promise.resolve([]);
    return Promise.all(list.map(this.match, this)).then(function (maps) {
      maps.sort(function (a, b) { return a.size - b.size; });
      var results = [];
      maps[0].forEach(function (weight, page) {
        var score = weight;
        for (var m = 1; m < maps.length; m++) {
          var other = maps[m].get(page);
          if (other === undefined) return;
          score += other;
        }
        results.push({ page: page, score: score });
      });
      results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
      return results;
    });
  };

  /** Page `page`'s entry: [url, title, number, [[anchor, heading, text], …]]. */
  Engine.prototype.page = function (page) {
    var texts = this.index.texts, shard = floor(texts, page);
    return this.shard("t" + shard).then(function (entries) { return entries[page - texts[shard]]; });
  };

  /* ---- Results: which section to link to, and a snippet with the words marked ---- */

  /**
   * The places in `text` that a term of `list` matches, as {start, end} in `text`, sorted and
   * merged where they overlap (the bigrams of one query run), and `found[t]` true when list[t] matched.
   */
  function scan(text, list) {
    var spans = [], found = list.map(function () { return false; });
    runs(text).forEach(function (run) {
      for (var t = 0; t < list.length; t++) {
        if (run.word) {
          if (matches(run.word, list[t])) { found[t] = true; spans.push({ start: run.start, end: run.end }); }
          continue;
        }
        for (var u = 0; u < run.units.length; u++) {
          if (run.units[u] === list[t]) { found[t] = true; spans.push({ start: run.spans[u][0], end: run.spans[u][1] }); }
          if (u + 1 < run.units.length && run.units[u] + run.units[u + 1] === list[t]) {
            found[t] = true;
            spans.push({ start: run.spans[u][0], end: run.spans[u + 1][1] });
          }
        }
      }
    });
    spans.sort(function (a, b) { return a.start - b.start; });
    var merged = [];
    spans.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span.start <= last.end) last.end = Math.max(last.end, span.end); else merged.push({ start: span.start, end: span.end });
    });
    return { spans: merged, found: found };
  }

  /**
   * What to show for a page: {href, number, title, heading, snippet: [{text, mark}]}. The link goes
   * to the section (the text under one heading) that has the most words of the query, the first
   * of them when several have as many.
   */
  function describe(entry, list) {
    var best = null, bestCount = -1, bestSpans = [];
    entry[3].forEach(function (section) {
      var heading = scan(section[1], list).found, text = scan(section[2], list), count = 0;
      for (var t = 0; t < list.length; t++) if (heading[t] || text.found[t]) count++;
      if (count > bestCount) { best = section; bestCount = count; bestSpans = text.spans; }
    });
    // Words only in the page's title: link to the page's top, and show the start of its text.
    if (bestCount <= 0) { best = null; bestSpans = []; }
    // Each segment encoded whole: `:` too, so that a page named `javascript:x` can never be read
    // as a scheme (as in URLEscaping.path of LinkResolver.swift), and `#` and `?` in names.
    var href = entry[0].split("/").map(encodeURIComponent).join("/");
    if (best && best[0]) href += "#" + encodeURIComponent(best[0]);
    var shown = best && best[2] ? best : null;
    if (!shown) entry[3].some(function (section) { if (section[2]) shown = section; return !!shown; });
    return {
      href: href, number: entry[2], title: entry[1], heading: best ? best[1] : "",
      snippet: shown ? snippet(shown[2], shown === best ? bestSpans : []) : []
    };
  }

  /** About SNIPPET characters of `text` from a little before its first hit, as [{text, mark}]. */
  function snippet(text, spans) {
    if (!text) return [];
    var first = spans[0];
    var start = first ? Math.max(0, first.start - CONTEXT) : 0;
    if (start > 0) { var space = text.indexOf(" ", start); start = space >= 0 && space < first.start ? space + 1 : start; }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > start + SNIPPET / 2) end = back; }
    var parts = [], at = start;
    if (start > 0) parts.push({ text: "… ", mark: false });
    spans.forEach(function (span) {
      if (span.start < start || span.end > end) return;
      if (span.start > at) parts.push({ text: text.slice(at, span.start), mark: false });
      parts.push({ text: text.slice(span.start, span.end), mark: true });
      at = span.end;
    });
    if (end > at) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) parts.push({ text: " …", mark: false });
    return parts;
  }

  var api = { runs: runs, words: words, terms: terms, matches: matches, decode: decode, Engine: Engine, describe: describe };
  global.OctavoSearch = api;
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---- The page ---- */

  function field() {
    return document.querySelector(".site-search input[type=search]") || document.querySelector("input[type=search]");
  }

  function isTyping(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var input = field();
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  function scriptLoader(index) {
    var script = document.querySelector("script[src$='search-index.js']");
    var base = script ? script.src.replace(/search-index\.js$/, "") : "";
    return function (name) {
      return new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = base + "search/" + name + ".js";
        element.onload = function () {
          if (index.shards[name]) resolve(index.shards[name]); else reject(new Error(element.src + " has no shard " + name));
        };
        element.onerror = function () { reject(new Error("cannot load " + element.src)); };
        document.head.appendChild(element);
      });
    };
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(result) {
    var item = element("li"), link = element("a");
    link.href = result.href;
    if (result.number) link.appendChild(element("span", "number", result.number));
    link.appendChild(document.createTextNode(result.title));
    if (result.heading) link.appendChild(element("span", "section", " › " + result.heading));
    item.appendChild(link);
    if (result.snippet.length) {
      var text = element("p", "snippet");
      result.snippet.forEach(function (part) {
        text.appendChild(part.mark ? element("mark", "", part.text) : document.createTextNode(part.text));
      });
      item.appendChild(text);
    }
    return item;
  }

  function startSearchPage() {
    var container = document.getElementById("octavo.search-results"), index = global.OCTAVO_SEARCH_INDEX;
    if (!container) return;
    var input = field();
    if (!index) {
      container.replaceChildren(element("p", "search-status", "The search index (search-index.js) could not be loaded."));
      return;
    }
    var engine = new Engine(index, scriptLoader(index)), generation = 0;

    function show(query) {
      var current = ++generation, list = terms(query);
      if (!list.length) {
        container.replaceChildren(element("p", "search-status", "Type one or more words to search the whole document."));
        return;
      }
      engine.search(query).then(function (results) {
        if (current !== generation) return;
        var status = element("p", "search-status");
        status.setAttribute("role", "status");
        status.textContent = results.length
          ? results.length + (results.length === 1 ? " result" : " results") + " for “" + query.trim() + "”"
          : "No results for “" + query.trim() + "”.";
        var ordered = element("ol", "search-results-list");
        container.replaceChildren(status, ordered);
        var more = element("button", "search-more", "Show more results");
        more.type = "button";
        var shown = 0;
        function showMore() {
          var batch = results.slice(shown, shown + SHOWN);
          shown += batch.length;
          more.remove();
          return Promise.all(batch.map(function (result) { return engine.page(result.page); })).then(function (entries) {
            if (current !== generation) return;
            entries.forEach(function (entry) { ordered.appendChild(resultItem(describe(entry, list))); });
            if (shown < results.length) container.appendChild(more);
          });
        }
        more.addEventListener("click", function () {
          var next = ordered.children.length;
          showMore().then(function () { var link = ordered.children[next] && ordered.children[next].querySelector("a"); if (link) link.focus(); });
        });
        return showMore();
      }).catch(function (error) {
        if (current === generation) container.replaceChildren(element("p", "search-status", "Search failed: " + error.message));
      });
    }

    var query = new URLSearchParams(global.location.search).get("q") || "";
    if (input) {
      input.value = query;
      if (!query) input.focus();
      var timer = 0;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          show(input.value);
          try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (ignored) { /* file:// in some browsers */ }
        }, 150);
      });
    }
    show(query);

    document.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(container.querySelectorAll(".search-results-list a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0 && document.activeElement !== input) return;
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      event.preventDefault();
      if (next < 0) { if (input) input.focus(); }
      else if (next < links.length) links[next].focus();
    });
  }

  // Deferred scripts run before DOMContentLoaded, search-index.js after this one.
  if (document.readyState === "complete") startSearchPage();
  else document.addEventListener("DOMContentLoaded", startSearchPage);
})(typeof window !== "undefined" ? window : globalThis);
