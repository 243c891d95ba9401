import Foundation

/// Keeps each page's part of the search index between builds (`BuildCache`, which `octavo serve`
/// keeps), so that a rebuild reads again only the pages whose values changed: splitting every
/// page's text into words is most of the search stage's time.
///
/// A page's words and text entry are a function of its ``Page`` value alone. Entries are named by
/// the page's path and reused only when the whole value, written out byte for byte (``CacheKey``),
/// is the same; its number in the ``PageVersions`` kept beside this cache stands for it.
public final class SearchCache: Sendable {
    /// A page's distinct words with their weights, and its entry in a text shard.
    typealias Part = (words: [(word: String, weight: Int)], text: String)

    private struct Entry: Sendable {
        var key: CacheKey
        var words: [(word: String, weight: Int)]
        var text: String
    }

    private let entries = Unchecked.Locked<[String: Entry]>([:])
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
        let keys = pages.indices.map { index -> CacheKey in
            var key = CacheKey()
            let version = versions.flatMap { index < $0.count ? $0[index] : nil }
            key.append(version)
            if version == nil { key.append(pages[index]) }
            return key
        }
        var parts: [Part?] = entries.withLock { entries in
            pages.indices.map { index in
                guard let entry = entries[pages[index].path], entry.key == keys[index] else { return nil }
                return (entry.words, entry.text)
            }
        }
        let missing = parts.indices.filter { parts[$0] == nil }
        parts.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: missing.count) { output.buffer[missing[$0]] = make(pages[missing[$0]]) }
        }
        let made = parts.map { $0 ?? ([], "") }
        var kept: [String: Entry] = [:]
        for index in pages.indices { kept[pages[index].path] = Entry(key: keys[index], words: made[index].words, text: made[index].text) }
        entries.withLock { $0 = kept }
        counts.withLock { $0 = ($0.read + missing.count, $0.reused + pages.count - missing.count) }
        return made
    }
}
