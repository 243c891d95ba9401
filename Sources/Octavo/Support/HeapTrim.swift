#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory a finished step freed back to the system, so that the next step's large
/// blocks do not come on top of it.
///
/// glibc's `malloc` keeps freed small blocks in its heaps (one per thread that allocated), and a
/// step of `octavo build` frees tens of megabytes of them at once (the Markdown files' bodies once
/// parsed, the pages' HTML once written); the print edition's string, which comes next, is large
/// enough to get its own `mmap`, so it cannot reuse them and the peak resident memory counts both.
/// `malloc_trim` returns every free page of every heap. Not for `octavo serve`, which keeps freed
/// memory for its next rebuild on purpose (``FreedMemory``).
enum HeapTrim {
    /// Returns the free pages of `malloc`'s heaps to the system; does nothing where `malloc` is not glibc's.
    static func returnFreed() {
        #if canImport(Glibc)
        // `malloc_trim` is declared in <malloc.h>, which the Glibc module leaves out: found by name.
        guard let symbol = trim else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        #endif
    }

    /// Lets `malloc` keep at most one heap (arena) per core and one more for the threads made from
    /// here on, instead of up to eight per core: each heap keeps the blocks its threads freed for
    /// its own reuse, so that rendering 10,000 pages on every thread held some 10 MB more at its
    /// peak. The threads that allocate at once are the render threads (one per core) and the one
    /// that scans their pages; with a heap fewer than that, they waited for each other's heap (on
    /// 2 cores, 0.7 s of the 10,000-page tree's 6.8 s; no more at its peak). For `octavo build`, once.
    static func limitHeaps() {
        #if canImport(Glibc)
        guard let symbol = mallopt else { return }
        // M_ARENA_MAX in <malloc.h>.
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)(-8, Int32(clamping: heapsLimit))
        #endif
    }

    /// The heaps ``limitHeaps()`` allows: one per core, and one for the thread that scans the pages.
    static var heapsLimit: Int {
        #if canImport(Glibc)
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) + 1
        #else
        2
        #endif
    }

    /// Lets `malloc` make heaps for new threads again as it does by default (up to eight per
    /// core), after ``limitHeaps()``: for a site too small for its peak memory to matter.
    static func unlimitHeaps() {
        #if canImport(Glibc)
        guard let symbol = mallopt else { return }
        // M_ARENA_MAX in <malloc.h>; glibc's default for 64-bit is eight per core.
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)(-8, Int32(clamping: 8 * max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        #endif
    }

    #if canImport(Glibc)
    nonisolated(unsafe) private static let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
    nonisolated(unsafe) private static let mallopt = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")
    #endif
}
