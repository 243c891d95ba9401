/// Keeps each Markdown file's parsed document between builds (``BuildCache``, which `octavo serve`
/// keeps), so that a rebuild parses only the files whose bytes changed.
///
/// A document is a function of the body's bytes and the parser's settings alone (see
/// `Pipeline.parse`: no template, no other file). Entries are named by the file's path and reused
/// only when the body has the same bytes (compared whole, not by a hash) and the settings are the same.
public final class ParseCache: Sendable {
    private struct Entry: Sendable {
        var body: String
        var unsafe: Bool
        var gfm: Bool
        var document: MarkdownDocument
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var parsed = 0
        var reused = 0
    }

    private let state = Unchecked.Locked(State())

    /// Creates an empty cache.
    public init() {}

    /// Files parsed and files whose document was reused, since the cache was made.
    public var counts: (parsed: Int, reused: Int) {
        state.withLock { ($0.parsed, $0.reused) }
    }

    /// For each source, its document of an earlier build when its body and the settings are the
    /// same, else `nil` (to be parsed, and given to ``keep(_:documents:parser:)``).
    func documents(of sources: [SourceFile], parser: MarkdownParser) -> [MarkdownDocument?] {
        state.withLock { state in
            let found = sources.map { source -> MarkdownDocument? in
                guard let entry = state.entries[source.path], entry.unsafe == parser.unsafe, entry.gfm == parser.gfm,
                      entry.body.hasSameBytes(as: source.body) else { return nil }
                return entry.document
            }
            let reused = found.count { $0 != nil }
            state.reused += reused
            state.parsed += found.count - reused
            return found
        }
    }

    /// Keeps the documents of this build, and forgets the files it no longer has.
    /// - Parameters:
    ///   - sources: This build's Markdown files, and `documents` their documents, in the same order.
    func keep(_ sources: [SourceFile], documents: [MarkdownDocument], parser: MarkdownParser) {
        var entries: [String: Entry] = [:]
        for (source, document) in zip(sources, documents) {
            entries[source.path] = Entry(body: source.body, unsafe: parser.unsafe, gfm: parser.gfm, document: document)
        }
        state.withLock { $0.entries = entries }
    }
}
