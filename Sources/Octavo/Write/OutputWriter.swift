import Foundation

/// A file the build produces.
public struct OutputFile: Sendable {
    /// Where the bytes come from.
    public enum Contents: Sendable {
        /// Bytes made by the build.
        case bytes([UInt8])
        /// A file copied as it is.
        case copy(URL)
    }

    /// The path relative to the output folder, `/`-separated.
    public var path: String
    /// The contents.
    public var contents: Contents

    /// Creates an output file.
    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}

/// The write stage: puts files into the output folder safely.
///
/// Each file is written to a temporary name in its own folder and renamed over the old one, so a
/// build killed at any moment leaves every file either old or new. Files whose bytes are unchanged
/// are not touched (their modification time stays). The manifest `.octavo-manifest` lists the
/// files Octavo wrote; a later build removes those it no longer produces and leaves every other
/// file (`CNAME`, `.nojekyll`, `.git/`) alone.
public struct OutputWriter: Sendable {
    /// The output folder.
    public var root: URL

    /// The manifest's file name in the output folder.
    public static let manifestName = ".octavo-manifest"

    /// Creates a writer for an output folder.
    public init(root: URL) {
        self.root = root
    }

    /// What a write did, in files.
    public struct Report: Sendable, Equatable {
        /// Files written because they were new or changed.
        public var written: Int
        /// Files left as they were because their bytes were the same.
        public var unchanged: Int
        /// Files of an earlier build removed because this build no longer makes them.
        public var removed: Int
    }

    /// Writes `files` and removes the stale files of the previous build.
    /// - Throws: ``BuildError`` naming the file that could not be written.
    public func write(_ files: [OutputFile]) throws -> Report {
        let manager = FileManager.default
        try createFolder(root)
        removeLeftoverTemporaryFiles()
        let previous = previousManifest()
        try clearTheWay(for: files, previous: previous)
        var report = Report(written: 0, unchanged: 0, removed: 0)
        var folders: Set<String> = [root.path]
        var written: Set<String> = []
        defer {
            // Even when a write fails half-way (a full disk), remember what this build wrote.
            if written.count < files.count && !written.isEmpty {
                let manifest = previous.union(written).sorted().joined(separator: "\n") + "\n"
                try? replace(root.appendingPathComponent(Self.manifestName), with: Array(manifest.utf8))
            }
        }
        for file in files {
            let url = root.appendingPathComponent(file.path)
            let bytes: [UInt8]
            switch file.contents {
            case .bytes(let made): bytes = made
            case .copy(let source):
                guard let data = manager.contents(atPath: source.path) else {
                    throw BuildError(file: source.path, "cannot be read: check its permissions")
                }
                bytes = [UInt8](data)
            }
            if let existing = manager.contents(atPath: url.path), existing.elementsEqual(bytes) {
                report.unchanged += 1
                written.insert(file.path)
                continue
            }
            let folder = url.deletingLastPathComponent()
            if folders.insert(folder.path).inserted { try createFolder(folder) }
            try replace(url, with: bytes)
            written.insert(file.path)
            report.written += 1
        }

        let produced = Set(files.map(\.path))
        for stale in previous.subtracting(produced).sorted() {
            let url = root.appendingPathComponent(stale)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            try? manager.removeItem(at: url)
            report.removed += 1
            removeEmptyFolders(from: url.deletingLastPathComponent())
        }
        let manifest = files.map(\.path).sorted().joined(separator: "\n") + "\n"
        let manifestURL = root.appendingPathComponent(Self.manifestName)
        if manager.contents(atPath: manifestURL.path) != Data(manifest.utf8) {
            try replace(manifestURL, with: Array(manifest.utf8))
        }
        return report
    }

    /// Makes sure every file can be written before the first is: a file of an earlier build that
    /// stands where a folder is needed now is removed; anything else in the way is an error.
    /// - Throws: ``BuildError`` naming the path, when a file Octavo did not write stands where the
    ///   build needs a folder, or a folder stands where it writes a file.
    func clearTheWay(for files: [OutputFile], previous: Set<String>) throws {
        let manager = FileManager.default
        var checked: Set<String> = []
        var staleInTheWay: [String] = []
        var problems: [Diagnostic] = []
        for file in files {
            var isFolder: ObjCBool = false
            if manager.fileExists(atPath: root.appendingPathComponent(file.path).path, isDirectory: &isFolder), isFolder.boolValue {
                problems.append(Diagnostic(file: root.appendingPathComponent(file.path).path,
                                           message: "is a folder where the build writes a file: move or remove it"))
            }
            var folder = file.path.folderPart
            while !folder.isEmpty, checked.insert(folder).inserted {
                let url = root.appendingPathComponent(folder)
                if manager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                    if previous.contains(folder) {
                        staleInTheWay.append(folder)
                    } else {
                        problems.append(Diagnostic(file: url.path, message: "is a file Octavo did not write, where the build needs a folder: move or remove it"))
                    }
                }
                folder = folder.folderPart
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
        for path in staleInTheWay { unlink(root.appendingPathComponent(path).path) }
    }

    /// The paths the previous build recorded, or none.
    func previousManifest() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(Self.manifestName).path) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.isEmpty && !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
    }

    private func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw BuildError(file: url.path, "folder cannot be created: \(error.localizedDescription)")
        }
    }

    /// The suffix of the temporary files a write goes through.
    static let temporarySuffix = ".octavo-tmp"

    /// Writes to `.NAME.octavo-tmp` beside the file, then renames it over the file, so that the
    /// file is at every moment either old or new (rename is atomic on POSIX file systems).
    private func replace(_ url: URL, with bytes: [UInt8]) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + Self.temporarySuffix)
        guard Self.writeFile(temporary.path, bytes), rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw BuildError(file: url.path, "cannot be written: check the output folder's permissions and free space")
        }
    }

    /// Writes bytes with plain POSIX calls (Foundation may add a temporary file of its own).
    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    /// Removes temporary files that a killed build left behind.
    private func removeLeftoverTemporaryFiles() {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return }
        for case let path as String in enumerator where path.hasSuffix(Self.temporarySuffix) {
            let name = path.lastPart
            if name.hasPrefix(".") { unlink(root.appendingPathComponent(path).path) }
        }
    }

    private func removeEmptyFolders(from folder: URL) {
        var current = folder.standardizedFileURL
        let top = root.standardizedFileURL.path
        while current.path.hasPrefix(top + "/"),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: current.path), entries.isEmpty {
            try? FileManager.default.removeItem(at: current)
            current = current.deletingLastPathComponent()
        }
    }
}
