import Foundation

/// Threads with a stack of known size for rendering templates.
///
/// swift-mustache recurses once per nested section and partial. ``RenderGuard`` stops a render
/// before it nests more than ``stackLevels`` levels, which is only safe if the stack holds that
/// many; Dispatch's threads get whatever `ulimit -s` gave the process (8 MiB by default, 1 MiB in
/// some containers), so pages are rendered on threads made here with ``stackSize`` instead.
///
/// The threads are made once, when first needed, and then wait for work: like Dispatch's own
/// pool, they are a resource of the process, and making threads with large stacks for every call
/// is slow (AddressSanitizer, for one, clears the shadow of the whole stack when a thread ends).
enum RenderThreads {
    /// The levels of swift-mustache's recursion a render may reach (see ``RenderGuard/Limits``):
    /// enough for a contents list 1,000 levels deep with a few sections at each level.
    static let stackLevels = 6_000
    /// Bytes of stack per thread: ``stackLevels`` at 8 KiB a level (measured: about 5 KiB in a
    /// debug build), plus 1 MiB for the rest of the work. Only the part a render touches is ever
    /// backed by memory.
    static let stackSize = stackLevels * 8192 + (1 << 20)

    private static let marker = "octavo.renderThread"
    private static let pool = Pool(threads: max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Whether the current thread is one of these.
    static var isCurrent: Bool { Thread.current.threadDictionary[marker] != nil }

    /// Runs `body` on such a thread and returns its result (directly when already on one).
    static func run<T>(_ body: @escaping () -> T) -> T {
        if isCurrent { return body() }
        let result = Unchecked.Slot<T>()
        let work = Unchecked.Box(body)
        pool.perform(jobs: 1, iterations: 1) { _ in result.value = work.value() }
        return result.value!
    }

    /// Calls `body` once for each index in `0..<iterations`, on as many threads as there are
    /// processors, and returns when all calls have returned (as `DispatchQueue.concurrentPerform`).
    /// Called on one of these threads, it calls `body` there, one index after the other, since
    /// the others may all be waiting for it.
    static func concurrentPerform(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
        if isCurrent {
            for index in 0..<iterations { body(index) }
            return
        }
        pool.perform(jobs: min(iterations, pool.threads), iterations: iterations, body)
    }

    /// Starts calling `body` once for each index in `0..<iterations` on these threads, as
    /// ``concurrentPerform(iterations:_:)`` does, but returns at once: `wait()` on the group
    /// returned joins the calls. The caller goes on with other work meanwhile (the page scans of
    /// the batch before, while this one renders). Called on one of these threads, it runs the
    /// calls there before it returns.
    static func start(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) -> DispatchGroup {
        if isCurrent {
            for index in 0..<iterations { body(index) }
            return DispatchGroup()
        }
        return pool.start(jobs: min(iterations, pool.threads), iterations: iterations, body)
    }

    /// The threads and the jobs waiting for them.
    private final class Pool: Sendable {
        let threads: Int
        /// The jobs not yet taken, and whether the threads were started.
        private let state = Unchecked.Locked<(jobs: [@Sendable () -> Void], started: Bool)>(([], false))

        init(threads: Int) {
            self.threads = threads
        }

        /// Runs `jobs` jobs that share the indices `0..<iterations`, and waits for them.
        func perform(jobs count: Int, iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
            start(jobs: count, iterations: iterations, body).wait()
        }

        /// Queues `jobs` jobs that share the indices `0..<iterations`; the group returned is left
        /// once they have all returned.
        func start(jobs count: Int, iterations: Int, _ body: @escaping @Sendable (Int) -> Void) -> DispatchGroup {
            let done = DispatchGroup()
            guard iterations > 0 else { return done }
            let next = Unchecked.Locked(0)
            for _ in 0..<max(1, count) { done.enter() }
            let start = state.withLock { state in
                defer { state.started = true }
                for _ in 0..<max(1, count) {
                    state.jobs.append {
                        while let index = next.withLock({ value -> Int? in
                            guard value < iterations else { return nil }
                            value += 1
                            return value - 1
                        }) { body(index) }
                        done.leave()
                    }
                }
                return !state.started
            }
            if start {
                for _ in 0..<threads {
                    let thread = Thread { [self] in self.work() }
                    thread.stackSize = RenderThreads.stackSize
                    thread.start()
                }
            }
            return done
        }

        private func work() {
            Thread.current.threadDictionary[RenderThreads.marker] = true
            while true {
                let job = state.wait { state in state.jobs.isEmpty ? nil : state.jobs.removeFirst() }
                job()
            }
        }
    }
}
