import Foundation

/// Keeps each page's section of the print edition between builds (``BuildCache``, which
/// `octavo serve` keeps): its heading, text and closing text as HTML. Writing every page's blocks
/// again was most of the print edition's time in a one-page rebuild.
///
/// A section's HTML is a function of the page's ``Page`` value, its depth in the outline, the ids
/// its heading, headings and paragraphs get in `print.html` (``PrintEdition/Anchors``), and what
/// its links are written as (each link's `href`, a fragment of `print.html` or a relative path,
/// and its label). Entries are named by the page's path and reused only when all of these,
/// written out byte for byte (``CacheKey``), are the same (the page's value as its number in
/// ``PageVersions``).
public final class PrintCache: Sendable {
    /// A section's HTML.
    typealias Pieces = (heading: String, body: String, closing: String)

    private struct Entry: Sendable {
        var key: CacheKey
        var heading: String
        var body: String
        var closing: String
    }

    private struct State: Sendable {
        var last: [String: Entry] = [:]
        var now: [String: Entry] = [:]
        var made = 0
        var reused = 0
        /// The last render of the template cut at the sections' texts (see ``splice(_:templates:limits:render:)``).
        var skeleton: Skeleton?
        var rendered = 0
        var spliced = 0
    }

    private let state = Unchecked.Locked(State())

    /// The random part of the markers that stand for the sections' texts in ``splice(_:templates:limits:render:)``.
    let nonce = UUID().uuidString

    /// Print editions whose template was rendered, and print editions put together from the last
    /// render, since the cache was made (see ``splice(_:templates:limits:render:)``).
    public var editionCounts: (rendered: Int, spliced: Int) {
        state.withLock { ($0.rendered, $0.spliced) }
    }

    /// The last render cut at the texts, when it was made with `key`.
    func lastSkeleton(_ key: CacheKey) -> Skeleton? {
        state.withLock { state in
            guard let skeleton = state.skeleton, skeleton.key == key else { return nil }
            state.spliced += 1
            return skeleton
        }
    }

    /// Keeps a render cut at the texts for the next print edition.
    func keep(_ skeleton: Skeleton) {
        state.withLock { state in
            state.skeleton = skeleton
            state.rendered += 1
        }
    }

    /// Creates an empty cache.
    public init() {}

    /// Sections made and sections reused, since the cache was made.
    public var counts: (made: Int, reused: Int) {
        state.withLock { ($0.made, $0.reused) }
    }

    /// Starts a print edition: sections it asks for are kept from now on.
    func begin() {
        state.withLock { $0.now = [:] }
    }

    /// Ends a print edition: only its sections are kept for the next one.
    func end() {
        state.withLock { state in
            state.last = state.now
            state.now = [:]
        }
    }

    /// The section of the page at `path`: the one kept for the same `key`, else `make()`.
    func pieces(path: String, key: CacheKey, make: () -> Pieces) -> Pieces {
        if let entry = state.withLock({ state -> Entry? in
            guard let entry = state.last[path], entry.key == key else { return nil }
            state.now[path] = entry
            state.reused += 1
            return entry
        }) { return (entry.heading, entry.body, entry.closing) }
        let made = make()
        state.withLock {
            $0.now[path] = Entry(key: key, heading: made.heading, body: made.body, closing: made.closing)
            $0.made += 1
        }
        return made
    }
}
