import Foundation

/// The write stage: puts files into the output folder safely.
///
/// Each file is written to a temporary name in its own folder and renamed over the old one, so a
/// build killed at any moment leaves every file either old or new. Files whose bytes are unchanged
/// are not touched (their modification time stays). The manifest `.octavo-manifest` (see
/// ``OutputManifest``) lists the files Octavo wrote and the folders it created. A file that is not
/// listed is the user's (`CNAME`, `.nojekyll`, `.git/`): it is never overwritten or removed, and a
/// build that would write one is refused before the first write. A later build removes only listed
/// files it no longer produces, and only when they are regular files inside the output folder.
public struct OutputWriter: Sendable {
    /// The output folder.
    public var root: URL
    /// How the output folder is named in messages (`Output`).
    public var displayRoot: String
    /// Called with each file's path just before it replaces the old one; throwing stops the
    /// write there, as a full disk or a killed process would. For tests of interrupted builds.
    var willReplace: (@Sendable (String) throws -> Void)?
    /// The files earlier builds wrote or compared (`octavo serve`): a file still as recorded is not
    /// read back to be compared (see ``WrittenFiles``). `nil`: every file is compared by reading.
    public var known: WrittenFiles?
    /// Whether this build made the output folder (``FileStage`` does before staging into it): it
    /// then holds no file to clear away or compare, only the staging folder.
    var madeByThisBuild = false
    /// Where ``FileStage`` staged files at their own paths (``FileStage/site``) and how many, when
    /// it made the output folder: if the files to write are those, they are put in place by
    /// renaming the entries at the top of that folder (`iii`, `index.html`), not file by file.
    var stagedSite: (url: URL, files: Int)?

    /// The manifest's file name in the output folder.
    public static let manifestName = ".octavo-manifest"

    /// Creates a writer for an output folder.
    /// - Parameters:
    ///   - root: The output folder.
    ///   - displayRoot: How messages name it; default: its path relative to the current folder.
    public init(root: URL, displayRoot: String? = nil) {
        self.root = root
        self.displayRoot = displayRoot ?? DisplayPath(url: root).text
    }

    /// What a write did, in files.
    public struct Report: Sendable, Equatable {
        /// Files written because they were new or changed.
        public var written: Int
        /// Files left as they were because their bytes were the same.
        public var unchanged: Int
        /// Files of an earlier build removed because this build no longer makes them.
        public var removed: Int
        /// Warnings: a manifest that could not be trusted, so nothing was removed.
        public var diagnostics: [Diagnostic] = []
    }

    /// Writes `files` and removes the stale files of the previous build.
    /// - Throws: ``BuildError`` before anything is written when a file the build writes would take
    ///   the place of a file or folder that Octavo did not write; ``BuildError`` naming the file
    ///   that could not be written, with ``BuildError/written`` listing what was changed before it.
    public func write(_ files: [OutputFile]) throws -> Report {
        var changes = Changes()
        do {
            return try write(files, changes: &changes)
        } catch var error as BuildError {
            error.written = changes.sentence(in: displayRoot)
            throw error
        }
    }

    /// What a write changed so far, for the message of an error part-way.
    struct Changes {
        /// Files whose bytes were replaced or that were created, in order.
        var written: [String] = []
        /// Files of an earlier build removed.
        var removed: [String] = []
        /// Whether the manifest was rewritten.
        var manifest = false

        /// `nil` when nothing changed; else a sentence naming up to ten paths of each kind.
        func sentence(in root: String) -> String? {
            guard !written.isEmpty || !removed.isEmpty || manifest else { return nil }
            func list(_ paths: [String]) -> String {
                paths.prefix(10).joined(separator: ", ") + (paths.count > 10 ? " and \(paths.count - 10) more" : "")
            }
            var parts: [String] = []
            if !written.isEmpty { parts.append("\(written.count) file\(written.count == 1 ? " was" : "s were") written (\(list(written)))") }
            if !removed.isEmpty { parts.append("\(removed.count) file\(removed.count == 1 ? "" : "s") of the previous build removed (\(list(removed)))") }
            // Only the manifest: files that were already there with the bytes this build makes are now listed.
            if parts.isEmpty { return "\(root) was changed before the error: only \(manifestName), which now lists the files that already held "
                + "what this build makes; every other file is as it was. Build again once the error is fixed." }
            return "\(root) was changed before the error: " + parts.joined(separator: " and ")
                + (manifest ? ", and \(manifestName) was updated to list them" : "")
                + "; every other file is as it was. Build again once the error is fixed."
        }
    }

    private func write(_ files: [OutputFile], changes: inout Changes) throws -> Report {
        let manager = FileManager.default
        let base = root.path
        // A new output folder (the usual first build, or CI's) holds no file to compare or clear.
        let isNew = madeByThisBuild || Self.isMissing(base)
        let reading = isNew ? nil : previousManifest()
        var report = Report(written: 0, unchanged: 0, removed: 0)
        var previous = OutputManifest()
        var owned: Set<String> = []
        switch reading {
        case .current(let manifest):
            previous = manifest
            owned = manifest.files
        case .legacy(let files):
            owned = files
            report.diagnostics.append(Diagnostic(file: display(Self.manifestName), severity: .warning,
                message: "was written by an older Octavo (one path per line), which a file name could forge: nothing was removed this time; remove stale files by hand"))
        case .damaged(let reason):
            report.diagnostics.append(Diagnostic(file: display(Self.manifestName), severity: .warning,
                message: "cannot be trusted (\(reason)): nothing was removed, and no file in the output folder counts as Octavo's"))
        case nil:
            break
        }
        changes.removed = isNew ? [] : try clearTheWay(for: files, owned: owned, reading: reading)
        try createFolder(base)
        // Temporary files are left only by a build killed part-way: `octavo serve` sweeps the
        // folder at its first build, and its later builds (the same process) leave none.
        if known?.claimSweep() ?? true, !isNew { removeLeftoverTemporaryFiles() }
        // The manifest lists every file this build may write before the first is written: a build
        // killed part-way (SIGKILL, a power cut: no `defer` runs) leaves a folder whose manifest owns
        // what it wrote, so the next build goes on without `--force` and removes what is stale. A
        // listed file that was never written is harmless: only files that exist are removed.
        let manifestPath = base + "/" + Self.manifestName
        let originalManifest = isNew ? nil : manager.contents(atPath: manifestPath)
        let planned = OutputManifest(files: previous.files.union(files.map(\.path))).encoded()
        // Should it fail (a folder named like it), the final write of the manifest reports it.
        let announced = originalManifest != Data(planned) && (try? replace(manifestPath, with: planned)) != nil
        var written: Set<String> = []
        defer {
            if written.count < files.count {
                if !written.isEmpty {
                    // A write that fails half-way (a full disk) lists what this build wrote.
                    let partial = OutputManifest(files: previous.files.union(written)).encoded()
                    if FileManager.default.contents(atPath: manifestPath) != Data(partial) { try? replace(manifestPath, with: partial) }
                    changes.manifest = FileManager.default.contents(atPath: manifestPath) != originalManifest
                } else if announced {
                    // Stopped before the first file: the folder is left as it was.
                    if let originalManifest { try? replace(manifestPath, with: Array(originalManifest)) } else { unlink(manifestPath) }
                }
            }
        }
        let moved = isNew && willReplace == nil ? moveStagedSite(files) : []
        var folders: Set<String> = [""]
        for (index, file) in files.enumerated() {
            if !moved.isEmpty, moved[index] {
                written.insert(file.path)
                changes.written.append(file.path)
                report.written += 1
                continue
            }
            // Paths as text: a URL per file costs Foundation more than the `rename` itself.
            let path = base + "/" + file.path
            if case .copy(let source) = file.contents, FileStream.size(source.path) == nil {
                throw BuildError(file: file.source ?? source.lastPathComponent, "cannot be read: check its permissions")
            }
            // Assets are compared and copied in chunks, never read whole (a video may be 400 MB);
            // staged files were compared when they were staged.
            if !isNew, sameBytes(path, as: file) {
                report.unchanged += 1
                written.insert(file.path)
                continue
            }
            let folder = file.path.folderPart
            if folders.insert(folder).inserted, !folder.isEmpty { try createFolder(base + "/" + folder) }
            try willReplace?(file.path)
            switch file.contents {
            case .bytes(let bytes):
                try replace(path, with: bytes)
                known?.wrote(file.path, at: path, bytes: bytes)
            case .copy(let source): try replace(path, copying: source)
            case .staged(let staged, _): try replace(path, moving: staged)
            }
            written.insert(file.path)
            changes.written.append(file.path)
            report.written += 1
        }

        let produced = Set(files.map(\.path))
        known?.keep(only: Set(files.map(\.path)))
        let realRoot = LinkBoundary.realPath(root.path) ?? root.standardizedFileURL.path
        for stale in previous.files.subtracting(produced).sorted() where removeIfSafe(stale, realRoot: realRoot) {
            report.removed += 1
            changes.removed.append(stale)
            removeEmptiedFolders(above: stale, realRoot: realRoot)
        }
        // What was announced, when no file of the previous build is left to remove.
        let manifest = previous.files.isSubset(of: produced) ? planned : OutputManifest(files: produced).encoded()
        if manager.contents(atPath: manifestPath) != Data(manifest) {
            try replace(manifestPath, with: manifest)
        }
        return report
    }

    /// Puts the files staged at their own paths (``stagedSite``) in place by renaming each entry at
    /// the top of the staging site into the new output folder, when every such file is one of
    /// `files` (then the entries hold nothing else). Returns which of `files` were moved, aligned
    /// with `files`; empty when none. An entry that cannot be renamed stays, and its files are
    /// renamed one by one by ``write(_:changes:)``, as staged files always are.
    private func moveStagedSite(_ files: [OutputFile]) -> [Bool] {
        guard let site = stagedSite, site.files > 0 else { return [] }
        let prefix = site.url.path + "/"
        var sited = [Bool](repeating: false, count: files.count)
        var count = 0
        for (index, file) in files.enumerated() {
            guard case .staged(let staged, unchanged: false) = file.contents, staged.path.count == prefix.count + file.path.count,
                  staged.path.hasPrefix(prefix), staged.path.hasSuffix(file.path) else { continue }
            sited[index] = true
            count += 1
        }
        // A file staged there that is not written (or written twice) would come along: file by file then.
        guard count == site.files else { return [] }
        var tops: [String: Bool] = [:]
        for (index, file) in files.enumerated() {
            let top = String(file.path.prefix { $0 != "/" })
            // A top entry that also holds files staged elsewhere is moved too: those are written into it.
            if sited[index] { tops[top] = true } else if tops[top] == nil { tops[top] = false }
        }
        var moved = [Bool](repeating: false, count: files.count)
        var movedTops: Set<String> = []
        for (top, hasSited) in tops.sorted(by: { $0.key < $1.key }) where hasSited {
            // The output folder holds only the stage and the manifest: nothing is renamed over.
            guard !top.hasPrefix(".octavo"), Self.isMissing(root.path + "/" + top),
                  rename(prefix + top, root.path + "/" + top) == 0 else { continue }
            movedTops.insert(top)
        }
        guard !movedTops.isEmpty else { return [] }
        for (index, file) in files.enumerated() where sited[index] && movedTops.contains(String(file.path.prefix { $0 != "/" })) {
            moved[index] = true
        }
        return moved
    }

    /// Makes sure every file can be written before the first is. A file of an earlier build
    /// (listed in `owned`) that stands where a folder is needed now is removed; a file Octavo did
    /// not write where the build writes a file or needs a folder, a folder where it writes a file,
    /// or a folder that leads outside the output folder is an error. A file with the very bytes the
    /// build would write is left alone and listed from now on.
    /// - Returns: The files of an earlier build it removed.
    /// - Throws: ``BuildError`` naming each obstacle and the input that would take its place.
    @discardableResult
    func clearTheWay(for files: [OutputFile], owned: Set<String>, reading: OutputManifest.Reading? = nil) throws -> [String] {
        let base = root.path
        guard !Self.isMissing(base) else { return [] }
        let realRoot = LinkBoundary.realPath(base) ?? root.standardizedFileURL.path
        var checked: Set<String> = []
        // Folders found missing: nothing below them needs a look.
        var missing: Set<String> = []
        var staleInTheWay: [String] = []
        var problems: [Diagnostic] = []
        for file in files {
            let path = base + "/" + file.path
            var info = stat()
            if !missing.contains(file.path.folderPart), lstat(path, &info) == 0 {
                let by = file.source.map { "\($0) would replace it" } ?? "the build writes a file of its own there"
                if info.st_mode & S_IFMT == S_IFDIR {
                    problems.append(Diagnostic(file: display(file.path), message: "is a folder where \(by): move or remove it, or pick another --output"))
                } else if !owned.contains(file.path) && !sameBytes(path, as: file) {
                    problems.append(Diagnostic(file: display(file.path),
                        message: "is a file Octavo did not write (it is not in \(Self.manifestName)), and \(by): remove or rename one of them, or pick another --output"))
                }
            }
            var folder = file.path.folderPart
            while !folder.isEmpty, checked.insert(folder).inserted {
                let path = base + "/" + folder
                if missing.contains(folder.folderPart) {
                    missing.insert(folder)
                } else if lstat(path, &info) != 0 {
                    if errno == ENOENT { missing.insert(folder) }
                } else {
                    if info.st_mode & S_IFMT == S_IFLNK, let real = LinkBoundary.realPath(path), !LinkBoundary.path(real, isInside: realRoot) {
                        problems.append(Diagnostic(file: display(folder), message: "is a symbolic link that leads outside the output folder, and the build writes into it: remove it"))
                    } else if !Self.isFolder(path) {
                        if owned.contains(folder) {
                            staleInTheWay.append(folder)
                        } else {
                            problems.append(Diagnostic(file: display(folder), message: "is a file Octavo did not write, where the build needs a folder: move or remove it, or pick another --output"))
                        }
                    }
                }
                folder = folder.folderPart
            }
        }
        if !problems.isEmpty {
            if case .damaged(let reason) = reading {
                problems.append(Diagnostic(file: display(Self.manifestName),
                    message: "cannot be trusted (\(reason)), so no file in the output folder counts as Octavo's: empty the output folder or pick another --output"))
            }
            throw BuildError(problems)
        }
        return staleInTheWay.filter { removeIfSafe($0, realRoot: realRoot) }
    }

    /// Whether the file at `path` already holds exactly what the build would write there.
    private func sameBytes(_ path: String, as file: OutputFile) -> Bool {
        // The record's own `lstat` tells a regular file; one more per file would be a tenth of the stage.
        if case .bytes(let bytes) = file.contents, let known {
            return known.file(file.path, at: path, holds: bytes) { FileStream.file(path, holds: bytes) }
        }
        guard Self.isRegularFile(path) else { return false }
        switch file.contents {
        case .bytes(let bytes): return FileStream.file(path, holds: bytes)
        case .copy(let source): return FileStream.file(path, sameAs: source.path)
        // Compared with the file at `url` when staged: a staging file holds other bytes.
        case .staged(let staged, let unchanged): return unchanged && staged.path == path
        }
    }

    /// The previous build's manifest as read, or `nil` when there is none.
    func previousManifest() -> OutputManifest.Reading? {
        let url = root.appendingPathComponent(Self.manifestName, isDirectory: false)
        guard Self.isRegularFile(url.path) else {
            var info = stat()
            return lstat(url.path, &info) == 0 ? .damaged(reason: "it is not a regular file") : nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return .damaged(reason: "it cannot be read") }
        return OutputManifest.read([UInt8](data))
    }

    /// Removes a file of an earlier build, but only when its path is safe (``OutputManifest/isSafe(_:)``),
    /// its folder lies inside the output folder once symbolic links are resolved, and it is a
    /// regular file (not a link, not a folder).
    /// - Returns: Whether the file was removed.
    func removeIfSafe(_ path: String, realRoot: String) -> Bool {
        guard OutputManifest.isSafe(path) else { return false }
        let url = root.appendingPathComponent(path, isDirectory: false)
        guard Self.isInside(url.deletingLastPathComponent().path, realRoot: realRoot), Self.isRegularFile(url.path) else { return false }
        return unlink(url.path) == 0
    }

    /// Whether `path` (a folder) lies inside the real output folder once every link is resolved.
    private static func isInside(_ path: String, realRoot: String) -> Bool {
        guard let real = LinkBoundary.realPath(path) else { return false }
        return LinkBoundary.path(real, isInside: realRoot)
    }

    /// Whether `path` is a regular file itself (a symbolic link is not).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Whether nothing is at `path`, not even a broken symbolic link.
    static func isMissing(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) != 0 && errno == ENOENT
    }

    /// Whether `path` is a folder itself (a symbolic link to one is not).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// A path inside the output folder as messages name it.
    private func display(_ path: String) -> String {
        FolderWalker.display(DisplayPath(displayRoot).appending(path).text)
    }

    /// Removes the folders above a removed file that it left empty, deepest first, up to (not
    /// including) the output folder; only real folders inside it, never through a symbolic link.
    private func removeEmptiedFolders(above path: String, realRoot: String) {
        var folder = path.folderPart
        while !folder.isEmpty {
            let url = root.appendingPathComponent(folder, isDirectory: true)
            guard Self.isFolder(url.path), Self.isInside(url.path, realRoot: realRoot), rmdir(url.path) == 0 else { return }
            folder = folder.folderPart
        }
    }

    private func createFolder(_ path: String) throws {
        // `mkdir` first: the folder is usually new, or there already (a rebuild), and either is
        // one call, where FileManager looks at every folder above it first.
        guard let reason = Self.folderProblem(path) else { return }
        let why: String
        switch reason {
        case ENOTDIR: why = "a part of its path is a file, not a folder"
        case EEXIST: why = "it is a file, not a folder: name a folder for the site"
        case EACCES, EPERM: why = "permission denied: choose a folder you can write to"
        case EROFS: why = "the file system is read-only: choose a folder on another"
        case ENOSPC: why = "the disk is full"
        default: why = String(cString: strerror(reason)) + ": choose a folder you can write to, such as one beside the content folder"
        }
        throw BuildError(file: displayRoot, "folder cannot be created: \(why)")
    }

    /// Makes the folder at `path` and the missing folders above it with `mkdir(2)`; whether it is
    /// a folder now.
    static func makeFolder(_ path: String) -> Bool {
        folderProblem(path) == nil
    }

    /// ``makeFolder(_:)``, with why it failed: `nil` when `path` is a folder now, else the `errno`
    /// of the `mkdir` that failed (`EEXIST`: `path` is a file; `ENOTDIR`: a folder above it is).
    private static func folderProblem(_ path: String) -> Int32? {
        if mkdir(path, 0o777) == 0 { return nil }
        switch errno {
        case EEXIST: return isFolder(path) || isFolderThroughLink(path) ? nil : EEXIST
        case ENOENT:
            let parent = path.folderPart
            guard !parent.isEmpty, parent != path else { return ENOENT }
            // A file where a folder above should be is a file in the path, not this one.
            if let problem = folderProblem(parent) { return problem == EEXIST ? ENOTDIR : problem }
            if mkdir(path, 0o777) == 0 { return nil }
            return errno == EEXIST && isFolder(path) ? nil : errno
        default: return errno
        }
    }

    /// Whether `path` is a symbolic link to a folder (the output folder itself may be one).
    private static func isFolderThroughLink(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The suffix of the temporary files a write goes through.
    static let temporarySuffix = ".octavo-tmp"

    /// Writes to `.NAME.octavo-tmp` beside the file, then renames it over the file, so that the
    /// file is at every moment either old or new (rename is atomic on POSIX file systems).
    private func replace(_ path: String, with bytes: [UInt8]) throws {
        try replace(path) { Self.writeFile($0, bytes) }
    }

    /// Like ``replace(_:with:)``, with the bytes copied from the file `source` in chunks.
    private func replace(_ path: String, copying source: URL) throws {
        try replace(path) { FileStream.copy(source.path, to: $0) }
    }

    /// Renames the staging file `staged` (see ``FileStage``) over `url`; copies it through a
    /// temporary file beside `url` when it cannot be renamed there (another file system).
    private func replace(_ path: String, moving staged: URL) throws {
        if rename(staged.path, path) == 0 { return }
        try replace(path, copying: staged)
    }

    /// Writes the temporary file with `write` (given its path), then renames it over `url`.
    private func replace(_ path: String, writing write: (String) -> Bool) throws {
        let temporary = path.folderPart + "/." + path.lastPart + Self.temporarySuffix
        guard write(temporary), rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BuildError(file: display(String(path.dropFirst(root.path.count + 1))), "cannot be written: check the output folder's permissions and free space")
        }
    }

    /// Writes bytes with plain POSIX calls (Foundation may add a temporary file of its own).
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeFile(path, $0) }
    }

    /// ``writeFile(_:_:)`` for bytes in a buffer.
    static func writeFile(_ path: String, _ buffer: UnsafeRawBufferPointer) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return FileDescriptor.writeAll(descriptor, buffer)
    }

    /// Removes temporary files that a killed build left behind; the staging folder is this
    /// build's own (``FileStage`` emptied it before it staged anything).
    private func removeLeftoverTemporaryFiles() {
        let base = root.path
        FolderEntries.walk(base) { path, _ in
            guard path.hasSuffix(Self.temporarySuffix), path.lastPart.hasPrefix("."), !path.hasPrefix(FileStage.folderName + "/") else { return }
            unlink(base + "/" + path)
        }
    }
}
