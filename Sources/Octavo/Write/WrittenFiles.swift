import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the write stage knows of the output folder's files between builds (``BuildCache``, which
/// `octavo serve` keeps): each file's bytes as last written or compared, with the file's identity
/// then (device, inode, size, modification and status-change times, as `lstat(2)` gives them).
///
/// A rebuild compares every file it makes with the file on disk, to leave unchanged files alone;
/// reading all of them back was a tenth of a one-page rebuild. A file whose identity is the one
/// recorded holds the recorded bytes, so when the build makes those bytes again (compared in
/// memory) the file is not read. Anything else that touches the file (an editor, `touch`, a
/// copy, even one that sets the old modification time back) changes its status-change time or
/// inode, and the file is compared by reading as before. A file recorded less than
/// `settling` after its status-change time is read again too: a change within the file
/// system's clock tick could leave the times as they were (git's "racily clean" files).
public final class WrittenFiles: Sendable {
    private struct Identity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64

        init?(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
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
    }

    private struct Entry: Sendable {
        var identity: Identity
        var bytes: [UInt8]
        /// When the identity was read, in nanoseconds since 1970 (the clock file times use).
        var recorded: Int64
    }

    /// How long after a file's status-change time its record is trusted, in nanoseconds: by
    /// default 2 s, the coarsest file time of common file systems (FAT); Linux's own tick is at most 10 ms.
    let settling: Int64

    private let entries = Unchecked.Locked<[String: Entry]>([:])

    /// Creates an empty record.
    public convenience init() {
        self.init(settling: 2_000_000_000)
    }

    /// Creates an empty record that trusts a file `settling` nanoseconds after its status-change time.
    init(settling: Int64) {
        self.settling = settling
    }

    /// Whether the regular file at `path` (named `name` in the output folder) holds `bytes`:
    /// known without reading it when its identity and bytes are the recorded ones, else
    /// `compare()` (which reads it) decides, and the answer is recorded. Safe to call from
    /// several threads at once.
    func file(_ name: String, at path: String, holds bytes: [UInt8], compare: () -> Bool) -> Bool {
        // Read before comparing: a change made while comparing shows in the next build's identity.
        guard let identity = Identity(path) else {
            entries.withLock { $0[name] = nil }
            return false
        }
        let now = Self.now()
        if let entry = entries.withLock({ $0[name] }), entry.identity == identity, entry.identity.changed + settling < entry.recorded,
           Self.same(entry.bytes, bytes) {
            return true
        }
        let same = compare()
        entries.withLock { $0[name] = same ? Entry(identity: identity, bytes: bytes, recorded: now) : nil }
        return same
    }

    /// Records that the file at `path` (named `name` in the output folder) was just written with `bytes`.
    func wrote(_ name: String, at path: String, bytes: [UInt8]) {
        let now = Self.now()
        let identity = Identity(path)
        entries.withLock { $0[name] = identity.map { Entry(identity: $0, bytes: bytes, recorded: now) } }
    }

    /// Forgets every file but those named `paths` in the output folder (the files of the last build).
    func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }

    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
