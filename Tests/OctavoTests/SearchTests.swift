import Foundation
import Testing
@testable import Octavo

@Suite("Search: the index and the search script")
struct SearchTests {
    static let book = """
        ---
        title: Book
        split: [1, 2]
        ---
        # I. Élan vital

        Intro text about the naïve reader.

        ## 1. Nuclear matters

        Nuclear nuclear nuclear. Rare word zebra.

        ### Deep heading

        Text under the deep heading mentions Zürich.

        # II. Second part

        Nothing about that.
        """

    /// The index's global object, read with Foundation's JSON parser (the file is `window.X={…};`).
    static func core(_ files: [OutputFile]) throws -> [String: Any] {
        let script = try #require(files.first { $0.path == SearchIndex.indexPath }).text
        let json = script.drop { $0 != "{" }.dropLast(2)
        return try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func postings(_ word: String, in core: [String: Any]) throws -> [(page: Int, weight: Int)] {
        let shards = try #require(core["shards"] as? [String: Any])
        for case let shard as [String] in shards.values {
            let words = shard[0].split(separator: " ").map(String.init)
            let lists = shard[1].split(separator: " ").map(String.init)
            if let index = words.firstIndex(of: word) { return SearchIndex.decode(lists[index]) }
        }
        return []
    }

    /// Words sort as JavaScript compares strings (UTF-16 code units), also where a character above
    /// U+FFFF (surrogates) meets one of U+E000–U+FFFF, which UTF-8 bytes would sort the other way.
    @Test func wordsSortByUTF16CodeUnitsAsJavaScriptDoes() {
        let words = ["", "a", "ab", "b", "é", "e\u{301}", "z", "ÿ", "ā", "ω", "土", "土壤", "\u{D7FF}", "\u{E000}", "\u{FB01}", "\u{FFFD}",
                     "\u{FFFF}", "𝒜", "😀", "😀a", "\u{10000}", "\u{10FFFF}", "x😀", "x\u{FFFD}", "x\u{E000}y", "x𐀀"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = words.shuffled(using: &random)
            #expect(shuffled.sorted(by: SearchText.precedesInUTF16Order) == shuffled.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        }
        #expect(SearchText.precedesInUTF16Order("😀", "\u{FFFD}") && !SearchText.precedesInUTF16Order("\u{FFFD}", "😀"))
    }

    @Test func wordsAreFoldedAndCutAsTheScriptDoes() {
        #expect(SearchText.words("Évian-les-Bains, ÇA VA? naïve COVID-19 ΟΔΟΣ Straße İstanbul x²")
                == ["evian", "les", "bains", "ca", "va", "naive", "covid", "19", "οδοσ", "straße", "istanbul", "x²"])
        #expect(SearchText.words("Ame\u{301}lie") == ["amelie"])  // decomposed input folds the same
        #expect(SearchText.words("“quoted” — it’s") == ["quoted", "it", "s"])
        // ASCII read byte by byte and other scripts by scalar meet inside one word and at its edges.
        #expect(SearchText.words("abc土壤def Café e\u{301}x 𠀀𠀁a𝐀b 😀x ǅemal").map { Array($0.unicodeScalars) }
                == ["abc", "土", "土壤", "壤", "def", "cafe", "ex", "𠀀", "𠀀𠀁", "𠀁", "a𝐀b", "x", "ǆemal"].map { Array($0.unicodeScalars) })
        #expect(SearchText.words("नमस्ते 12.5%") == ["नमस्ते", "12", "5"])  // marks of other scripts stay, composed
    }

    /// A page's words keep the number of their first sight through the table's growth; words are
    /// told apart by their bytes (the splitter's words are NFC, so "e\u{301}" never reaches it).
    @Test func aPagesWordsAreNumberedInTheOrderFirstSeen() {
        var table = WordTable()
        let words = (0..<1000).map { "w\($0 * 7919 % 1000)" } + ["", "é", "e\u{301}"]
        let numbers = words.map { table.number(of: $0) }
        #expect(numbers == Array(0..<words.count))
        #expect(words.map { table.number(of: $0) } == numbers)  // found again, nothing added
        #expect(table.words == words)
    }

    @Test func postingsRoundTrip() {
        var bytes: [UInt8] = []
        let values = [(0, 3), (1, 0), (40, 2), (1_000_000, 1)]
        var previous = 0
        for (page, weight) in values {
            SearchIndex.appendNumber((page - previous) * 4 + weight, to: &bytes)
            previous = page
        }
        #expect(SearchIndex.decode(String(decoding: bytes, as: UTF8.self)).map { [$0.page, $0.weight] } == values.map { [$0.0, $0.1] })
    }

    @Test func indexHasEveryPageWithTitleNumberHeadingsAndText() throws {
        let site = try outline(["index.md": Self.book])
        let core = try Self.core(SearchIndex(site: site).files())
        #expect(core["pages"] as? Int == site.pages.count)
        let shards = try #require(core["shards"] as? [String: Any])
        let texts = try #require(shards["t0"] as? [[Any]])
        #expect(texts.count == site.pages.count)
        let item = try #require(texts.first { $0[0] as? String == "i/1/index.html" })
        #expect(item[1] as? String == "Nuclear matters")
        #expect(item[2] as? String == "I.1")
        let sections = try #require(item[3] as? [[String]])
        #expect(sections.map(\.[0]) == ["", "deep-heading"])
        #expect(sections[1][1] == "Deep heading")
        #expect(sections[1][2].contains("Zürich"))

        // Weights: 3 in the title, 2 in a heading, 1 three times or more in the text, 0 once.
        #expect(try Self.postings("nuclear", in: core).map(\.weight) == [3])
        #expect(try Self.postings("deep", in: core).map(\.weight) == [2])
        #expect(try Self.postings("zebra", in: core).map(\.weight) == [0])
        #expect(try Self.postings("elan", in: core).map(\.page) == [1])
        #expect(try Self.postings("zurich", in: core).map(\.page) == [2])
        #expect(try Self.postings("naive", in: core).count == 1)
        #expect(try Self.postings("i", in: core).map(\.page) == [1, 2])  // the number I is part of both titles
    }

    @Test func largeSitesGetShardFilesListedInTheIndex() throws {
        var text = "---\ntitle: Big\nsplit: [1]\n---\n"
        for part in 1...40 { text += "# \(part). Part \(part)\n\nWord\(part) and common text repeated for size, \(String(repeating: "filler ", count: 50))\n\n" }
        let site = try outline(["index.md": text])
        var limits = SearchIndex.Limits()
        limits.inline = 1_000
        limits.wordShard = 200
        limits.textShard = 1_000
        let files = SearchIndex(site: site, limits: limits).files()
        let core = try Self.core(files)
        #expect((core["shards"] as? [String: Any])?.isEmpty == true)
        let words = try #require(core["words"] as? [String])
        let texts = try #require(core["texts"] as? [Int])
        #expect(words.count > 1 && words.first == "" && words == words.sorted())
        #expect(texts.first == 0 && texts == texts.sorted() && texts.count > 1)
        let expected = Set(words.indices.map { "search/w\($0).js" } + texts.indices.map { "search/t\($0).js" } + [SearchIndex.indexPath])
        #expect(Set(files.map(\.path)) == expected)
        #expect(files.map(\.path) == files.map(\.path).sorted())
        let shard = try #require(files.first { $0.path == "search/w0.js" }).text
        #expect(shard.hasPrefix("OCTAVO_SEARCH_INDEX.shards[\"w0\"]=["))
        #expect(SearchIndex(site: site, limits: limits).files().map(\.text) == files.map(\.text))
    }

    /// Words are numbered in shares on all cores, a batch of pages after another: a word on pages
    /// of several batches lists every one of them in reading order, and the index is the one the
    /// cache's numbering (one word after another) makes.
    @Test func aWordOnPagesOfManyBatchesListsThemAllInOrder() throws {
        var text = "---\ntitle: Many\nsplit: [1]\n---\n"
        for part in 1...(SearchIndex.batchSize + 50) { text += "# \(part). Part \(part)\n\nshared word\(part % 7) text\n\n" }
        let site = try outline(["index.md": text])
        let files = SearchIndex(site: site).files()
        let core = try Self.core(files)
        func pages(with word: String) -> [Int] {
            site.pages.indices.filter { index in site.pages[index].blocks.contains { $0.text.split(separator: " ").contains(Substring(word)) } }
        }
        #expect(pages(with: "shared").count == SearchIndex.batchSize + 50)
        #expect(try Self.postings("shared", in: core).map(\.page) == pages(with: "shared"))
        #expect(try Self.postings("word3", in: core).map(\.page) == pages(with: "word3"))
        var cached = SearchIndex(site: site)
        cached.cache = SearchCache()
        #expect(cached.files().map(\.text) == files.map(\.text))
    }

    @Test func anIndexFromTheCacheIsTheIndexWithoutItAfterAnEdit() throws {
        // The cache numbers words once for the session: words of pages no longer there stay
        // numbered, new words get new numbers, and the index is the one made without a cache.
        let cache = SearchCache()
        func index(_ site: Site) -> [String] {
            var cached = SearchIndex(site: site)
            cached.cache = cache
            let files = cached.files().map(\.text)
            #expect(files == SearchIndex(site: site).files().map(\.text))
            return files
        }
        let before = index(try outline(["index.md": Self.book]))
        // One page's value changes (a key input of its part): its words are read again.
        let after = index(try outline(["index.md": Self.book.replacingOccurrences(of: "Rare word zebra.", with: "Rare word okapi, then zebra.")]))
        #expect(before != after)
        #expect(after.joined().contains("okapi"))
        #expect(cache.pageCounts.reused > 0)
        _ = index(try outline(["index.md": Self.book.replacingOccurrences(of: "Nuclear nuclear nuclear.", with: "Okapi first.")]))
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}e\u{2028}f“g”") == #""a\"b\\c\nd\u0001e\u2028f“g”""#)
    }

    @Test func realDocumentIndexIsAtMost150KB() throws {
        let result = try RealSite.render()
        let index = result.files.filter { $0.path == SearchIndex.indexPath || $0.path.hasPrefix(SearchIndex.shardFolder + "/") }
        let bytes = index.reduce(0) { $0 + $1.text.utf8.count }
        #expect(index.map(\.path) == [SearchIndex.indexPath])
        #expect(bytes > 10_000 && bytes <= 150_000, "the index is \(bytes) bytes")
        #expect(result.files.contains { $0.path == SearchIndex.pagePath })
    }

    @Test func everyPageHasTheSearchFieldAndTheSearchPageLoadsTheIndexByScript() throws {
        let files = try RealSite.build().files
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<input type=\"search\" name=\"q\""), "\(path) has no search field")
            #expect(html.contains("action=\"\(RelativePath.root(from: path))search.html\""), "\(path)'s search form")
        }
        let page = String(decoding: files["search.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<script src=\"search-index.js\""))
        #expect(page.contains("id=\"octavo.search-results\""))
        let script = String(decoding: files["assets/search.js"] ?? Data(), as: UTF8.self)
        for forbidden in ["fetch(", "XMLHttpRequest", "http://", "https://", "import("] {
            #expect(!script.contains(forbidden), "search.js uses \(forbidden)")
        }
    }

    // The search script itself, run by node on a built site (bench/search-query.js).

    static let harness = packageRoot.appendingPathComponent("bench/search-query.js").path

    static func query(_ site: URL, _ queries: [String]) throws -> [[String: Any]] {
        let (status, output) = try runProgram(["node", harness, site.path, "--repeat", "0"] + queries)
        #expect(status == 0)
        return try output.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test(.enabled(if: isInstalled("node"), "needs node"))
    func scriptFindsFoldedWordsAllOfThemAndRanksTitlesFirst() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "---\ntitle: Home\n---\nWelcome.\n",
            "a.md": "# Reactors\n\nThe nuclear question, at length. Über café.\n",
            "b.md": "# Nuclear power\n\nAbout energy.\n",
            "c.md": "# Other\n\n## Nuclear heading\n\nWar and peace and nuclear matters.\n",
        ], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let site = folder.url.appendingPathComponent("Output")
        let results = try Self.query(site, ["NUCLEAR", "nuclear war", "uber CAFÉ", "zzxqj", "nuc", "nu"])
        func hrefs(_ index: Int) -> [String] { (results[index]["results"] as? [[String: Any]] ?? []).compactMap { $0["href"] as? String } }
        #expect(hrefs(0) == ["b/index.html", "c/index.html#nuclear-heading", "a/index.html"])  // title, heading, text
        #expect(hrefs(1) == ["c/index.html#nuclear-heading"])
        #expect(hrefs(2) == ["a/index.html"])
        #expect(results[3]["count"] as? Int == 0)
        #expect(hrefs(4).count == 3)  // three letters or more: the start of a word
        #expect(hrefs(5).isEmpty)  // shorter: whole words only
        let first = try #require((results[1]["results"] as? [[String: Any]])?.first)
        #expect(first["snippet"] as? String == "[War] and peace and [nuclear] matters.")
        #expect(first["heading"] as? String == "Nuclear heading")
    }

    /// Chinese, Japanese and Thai are written without spaces: any word inside a sentence is found
    /// (by character bigrams), a single character too, and kana voicing marks are kept (`が` ≠ `か`).
    @Test(.enabled(if: isInstalled("node"), "needs node"))
    func wordsInsideSentencesWithoutSpacesAreFound() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "---\ntitle: Home\n---\nWelcome.\n",
            "zh.md": "# 园艺\n\n春天之前需要检查土壤和排水。\n",
            "ja.md": "# 庭\n\n水やりは朝がいい。\n",
            "ka.md": "# かな\n\nかき の はなし。\n",
            "th.md": "# ไทย\n\nภาษาไทยเป็นภาษาที่สวยงาม\n",
            "mixed.md": "# Mixed\n\nSwift语言 and Café.\n",
        ], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let queries = ["排水", "检查", "土壤", "水やり", "が", "か", "土", "检查土壤", "排土", "ภาษาที่", "สวยงาม", "ไทยเป็น", "语言", "swift", "cafe", "水"]
        let results = try Self.query(folder.url.appendingPathComponent("Output"), queries)
        func hrefs(_ index: Int) -> [String] { (results[index]["results"] as? [[String: Any]] ?? []).compactMap { $0["href"] as? String } }
        for index in 0..<4 { #expect(hrefs(index) == [index < 3 ? "zh/index.html" : "ja/index.html"], "\(queries[index]): \(hrefs(index))") }
        #expect(hrefs(4) == ["ja/index.html"])  // が, not か
        #expect(hrefs(5) == ["ka/index.html"])  // か, not が
        #expect(hrefs(6) == ["zh/index.html"])  // one character
        #expect(hrefs(7) == ["zh/index.html"])  // a longer word: all its bigrams
        #expect(hrefs(8) == [])  // characters of the page, but not next to each other
        for index in 9..<12 { #expect(hrefs(index) == ["th/index.html"], "\(queries[index]): \(hrefs(index))") }
        #expect(hrefs(12) == ["mixed/index.html"] && hrefs(13) == ["mixed/index.html"] && hrefs(14) == ["mixed/index.html"])
        #expect(Set(hrefs(15)) == ["zh/index.html", "ja/index.html"])
        func snippet(_ index: Int) -> String? { (results[index]["results"] as? [[String: Any]])?.first?["snippet"] as? String }
        #expect(snippet(7) == "春天之前需要[检查土壤]和排水。")
        #expect(snippet(3) == "[水やり]は朝がいい。")
        #expect(snippet(4) == "水やりは朝[が]いい。")
    }

    /// The index (Swift) and the queries (search.js) cut and fold text the same way.
    @Test(.enabled(if: isInstalled("node"), "needs node"))
    func theScriptCutsTextAsTheIndexDoes() throws {
        let texts = ["Évian-les-Bains, ÇA VA? naïve COVID-19 ΟΔΟΣ Straße İstanbul x²", "Ame\u{301}lie", "“quoted” — it’s",
                     "春天之前需要检查土壤和排水。", "水やりは朝がいい。", "か\u{3099}き", "ภาษาไทยเป็นภาษาที่สวยงาม", "ພາສາລາວ",
                     "ភាសាខ្មែរ", "မြန်မာဘာသာ", "हिन्दी भाषा", "한국어 문장", "コーヒー㐀𠀀丽", "\u{301}lone mark", "Swift语言ﬁ"]
        let script = "const s = require(process.argv[1]); for (const t of JSON.parse(process.argv[2])) console.log(JSON.stringify(s.words(t)));"
        let json = String(decoding: try JSONSerialization.data(withJSONObject: texts), as: UTF8.self)
        let (status, output) = try runProgram(["node", "-e", script, realTemplates.appendingPathComponent("assets/search.js").path, json])
        #expect(status == 0)
        let lines = output.split(separator: "\n")
        #expect(lines.count == texts.count)
        for (text, line) in zip(texts, lines) {
            let fromScript = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String]
            // Compared by code point: Swift's `==` would take NFC and NFD as equal.
            #expect(fromScript?.map { Array($0.unicodeScalars) } == SearchText.words(text).map { Array($0.unicodeScalars) }, "\(text)")
        }
        #expect(SearchText.words("土壤和") == ["土", "土壤", "壤", "壤和", "和"])
        #expect(SearchText.words("が").map { Array($0.unicodeScalars) } == [["\u{304C}"]])
    }

    @Test(.enabled(if: isInstalled("node"), "needs node"))
    func aMatchOnlyInTheTitleStillShowsTheStartOfTheText() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "---\ntitle: Home\n---\nWelcome.\n",
            "a.md": "# Zebra\n\n## Stripes\n\n### Colours\n\nBlack and white, in bands.\n",
        ], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let results = try Self.query(folder.url.appendingPathComponent("Output"), ["zebra"])
        let first = try #require((results[0]["results"] as? [[String: Any]])?.first)
        #expect(first["href"] as? String == "a/index.html")
        #expect(first["snippet"] as? String == "Black and white, in bands.")
        #expect(first["heading"] as? String == "")
    }

    @Test(.enabled(if: isInstalled("node") && FileManager.default.fileExists(atPath: sharedFolder.appendingPathComponent("bench/make-corpus.py").path),
                   "needs node and ../shared/bench"))
    func shardedIndexOfA300PageCorpusFindsWhatThePagesSay() throws {
        let folder = try TemporaryFolder()
        try makeCorpus(300, in: folder)
        _ = try Pipeline(options: options(in: folder)).build()
        let site = folder.url.appendingPathComponent("Output")
        let files = folder.snapshot("Output")
        #expect(files.keys.contains("search/w1.js") && files.keys.contains("search/t1.js"))
        for result in try Self.query(site, ["afghanistan", "Biosecurity terrorism"]) {
            let found = result["results"] as? [[String: Any]] ?? []
            #expect(!found.isEmpty)
            for href in found.compactMap({ $0["href"] as? String }) {
                let path = String(href.split(separator: "#")[0])
                let page = String(decoding: files[path] ?? Data(), as: UTF8.self).lowercased()
                for word in (result["query"] as? String ?? "").lowercased().split(separator: " ") {
                    #expect(page.contains(word), "\(path) does not contain \(word)")
                }
            }
        }
    }
}
