import Foundation

/// Keeps each Markdown file as read (its front matter parsed, its body decoded) between builds
/// (`BuildCache`, which `octavo serve` keeps), so that a rebuild decodes only the files whose bytes
/// changed: reading YAML front matter is most of the load stage's time.
///
/// A ``SourceFile`` and the problems met reading it are a function of the file's bytes, its path
/// and its display path alone. Entries are named by the path and reused only when the bytes are
/// the same (compared whole) and the display path too.
public final class SourceCache: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var source: SourceFile
        var problems: [Diagnostic]
    }

    private let entries = Unchecked.Locked<[String: Entry]>([:])

    /// Creates an empty cache.
    public init() {}

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

    /// Keeps what reading a file gave, for the next build.
    func keep(_ source: SourceFile, bytes: [UInt8], problems: [Diagnostic]) {
        entries.withLock { $0[source.path] = Entry(bytes: bytes, source: source, problems: problems) }
    }

    /// Forgets the files not in `paths` (removed or renamed since); called once the folder is read.
    func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }
}
