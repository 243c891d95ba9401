import Foundation

/// Keeps each Markdown file as read (its front matter parsed, its body decoded) between builds
/// (`BuildCache`, which `octavo serve` keeps), so that a rebuild decodes only the files whose bytes
/// changed: reading YAML front matter is most of the load stage's time.
///
/// A ``SourceFile`` and the problems met reading it are a function of the file's bytes, its path
/// and its display path alone. Entries are named by the path and reused only when the bytes are
/// the same (compared whole) and the display path too.
///
/// A file is not even read again when its ``FileIdentity`` is the one it had when it was read, and
/// its status-change time was settled by then (see ``FileIdentity``): reading every file of the
/// site was most of the load stage of a one-page rebuild.
public final class SourceCache: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var source: SourceFile
        var problems: [Diagnostic]
        /// The file's identity when it was listed, before it was read, and when that was.
        var identity: FileIdentity?
        var recorded: Int64
    }

    private let entries = Unchecked.Locked<[String: Entry]>([:])
    private let unread = Unchecked.Locked(0)
    /// How long after a file's status-change time its record is trusted, in nanoseconds (see ``FileIdentity``).
    let settling: Int64

    /// Creates an empty cache.
    public convenience init() {
        self.init(settling: FileIdentity.settling)
    }

    /// Creates an empty cache that trusts a file's record `settling` nanoseconds after its status-change time.
    init(settling: Int64) {
        self.settling = settling
    }

    /// How many times a file was taken from the cache without being read, since the cache was made.
    var unreadCount: Int { unread.withLock { $0 } }

    /// The file as an earlier build read it, and the problems met then, when its bytes and
    /// display path are the same; else `nil`.
    func source(path: String, displayPath: String, bytes: [UInt8]) -> (source: SourceFile, problems: [Diagnostic])? {
        entries.withLock { entries in
            guard let entry = entries[path], entry.source.displayPath == displayPath, entry.bytes.count == bytes.count,
                  entry.bytes.withUnsafeBytes({ old in bytes.withUnsafeBytes { old.isEmpty || memcmp(old.baseAddress!, $0.baseAddress!, old.count) == 0 } })
            else { return nil }
            return (entry.source, entry.problems)
        }
    }

    /// The file as an earlier build read it, and the problems met then, when its identity is the
    /// one recorded then and was settled when recorded, and its display path is the same; else
    /// `nil` (the file must be read).
    func source(path: String, displayPath: String, identity: FileIdentity?) -> (source: SourceFile, problems: [Diagnostic])? {
        guard let identity else { return nil }
        let known = entries.withLock { entries -> (source: SourceFile, problems: [Diagnostic])? in
            guard let entry = entries[path], entry.source.displayPath == displayPath, entry.identity == identity,
                  identity.settled(recordedAt: entry.recorded, settling: settling) else { return nil }
            return (entry.source, entry.problems)
        }
        if known != nil { unread.withLock { $0 += 1 } }
        return known
    }

    /// Keeps what reading a file gave, for the next build.
    /// - Parameters:
    ///   - identity: the file's identity, read before its bytes were.
    ///   - recorded: when the identity was read (``FileIdentity/now()``, taken before).
    func keep(_ source: SourceFile, bytes: [UInt8], problems: [Diagnostic], identity: FileIdentity? = nil, recorded: Int64 = 0) {
        entries.withLock { $0[source.path] = Entry(bytes: bytes, source: source, problems: problems, identity: identity, recorded: recorded) }
    }

    /// Records that the file at `path`, found with the bytes of its entry, had `identity` at `recorded`.
    func confirm(path: String, identity: FileIdentity?, recorded: Int64) {
        entries.withLock { entries in
            entries[path]?.identity = identity
            entries[path]?.recorded = recorded
        }
    }

    /// Forgets the files not in `paths` (removed or renamed since); called once the folder is read.
    func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }
}
