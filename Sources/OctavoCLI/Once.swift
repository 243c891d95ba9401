import Foundation
import Octavo

/// Resumes a continuation the first time `resume()` is called, and ignores later calls (a second
/// Ctrl-C while stopping).
final class Once: Sendable {
    private let continuation: Unchecked.Locked<CheckedContinuation<Void, Never>?>

    init(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation = Unchecked.Locked(continuation)
    }

    /// Resumes the continuation unless it was resumed before.
    /// - Returns: whether this call resumed it (the first one).
    @discardableResult
    func resume() -> Bool {
        let pending = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        pending?.resume()
        return pending != nil
    }
}
