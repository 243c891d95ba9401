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
    private struct Entry: Sendable {
        var identity: FileIdentity
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
        self.init(settling: FileIdentity.settling)
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
        bytes.withUnsafeBytes { file(name, at: path, holds: $0, compare: compare) }
    }

    /// ``file(_:at:holds:compare:)`` for bytes in a buffer (copied only when recorded).
    func file(_ name: String, at path: String, holds bytes: UnsafeRawBufferPointer, compare: () -> Bool) -> Bool {
        // Read before comparing: a change made while comparing shows in the next build's identity.
        guard let identity = FileIdentity(regularFileAt: path) else {
            entries.withLock { $0[name] = nil }
            return false
        }
        let now = Self.now()
        if let entry = entries.withLock({ $0[name] }), entry.identity == identity, entry.identity.settled(recordedAt: entry.recorded, settling: settling),
           Self.same(entry.bytes, bytes) {
            return true
        }
        let same = compare()
        let kept = same ? Array(bytes) : nil
        entries.withLock { $0[name] = kept.map { Entry(identity: identity, bytes: $0, recorded: now) } }
        return same
    }

    /// Records that the file at `path` (named `name` in the output folder) was just written with `bytes`.
    func wrote(_ name: String, at path: String, bytes: [UInt8]) {
        let now = Self.now()
        let identity = FileIdentity(regularFileAt: path)
        entries.withLock { $0[name] = identity.map { Entry(identity: $0, bytes: bytes, recorded: now) } }
    }

    /// Whether the write stage should look for temporary files a killed build left: `true` the
    /// first time only (see ``OutputWriter``), since the builds of one record leave none.
    func claimSweep() -> Bool {
        swept.withLock { swept in
            defer { swept = true }
            return !swept
        }
    }

    private let swept = Unchecked.Locked(false)

    /// Forgets every file but those named `paths` in the output folder (the files of the last build).
    func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }

    private static func same(_ a: [UInt8], _ y: UnsafeRawBufferPointer) -> Bool {
        a.count == y.count && a.withUnsafeBytes { x in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
    }

    private static func now() -> Int64 {
        FileIdentity.now()
    }
}
