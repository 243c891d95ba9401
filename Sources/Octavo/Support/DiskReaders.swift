import Foundation

/// Threads for work that mostly waits on the disk: reading thousands of small files that are not
/// in the page cache (the first build after a checkout, or after other work pushed them out).
///
/// A read of a file that is not cached blocks its thread until the disk answers, so one thread
/// per core keeps only that many reads in flight, and the cores wait. More threads keep more
/// reads in flight: reading the 10,000 files of the benchmark's tree from a cold cache took
/// 0.65 s with 2 readers and 0.32 s with 16 on this 2-core machine. A cached read costs the same
/// on any thread, and the few extra threads are made only for a large folder.
enum DiskReaders {
    /// Readers for a folder of many files: four per core, at least eight.
    static let threads = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)

    /// The files from which reading them takes ``threads`` threads; fewer are read by
    /// `DispatchQueue.concurrentPerform`, whose threads are already there (a site of a few dozen
    /// pages is read in well under a millisecond, less than making the threads would take).
    static let manyFiles = 512

    /// Calls `body` once for each index in `0..<iterations`, on ``threads`` threads when the
    /// iterations are ``manyFiles`` or more (on Dispatch's threads otherwise), and returns when
    /// all calls have returned. Indices are handed out in order, one at a time.
    static func perform(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard iterations >= manyFiles else {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
            return
        }
        let next = Unchecked.Locked(0)
        let done = DispatchGroup()
        for _ in 0..<min(threads, iterations) {
            done.enter()
            let thread = Thread {
                while true {
                    let index = next.withLock { value in
                        defer { value += 1 }
                        return value
                    }
                    guard index < iterations else { break }
                    body(index)
                }
                done.leave()
            }
            thread.start()
        }
        done.wait()
    }
}
