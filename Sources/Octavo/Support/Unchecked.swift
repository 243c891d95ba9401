import Foundation

/// The one place where Octavo vouches for thread safety the compiler cannot check: every
/// `@unchecked Sendable` of the package is here, each with the rule that makes it safe, so that
/// the rest of the code stays checked by Swift 6's strict concurrency.
public enum Unchecked {
    /// Lets `concurrentPerform` write each result to its own slot of one buffer.
    ///
    /// Safe because each iteration writes only its own index, and the buffer outlives the call
    /// that joins the iterations.
    struct Buffer<Element>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Element>
        init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
    }

    /// Carries a value into threads that are joined before it is used again.
    ///
    /// Safe only under that rule; the caller keeps it (see ``RenderThreads/run(_:)``).
    struct Box<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    /// A result written by one thread and read by another after joining it.
    ///
    /// Safe only under that rule (see ``RenderThreads/run(_:)``).
    final class Slot<Value>: @unchecked Sendable {
        var value: Value?
    }

    /// A libdeflate compressor (its state between calls is only scratch memory).
    ///
    /// Safe because one thread at a time uses it: ``WholeDeflate`` takes it from its pool under
    /// the pool's lock and puts it back when the call is done.
    struct Compressor: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// A value that several threads or tasks share, read and changed only under its lock.
    ///
    /// Safe because ``withLock(_:)`` and ``wait(until:)`` hold the lock while `body` runs, and the
    /// value never leaves it but as a copy (`Value` is `Sendable`).
    public final class Locked<Value: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: Value

        /// Creates a lock around `value`.
        public init(_ value: Value) {
            self.value = value
        }

        /// Runs `body` with the value while holding the lock, then wakes every ``wait(until:)``.
        public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
            condition.lock()
            defer {
                condition.broadcast()
                condition.unlock()
            }
            return try body(&value)
        }

        /// Waits until `body` returns a result, calling it under the lock each time the value changes.
        public func wait<Result>(until body: (inout Value) -> Result?) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result = body(&value) { return result }
                condition.wait()
            }
        }
    }
}
