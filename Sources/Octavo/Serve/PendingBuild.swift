import Foundation

/// A rebuild of ``PreviewSession`` being prepared (``Pipeline/prepare()``) on a thread of its own,
/// off the server's cooperative pool: the watcher looks whether it is ready without waiting, then
/// commits it, or discards it when an input changed again meanwhile.
final class PendingBuild: @unchecked Sendable {
    /// What preparing gave: the build to commit, or the diagnostics it failed with.
    enum Prepared {
        case staged(PreparedBuild)
        case failed([Diagnostic])
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var prepared: Prepared?
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// How long preparing took, in nanoseconds; written before `prepared`, read after it is set.
    private var preparing: Int64 = 0
    private static let clock = ContinuousClock()
    /// How messages name the content folder.
    private let display: String

    /// Starts preparing `pipeline`'s build at once.
    init(_ pipeline: Pipeline) {
        display = pipeline.input.displayContent.text
        Thread.detachNewThread { [self] in
            let start = Self.clock.now
            let made: Prepared
            do {
                made = .staged(try pipeline.prepare())
            } catch let error as BuildError {
                made = .failed(error.otherDiagnostics + error.diagnostics)
            } catch {
                made = .failed([Diagnostic(file: pipeline.input.displayContent.text, message: "the build stopped: \(error)")])
            }
            preparing = Self.nanoseconds(Self.clock.now - start)
            let resumed = lock.withLock {
                prepared = made
                defer { waiting = [] }
                return waiting
            }
            for continuation in resumed { continuation.resume() }
        }
    }

    /// Whether preparing has finished.
    var isReady: Bool {
        lock.withLock { prepared != nil }
    }

    /// Waits until preparing has finished.
    func ready() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock {
                if prepared != nil { return true }
                waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Waits until the build is prepared, then writes it into the output folder (on a thread of
    /// its own); the outcome's time is that of preparing and writing.
    func commit() async -> PreviewSession.Outcome {
        await ready()
        let build: PreparedBuild
        switch lock.withLock({ prepared }) {
        case .staged(let staged)?: build = staged
        case .failed(let diagnostics)?: return .failed(diagnostics)
        case nil: return .failed([])  // never: ready() returned
        }
        let spent = preparing
        let display = self.display
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let start = Self.clock.now
                do {
                    let report = try build.commit()
                    let total = spent + Self.nanoseconds(Self.clock.now - start)
                    continuation.resume(returning: .built(report, milliseconds: Int(total / 1_000_000)))
                } catch let error as BuildError {
                    continuation.resume(returning: .failed(error.otherDiagnostics + error.diagnostics))
                } catch {
                    continuation.resume(returning: .failed([Diagnostic(file: display, message: "the build stopped: \(error)")]))
                }
            }
        }
    }

    /// Waits until the build is prepared, then drops it: the output folder stays as it was.
    func discard() async {
        await ready()
        if case .staged(let build) = lock.withLock({ prepared }) { build.discard() }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
