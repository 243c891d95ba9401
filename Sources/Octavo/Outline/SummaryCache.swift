/// Keeps each page's summary between builds (``BuildCache``, which `octavo serve` keeps): reading
/// the first sentence out of every page's first paragraph, character by character, was a tenth of
/// a one-page rebuild.
///
/// A summary is a function of its paragraph's text alone (``Outliner``'s first sentence), so entries
/// are keyed by that text's UTF-8 bytes (``ByteString``: `é` composed and decomposed are two keys).
/// The cache keeps the texts of the last outline only, so it never outgrows the site.
public final class SummaryCache: Sendable {
    private struct State: Sendable {
        /// The summaries of the last complete outline, and of the one under way.
        var last: [ByteString: String] = [:]
        var now: [ByteString: String] = [:]
    }

    private let state = Unchecked.Locked(State())

    /// Creates an empty cache.
    public init() {}

    /// Starts an outline: summaries it asks for are kept from now on.
    func begin() {
        state.withLock { $0.now = [:] }
    }

    /// Ends an outline: only its summaries are kept for the next one.
    func end() {
        state.withLock { state in
            state.last = state.now
            state.now = [:]
        }
    }

    /// The summary of a paragraph's text: the one kept for the very same bytes, else `make(text)`.
    func summary(of text: String, make: (String) -> String) -> String {
        let key = ByteString(text)
        if let known = state.withLock({ state -> String? in
            guard let known = state.now[key] ?? state.last[key] else { return nil }
            state.now[key] = known
            return known
        }) { return known }
        let made = make(text)
        state.withLock { $0.now[key] = made }
        return made
    }
}
