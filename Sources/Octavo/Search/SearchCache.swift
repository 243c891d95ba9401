import Foundation

/// Keeps each page's part of the search index between builds (`BuildCache`, which `octavo serve`
/// keeps), so that a rebuild reads again only the pages whose values changed: splitting every
/// page's text into words is most of the search stage's time.
///
/// A page's words and text entry are a function of its ``Page`` value alone. Entries are named by
/// the page's path and reused only when the whole value, written out byte for byte (``CacheKey``),
/// is the same; its number in the ``PageVersions`` kept beside this cache stands for it.
///
/// Each word also gets a number that stays the same for the whole session (``WordTable``), given
/// when a page's part is made: the index then finds a word's postings by that number instead of
/// hashing every word of every page again, which was half of the search stage of a one-page rebuild.
public final class SearchCache: Sendable {
    /// A page's distinct words with their weights, and its entry in a text shard.
    typealias Part = (words: [(word: String, weight: Int)], text: String)

    /// Each page's part, each page's words as numbers of ``words`` (aligned with the part's
    /// words), and every word numbered so far (more than the pages now hold).
    typealias Numbered = (parts: [Part], numbers: [[Int32]], words: [String])

    private struct Entry: Sendable {
        var key: CacheKey
        var words: [(word: String, weight: Int)]
        var text: String
        var numbers: [Int32]
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        /// Every word seen since the cache was made, numbered once.
        var table = WordTable()
    }

    private let state = Unchecked.Locked(State())
    private let counts = Unchecked.Locked((read: 0, reused: 0))

    /// Creates an empty cache.
    public init() {}

    /// Pages read and pages whose part was reused, since the cache was made.
    public var pageCounts: (read: Int, reused: Int) { counts.withLock { $0 } }

    /// Each page's part: the one kept when the page is unchanged, else made by `make` (on all
    /// cores); keeps this build's parts and forgets the pages it no longer has.
    /// - Parameter versions: Each page's number in the ``PageVersions`` kept with this cache,
    ///   which stands for its value; a page without one has its value written out.
    func parts(of pages: [Page], versions: [Int]? = nil, make: @escaping @Sendable (Page) -> Part) -> [Part] {
        numberedParts(of: pages, versions: versions, make: make).parts
    }

    /// ``parts(of:versions:make:)`` with each page's words as numbers (see ``Numbered``).
    func numberedParts(of pages: [Page], versions: [Int]? = nil, make: @escaping @Sendable (Page) -> Part) -> Numbered {
        let keys = pages.indices.map { index -> CacheKey in
            var key = CacheKey()
            let version = versions.flatMap { index < $0.count ? $0[index] : nil }
            key.append(version)
            if version == nil { key.append(pages[index]) }
            return key
        }
        var numbers = [[Int32]](repeating: [], count: pages.count)
        var parts: [Part?] = state.withLock { state in
            pages.indices.map { index in
                guard let entry = state.entries[pages[index].path], entry.key == keys[index] else { return nil }
                numbers[index] = entry.numbers
                return (entry.words, entry.text)
            }
        }
        let missing = parts.indices.filter { parts[$0] == nil }
        parts.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: missing.count) { output.buffer[missing[$0]] = make(pages[missing[$0]]) }
        }
        let made = parts.map { $0 ?? ([], "") }
        let words = state.withLock { state -> [String] in
            for index in missing { numbers[index] = made[index].words.map { Int32(state.table.number(of: $0.word)) } }
            var kept: [String: Entry] = [:]
            for index in pages.indices {
                kept[pages[index].path] = Entry(key: keys[index], words: made[index].words, text: made[index].text, numbers: numbers[index])
            }
            state.entries = kept
            return state.table.words
        }
        counts.withLock { $0 = ($0.read + missing.count, $0.reused + pages.count - missing.count) }
        return (made, numbers, words)
    }
}
