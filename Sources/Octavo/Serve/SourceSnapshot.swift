import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the watched inputs look like at one moment: every path below them with its size,
/// modification time and inode.
///
/// Two snapshots differ when a file is added, changed, removed or renamed, including an editor's
/// save-by-rename (a new inode, even with the same size and time).
public struct SourceSnapshot: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
        var isFolder: Bool
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
            guard top.isFolder, let walker = FileManager.default.enumerator(atPath: base) else { continue }
            for case let relative as String in walker {
                let path = base + "/" + relative
                if let entry = Self.entry(path) { entries[path] = entry }
            }
        }
    }

    /// The number of paths seen.
    public var count: Int { entries.count }

    /// The folders seen (the roots that are folders, and every folder below them), as paths.
    public var folders: Set<String> { Set(entries.lazy.filter(\.value.isFolder).map(\.key)) }

    private static func entry(_ path: String) -> Entry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Entry(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino),
                     isFolder: info.st_mode & S_IFMT == S_IFDIR)
    }
}
