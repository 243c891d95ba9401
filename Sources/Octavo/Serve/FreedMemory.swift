#if canImport(Glibc)
import Glibc
#endif

/// How the preview server's process keeps the memory its builds free, for the next rebuild.
///
/// A rebuild makes strings and arrays of megabytes (the print edition holds the whole site; every
/// page's bytes go to the write stage). glibc's `malloc` gives blocks that large their own `mmap`
/// and returns them to the system when freed, so each rebuild faults in and zeroes those pages
/// again: about a fifth of a one-page rebuild of a 1,000-page site. A preview server rebuilds
/// the same site again and again, so it keeps that memory instead: blocks up to 32 MB (glibc's
/// largest setting) come from the heap, and the heap is not trimmed below 1 GB. Nothing changes
/// for `octavo build`, which runs once.
public enum FreedMemory {
    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` of glibc's <malloc.h>.
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3

    /// Tells `malloc` to keep freed memory for reuse (see above); does nothing where `malloc` is
    /// not glibc's. Call once, before the first build.
    public static func keepForReuse() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out: found by name.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 1 << 30)
        #endif
    }
}
