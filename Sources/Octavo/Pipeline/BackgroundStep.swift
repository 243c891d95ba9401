import Dispatch

/// A step of a build run on a thread of ``RenderThreads`` while the build goes on with others, for
/// steps that need nothing the others make (the print edition needs only the outline and the
/// links). ``value`` waits for it.
final class BackgroundStep<Value>: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the step before `done` is left, read only after waiting on `done`.
    private var result: Value?

    /// Starts `body` at once.
    init(_ body: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async { [self] in
            // Templates render there anyway; the stack of those threads fits any outline.
            result = RenderThreads.run(body)
            done.leave()
        }
    }

    /// The step's result, once it has finished.
    var value: Value {
        done.wait()
        return result!
    }
}
