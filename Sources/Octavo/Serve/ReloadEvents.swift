import Foundation

/// The open event streams of the preview server's pages, and what was last sent to them.
///
/// A page that connects while the last rebuild has failed gets the `failed` event at once, so the
/// overlay shows on pages opened after the failure too.
public final class ReloadEvents: Sendable {
    /// The streams and what was last sent to them.
    private struct State: Sendable {
        var streams: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var nextID = 0
        var failure: String?
        var closed = false
    }

    // The HTTP server's connections and the rebuild loop call in from different tasks.
    private let state = Unchecked.Locked(State())

    /// Creates an empty set of streams.
    public init() {}

    /// The number of connected event streams.
    public var count: Int { state.withLock { $0.streams.count } }

    /// Tells every page to reload, and forgets a failure.
    public func reload() {
        broadcast(Self.event("reload", data: "ok"), failure: nil)
    }

    /// Shows a failed rebuild's diagnostics in every page until the next `reload()`.
    /// - Parameter message: the diagnostics, one per line, as printed in the terminal.
    public func fail(_ message: String) {
        broadcast(Self.event("failed", data: message), failure: message)
    }

    /// Ends every stream (the server is stopping); later subscriptions end at once.
    public func close() {
        let ended = state.withLock { state in
            state.closed = true
            defer { state.streams = [:] }
            return Array(state.streams.values)
        }
        for stream in ended { stream.finish() }
    }

    /// Opens a stream: a comment line first (so a client knows it is connected), then the current
    /// failure if there is one, then every later event.
    package func subscribe() -> (id: Int, stream: AsyncStream<[UInt8]>) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id: Int = state.withLock { state in
            state.nextID += 1
            continuation.yield(Array(": connected\nretry: 500\n\n".utf8))
            if let failure = state.failure { continuation.yield(Self.event("failed", data: failure)) }
            if state.closed { continuation.finish() } else { state.streams[state.nextID] = continuation }
            return state.nextID
        }
        return (id, stream)
    }

    /// Forgets a stream whose client went away.
    package func unsubscribe(_ id: Int) {
        let stream = state.withLock { $0.streams.removeValue(forKey: id) }
        stream?.finish()
    }

    private func broadcast(_ bytes: [UInt8], failure: String?) {
        let targets = state.withLock { state in
            state.failure = failure
            return Array(state.streams.values)
        }
        for stream in targets { stream.yield(bytes) }
    }

    /// One server-sent event (WHATWG HTML §9.2): each line of `data` on a `data:` line of its own.
    static func event(_ name: String, data: String) -> [UInt8] {
        let lines = data.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return Array(("event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n").utf8)
    }
}
