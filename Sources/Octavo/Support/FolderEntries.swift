import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists every entry below a folder with `opendir`/`readdir`, for the walks that run on every
/// rebuild of `octavo serve` (its snapshots of the inputs, the write stage's look for leftover
/// temporary files).
///
/// Foundation's `FileManager.enumerator(atPath:)` does the same walk several times slower on
/// Linux (it builds a URL for each entry and cuts the root back off each path); this one reads
/// names only. Like that enumerator it lists hidden entries and never descends through a symbolic
/// link: only real folders are entered.
enum FolderEntries {
    /// Calls `visit` with the path of every entry below `root` (relative to it, `a/b.md`) and its
    /// kind as `readdir` tells it (`DT_DIR`, `DT_REG`, `DT_LNK` …; `DT_UNKNOWN` on file systems that
    /// do not say, then `lstat` decides whether to descend). A folder that cannot be opened is skipped.
    /// - Parameters:
    ///   - root: The folder's path.
    ///   - visit: Called once per entry, a folder before what it holds.
    static func walk(_ root: String, _ visit: (_ relative: String, _ kind: UInt8) -> Void) {
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let stream = opendir(folder) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                    String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var kind = entry.pointee.d_type
                if kind == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    if lstat(folder + "/" + name, &info) == 0 {
                        kind = info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : info.st_mode & S_IFMT == S_IFLNK ? UInt8(DT_LNK) : UInt8(DT_REG)
                    }
                }
                visit(path, kind)
                if kind == UInt8(DT_DIR) { pending.append(path) }
            }
        }
    }

    /// The names in `folder` as the file system holds them, bytes that need not be UTF-8 (Linux
    /// names are any bytes but `/` and NUL), without `.` and `..`, in no order; `nil` when the
    /// folder cannot be opened. Foundation's `contentsOfDirectory` decodes each name, replacing
    /// bytes that are not UTF-8 with U+FFFD, after which the name no longer opens the file.
    static func names(in folder: String) -> [[UInt8]]? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }
}
