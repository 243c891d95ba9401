import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a build's inputs look like at one moment: every path below them with its size,
/// modification time, status-change time and inode (as `lstat(2)` gives them).
///
/// Two snapshots differ when a file is added, changed, removed or renamed, including an editor's
/// save-by-rename (a new inode, even with the same size and time) and a copy that keeps the old
/// modification time (`cp -p`, `rsync -t`: the status-change time cannot be set back). The preview
/// server compares snapshots to know when to rebuild; ``BuildStamp`` to know that nothing changed.
public struct SourceSnapshot: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: UInt64
        var isFolder: Bool
        var isLink: Bool
    }

    private var entries: [String: Entry]

    /// Reads the paths below each root (a folder or a single file; a missing root counts as empty).
    /// - Parameter roots: e.g. the content and templates folders.
    public init(of roots: [URL]) {
        entries = [:]
        for root in roots {
            let base = root.standardizedFileURL.path
            guard let top = Self.entry(base) else { continue }
            entries[base] = top
            guard top.isFolder else { continue }
            FolderEntries.walk(base) { relative, _ in
                let path = base + "/" + relative
                if let entry = Self.entry(path) { entries[path] = entry }
            }
        }
    }

    /// The number of paths seen.
    public var count: Int { entries.count }

    /// The folders seen (the roots that are folders, and every folder below them), as paths.
    public var folders: Set<String> { Set(entries.lazy.filter(\.value.isFolder).map(\.key)) }

    /// Whether a path below the roots is a symbolic link. What a link leads to can change without
    /// any entry here changing, so a snapshot with links cannot prove that nothing changed.
    public var hasSymbolicLinks: Bool { entries.values.contains { $0.isLink } }

    /// One line per path, sorted by path: `size modified changed inode kind path`, times in
    /// nanoseconds since 1970. Equal snapshots give equal text; `relativeTo` is cut from each path
    /// so that the text does not name the machine's folders.
    func text(relativeTo base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return entries.keys.sorted().map { path in
            let entry = entries[path]!
            let shown = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            return "\(entry.size) \(entry.modified) \(entry.changed) \(entry.inode) \(entry.isLink ? "l" : entry.isFolder ? "d" : "f") \(shown)"
        }.joined(separator: "\n")
    }

    /// The line of ``text(relativeTo:)`` for one file, or `nil` when it does not exist.
    static func line(of path: String) -> String? {
        entry(path).map { "\($0.size) \($0.modified) \($0.changed) \($0.inode)" }
    }

    private static func entry(_ path: String) -> Entry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        return Entry(size: Int64(info.st_size), modified: modified, changed: changed, inode: UInt64(info.st_ino),
                     isFolder: info.st_mode & S_IFMT == S_IFDIR, isLink: info.st_mode & S_IFMT == S_IFLNK)
    }
}
