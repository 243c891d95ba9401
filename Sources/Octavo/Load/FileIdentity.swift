import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lstat(2)` says of a file that tells whether it changed: device, inode, size, and the
/// modification and status-change times, in nanoseconds since 1970.
///
/// `octavo serve`'s caches (``SourceCache``, ``WrittenFiles``) trust that a file whose identity is
/// the one recorded, and whose status-change time was more than ``settling`` before the record was
/// made, still holds the bytes recorded with it: anything that writes to the file, renames another
/// over it or sets its times back changes its inode or its status-change time, and a change within
/// the file system's clock tick is ruled out by the settling time (git's "racily clean" files).
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64

    /// How long after a file's status-change time a record of it is trusted, in nanoseconds: 2 s,
    /// the coarsest file time of common file systems (FAT); Linux's own tick is at most 10 ms.
    static let settling: Int64 = 2_000_000_000

    /// The identity in `info`.
    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
    }

    /// The identity of the regular file at `path` (not followed if a symbolic link); `nil` for anything else.
    init?(regularFileAt path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(info)
    }

    /// Whether a record of this identity made at `recorded` (nanoseconds since 1970, ``now()``)
    /// is trusted `settling` nanoseconds after the file's status-change time.
    func settled(recordedAt recorded: Int64, settling: Int64 = Self.settling) -> Bool {
        changed + settling < recorded
    }

    /// Now, in nanoseconds since 1970 (the clock file times use).
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
