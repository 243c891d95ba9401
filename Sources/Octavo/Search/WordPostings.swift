/// One share of the search index's words, with each word's postings (see ``SearchIndex``). The
/// words are shared out by their hash, so that each share is filled on a core of its own, each
/// going through every page in reading order: numbering every word of every page in turn on one
/// core was a third of the search index of a site of 10,000 pages.
struct WordPostings {
    /// The share's words, in the order first seen.
    private var table = WordTable()
    /// Each word's postings, by its number in ``table``.
    private(set) var postings: [[UInt8]] = []
    /// The last page each word was seen on.
    private var previous: [Int] = []

    /// The share's words, aligned with ``postings``.
    var words: [String] { table.words }

    /// Which of `count` shares a word whose ``WordTable/hash(ofUTF8:)`` is `hash` belongs to: its
    /// upper half, since the table places words by the lower bits.
    static func share(of hash: UInt64, count: Int) -> Int {
        Int((hash >> 32) % UInt64(count))
    }

    /// The hash of each word of a page (see ``WordTable/hash(ofUTF8:)``).
    static func hashes(of words: [(word: String, weight: Int)]) -> [UInt64] {
        words.map { entry in
            var word = entry.word
            return word.withUTF8 { WordTable.hash(ofUTF8: $0) }
        }
    }

    /// Adds the words of page number `page` that belong to share `share` of `count`, with their
    /// weights, to the postings (see ``SearchIndex`` for the format).
    /// - Parameters:
    ///   - words: The page's distinct words (``SearchIndex/words(of:)``).
    ///   - hashes: Their hashes, aligned with `words`.
    mutating func add(page: Int, words: [(word: String, weight: Int)], hashes: [UInt64], share: Int, count: Int) {
        for position in hashes.indices where Self.share(of: hashes[position], count: count) == share {
            let number = table.number(of: words[position].word, hash: hashes[position])
            if number == postings.count {
                postings.append([])
                previous.append(0)
            }
            SearchIndex.appendNumber((page - previous[number]) * 4 + words[position].weight, to: &postings[number])
            previous[number] = page
        }
    }
}
