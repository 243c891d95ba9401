import Foundation

// The search index: JavaScript files that assign data to a global, loaded with <script> tags
// (browsers refuse fetch on file://). Read by Templates/assets/search.js; the format is below.

/// Builds the search index of a site: every page's title, number, headings and text.
///
/// The index is split so that a query loads only what it needs, however large the site:
/// - **word shards** map each word (folded by ``SearchText``) to the pages that contain it, sorted by
///   word and cut into shards of about ``Limits/wordShard`` bytes;
/// - **text shards** hold the pages' URLs, titles, numbers and text, section by section, for the
///   results' links and snippets, in reading order and cut into shards of about ``Limits/textShard`` bytes.
///
/// `search-index.js` assigns `window.OCTAVO_SEARCH_INDEX`:
/// ```
/// {"version":1, "pages":N, "words":[first word of each word shard], "texts":[first page of each text shard],
///  "shards":{"w0":…, "t0":…}}
/// ```
/// When all shards together are at most ``Limits/inline`` bytes they are in `shards`; otherwise
/// `shards` is empty and shard NAME is the file `search/NAME.js`, which sets
/// `OCTAVO_SEARCH_INDEX.shards["NAME"]`. A word shard is `["word word …", "postings postings …"]`;
/// a word's postings list its pages in reading order as numbers `(page − previous page) × 4 + weight`
/// (the first counted from page 0), each written in base 32 with a continuation bit: characters of
/// ``alphabet`` at 32 and above mean more follow, least significant first. Weight: 3 the word is in
/// the page's title or number, 2 in a heading, 1 three times or more in the text, 0 in the text.
/// A text shard is a list of pages `[url, title, number, [[anchor, heading, text], …]]`: `url` from
/// the site root, `number` the full number (`III.3`) or `""`, one entry per section of the page (the
/// text before its first heading has heading `""` and anchor `""`, the page's top).
public struct SearchIndex: Sendable {
    /// The search page's path from the site root.
    public static let pagePath = GeneratedPaths.search
    /// The index's path from the site root.
    public static let indexPath = GeneratedPaths.searchIndex
    /// The folder of the shard files, from the site root.
    public static let shardFolder = "search"
    /// The digits of postings: values 0–31, and 32–63 for "more digits follow".
    public static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// Sizes, in bytes of UTF-8.
    public struct Limits: Sendable {
        /// All shards go inside `search-index.js` when together they are at most this big.
        public var inline = 200_000
        /// A word shard is closed when it reaches this size.
        public var wordShard = 64_000
        /// A text shard is closed when it reaches this size.
        public var textShard = 64_000

        /// The default limits.
        public init() {}
    }

    /// The site.
    public var site: Site
    /// The shard sizes.
    public var limits: Limits
    /// The pages' parts of earlier builds (`octavo serve`): unchanged pages are not read again.
    public var cache: SearchCache?
    /// Each page's number in a ``PageVersions`` kept with ``cache`` (aligned with the site's
    /// pages, the index of terms' page after them has none); `nil`: each value is written out.
    var versions: [Int]?

    /// Creates the index of a site.
    public init(site: Site, limits: Limits = Limits()) {
        self.site = site
        self.limits = limits
    }

    /// The index files: `search-index.js` and, for a large site, `search/*.js`; sorted by path.
    /// - Complexity: O(n) in the size of the site's text, plus sorting its distinct words.
    public func files() -> [OutputFile] {
        files(stage: { $0 })
    }

    /// How many pages are read together (on all cores) before their words and texts are added.
    static let batchSize = 256

    /// In how many shares the words are numbered, on all cores (see ``WordPostings``): more than
    /// the cores, so that a share with more words than the others does not leave a core idle.
    static let wordShares = 4

    /// ``files()``, each shard file handed to `stage` as soon as it is made (see ``FileStage``), so
    /// that neither every page's words and text nor every shard is held at once: pages are read a
    /// batch at a time, and text shards are made as the pages come.
    func files(stage: (OutputFile) -> OutputFile) -> [OutputFile] {
        // Each page's words and text entry are made on all cores; then, in reading order, each
        // distinct word gets a number on first sight and each page appends to the postings of its
        // words, so that a word is hashed once per page it is on, not once per occurrence (words
        // are told apart by their UTF-8, as ``WordTable`` does: ``SearchText`` makes them NFC).
        let pages = site.pages
        // `octavo serve`: the parts of unchanged pages are the last build's (see SearchCache).
        let cached = cache?.numberedParts(of: pages, versions: versions, make: { (Self.words(of: $0), Self.textEntry(of: $0)) })
        // With a cache, a word's number here is found by its number in the cache, not by its text.
        var numbered = [Int](repeating: -1, count: cached?.words.count ?? 0)
        // Without a cache, the words are numbered in shares on all cores (see ``WordPostings``).
        var shares = [WordPostings](repeating: WordPostings(), count: cached == nil ? Self.wordShares : 0)
        var words: [String] = []
        var postings: [[UInt8]] = []
        var previous: [Int] = []

        // Shards are held while all of them together may still go inline; once they pass
        // `limits.inline`, every shard is a file of its own, handed to `stage` as it is made.
        var heldWords: [(name: String, json: String)] = []
        var heldTexts: [(name: String, json: String)] = []
        var heldSize = 0
        var shardFiles: [OutputFile] = []
        func shardFile(_ shard: (name: String, json: String)) -> OutputFile {
            let script = "OCTAVO_SEARCH_INDEX.shards[" + JSONText.string(shard.name) + "]=" + shard.json + ";\n"
            return stage(OutputFile(path: Self.shardFolder + "/" + shard.name + ".js", contents: .bytes(Array(script.utf8))))
        }
        func emit(_ shard: (name: String, json: String), word: Bool) {
            if heldSize > limits.inline {
                shardFiles.append(shardFile(shard))
                return
            }
            if word { heldWords.append(shard) } else { heldTexts.append(shard) }
            heldSize += shard.json.utf8.count
            if heldSize > limits.inline {
                shardFiles += (heldWords + heldTexts).map(shardFile)
                heldWords = []
                heldTexts = []
            }
        }

        var textStarts: [Int] = []
        var group: [String] = []
        var groupStart = 0
        var size = 0
        func closeTextShard() {
            guard !group.isEmpty else { return }
            emit(("t\(textStarts.count)", "[" + group.joined(separator: ",\n") + "]"), word: false)
            textStarts.append(groupStart)
            groupStart += group.count
            group = []
            size = 0
        }
        for start in stride(from: 0, to: pages.count, by: Self.batchSize) {
            let range = start..<min(start + Self.batchSize, pages.count)
            var pageWords = [[(word: String, weight: Int)]](repeating: [], count: range.count)
            var texts = [String](repeating: "", count: range.count)
            if let cached {
                for index in range { (pageWords[index - start], texts[index - start]) = cached.parts[index] }
                for (offset, onPage) in pageWords.enumerated() {
                    let index = start + offset
                    let cachedNumbers = cached.numbers[index]
                    for (position, (word, weight)) in onPage.enumerated() {
                        var number = numbered[Int(cachedNumbers[position])]
                        if number < 0 {
                            number = words.count
                            numbered[Int(cachedNumbers[position])] = number
                            words.append(word)
                            postings.append([])
                            previous.append(0)
                        }
                        Self.appendNumber((index - previous[number]) * 4 + weight, to: &postings[number])
                        previous[number] = index
                    }
                }
            } else {
                var hashes = [[UInt64]](repeating: [], count: range.count)
                pageWords.withUnsafeMutableBufferPointer { wordBuffer in
                    texts.withUnsafeMutableBufferPointer { textBuffer in
                        hashes.withUnsafeMutableBufferPointer { hashBuffer in
                            let wordOutput = Unchecked.Buffer(wordBuffer), textOutput = Unchecked.Buffer(textBuffer), hashOutput = Unchecked.Buffer(hashBuffer)
                            DispatchQueue.concurrentPerform(iterations: range.count) { offset in
                                wordOutput.buffer[offset] = Self.words(of: pages[start + offset])
                                hashOutput.buffer[offset] = WordPostings.hashes(of: wordOutput.buffer[offset])
                                textOutput.buffer[offset] = Self.textEntry(of: pages[start + offset])
                            }
                        }
                    }
                }
                // Each share goes through the pages in reading order, so its postings are in page order.
                shares.withUnsafeMutableBufferPointer { buffer in
                    let output = Unchecked.Buffer(buffer)
                    DispatchQueue.concurrentPerform(iterations: buffer.count) { [pageWords, hashes] share in
                        for offset in pageWords.indices {
                            output.buffer[share].add(page: start + offset, words: pageWords[offset], hashes: hashes[offset], share: share, count: Self.wordShares)
                        }
                    }
                }
            }
            for text in texts {
                if size > 0 && size + text.utf8.count > limits.textShard { closeTextShard() }
                group.append(text)
                size += text.utf8.count + 2
            }
        }
        closeTextShard()
        if cached == nil {
            // Which share a word is in does not matter: the words are sorted below.
            words = shares.flatMap(\.words)
            postings = shares.flatMap(\.postings)
            shares = []
        }

        var wordStarts: [String] = []
        var current: [(String, [UInt8])] = []
        size = 0
        func closeWordShard() {
            guard !current.isEmpty else { return }
            let words = current.map(\.0).joined(separator: " ")
            let lists = String(decoding: Array(current.map(\.1).joined(separator: [UInt8(ascii: " ")])), as: UTF8.self)
            emit(("w\(wordStarts.count)", "[" + JSONText.string(words) + "," + JSONText.string(lists) + "]"), word: true)
            wordStarts.append(wordStarts.isEmpty ? "" : current[0].0)
            current = []
            size = 0
        }
        for number in words.indices.sorted(by: { SearchText.precedesInUTF16Order(words[$0], words[$1]) }) {
            let word = words[number], list = postings[number]
            if size > 0 && size + word.utf8.count + list.count + 2 > limits.wordShard { closeWordShard() }
            current.append((word, list))
            size += word.utf8.count + list.count + 2
        }
        closeWordShard()

        let inline = heldSize <= limits.inline
        let shardObject = inline ? (heldWords + heldTexts).map { JSONText.string($0.name) + ":" + $0.json }.joined(separator: ",\n") : ""
        let core = "window.OCTAVO_SEARCH_INDEX={\"version\":1,\"pages\":\(site.pages.count),"
            + "\"words\":[" + wordStarts.map(JSONText.string).joined(separator: ",") + "],"
            + "\"texts\":[" + textStarts.map(String.init).joined(separator: ",") + "],"
            + "\"shards\":{" + shardObject + "}};\n"
        return ([stage(OutputFile(path: Self.indexPath, contents: .bytes(Array(core.utf8))))] + shardFiles).sorted { $0.path < $1.path }
    }

    /// The distinct words of a page, in the order first seen, each with its weight as the format
    /// above says: 3 in the title or number, 2 in a heading, 1 three times or more in the text, else 0.
    static func words(of page: Page) -> [(word: String, weight: Int)] {
        var splitter = SearchText.Splitter()
        var table = WordTable()
        // By word number: the weight from the title and headings, and how often the text has it.
        // Passed inout, not captured by a nested function, which made every access a dynamic
        // exclusivity check.
        var weights: [Int] = []
        var counts: [Int] = []
        splitter.forEachWord((page.numberPath ?? "") + " " + page.title) { word in
            let number = Self.number(of: word, in: &table, weights: &weights, counts: &counts)
            weights[number] = 3
        }
        for blocks in [page.blocks, page.closing] {
            for block in blocks where block.kind != .closingMarker {
                let heading = block.headingLevel != nil
                splitter.forEachWord(block.text) { word in
                    let number = Self.number(of: word, in: &table, weights: &weights, counts: &counts)
                    if heading { weights[number] = max(weights[number], 2) } else { counts[number] += 1 }
                }
            }
        }
        return table.words.indices.map { (table.words[$0], max(weights[$0], counts[$0] >= 3 ? 1 : 0)) }
    }

    /// The number of a word's UTF-8 in `table`; a new word gets weight and count 0.
    private static func number(of word: UnsafeBufferPointer<UInt8>, in table: inout WordTable, weights: inout [Int], counts: inout [Int]) -> Int {
        let number = table.number(ofUTF8: word)
        if number == weights.count {
            weights.append(0)
            counts.append(0)
        }
        return number
    }

    /// The page's entry in a text shard.
    private static func textEntry(of page: Page) -> String {
        var sections: [(anchor: String, heading: String, text: String)] = []
        let paragraphIDs = page.paragraphIDs
        for (offset, block) in (page.blocks + page.closing).enumerated() where block.kind != .closingMarker {
            if let id = block.id, block.headingLevel != nil {
                sections.append((id, block.text, ""))
                continue
            }
            if offset == page.blocks.count, let id = paragraphIDs[offset] {
                sections.append((id, "", ""))  // closing text, shown apart from the body
            }
            if sections.isEmpty { sections.append(("", "", "")) }
            if block.text.isEmpty { continue }
            sections[sections.count - 1].text += (sections[sections.count - 1].text.isEmpty ? "" : " ") + block.text
        }
        let entries = sections.map { "[" + JSONText.string($0.anchor) + "," + JSONText.string($0.heading) + "," + JSONText.string($0.text) + "]" }
        return "[" + JSONText.string(page.path) + "," + JSONText.string(page.title) + "," + JSONText.string(page.numberPath ?? "")
            + ",[" + entries.joined(separator: ",") + "]]"
    }

    /// Appends a number in the postings' base-32 digits, least significant first.
    static func appendNumber(_ number: Int, to bytes: inout [UInt8]) {
        var rest = number
        while rest >= 32 {
            bytes.append(alphabet[32 + (rest & 31)])
            rest >>= 5
        }
        bytes.append(alphabet[rest])
    }

    /// Reads postings back: `(page, weight)` pairs (for tests and tools).
    public static func decode(_ postings: String) -> [(page: Int, weight: Int)] {
        var result: [(Int, Int)] = []
        var page = 0
        var value = 0
        var shift = 0
        for byte in postings.utf8 {
            guard let digit = alphabet.firstIndex(of: byte) else { continue }
            value |= (digit & 31) << shift
            shift += 5
            if digit < 32 {
                page += value >> 2
                result.append((page, value & 3))
                value = 0
                shift = 0
            }
        }
        return result
    }
}
