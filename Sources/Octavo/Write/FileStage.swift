import Foundation

/// Where a build puts the bytes of the files it makes as it makes them, so that it does not hold
/// the whole site in memory: each file goes to a staging folder inside the output folder
/// (``folderName``) and is renamed into place by ``OutputWriter`` only once the whole build has
/// succeeded; a build that fails removes the folder, leaving the output folder as it was.
///
/// When the build made the output folder (nothing was there), each file is staged at its own path
/// in ``site`` instead, its folders made as it is staged, on the thread that made it; the write
/// stage then moves the few entries at the top of that folder into place (see
/// ``OutputWriter/stagedSite``). Renaming each of 10,000 files, and making each of its folders,
/// one after the other at the end of the build took 0.35 s of a 10,000-page tree's 6 s.
///
/// A file whose bytes the output folder already holds at its path is not staged: it is kept as it
/// is, and its modification time stays. A stage without a folder (``memory``, for `check` and
/// ``Pipeline/render()``), or one whose folder cannot be made or written, keeps the bytes in
/// memory instead; the write stage then reports what cannot be written, as it always did.
final class FileStage: Sendable {
    /// The staging folder's name in the output folder. A build killed before it finished leaves
    /// it behind; the next build's stage removes it first, the write stage's sweep of temporary
    /// files leaves it alone, and it never counts as a file of the user's (see
    /// ``Pipeline/outputOwnershipProblem(_:)``).
    static let folderName = ".octavo-staging"

    /// The output folder, or `nil` for a stage in memory.
    let root: URL?
    /// The staging folder, or `nil` when files are kept in memory.
    let folder: URL?
    /// Whether this stage made the output folder itself (so that ``discard()`` removes it again):
    /// the folder held nothing before this build.
    let madeRoot: Bool
    /// The folders this stage made, the output folder last (those above it that were missing first).
    private let madeFolders: [String]
    /// The folder in ``folder`` where files are staged at their own paths (`site/iii/index.html`),
    /// when this stage made the output folder; `nil` otherwise (each file is then staged as a
    /// numbered file in ``folder`` and renamed over the old one).
    let site: URL?
    /// The number of the next staged file.
    private let next = Unchecked.Locked(0)
    /// The number of files staged in ``site``.
    private let sited = Unchecked.Locked(0)

    /// The name of ``site`` in the staging folder.
    static let siteName = "site"

    /// A stage that keeps every file in memory.
    static let memory = FileStage()

    private init() {
        root = nil
        folder = nil
        madeRoot = false
        madeFolders = []
        site = nil
        known = nil
        deflated = nil
    }

    /// What earlier builds wrote or compared (`octavo serve`): a file still as recorded is not
    /// read back to be compared (see ``WrittenFiles``); `nil`: every file is read.
    let known: WrittenFiles?

    /// The zip bundle's deflated bytes of the staged files (see ``DeflatedStage``), when the
    /// build makes a bundle; `nil` otherwise.
    let deflated: DeflatedStage?

    /// A stage in the output folder `root`, made when missing with the folders above it that are
    /// missing too (``discard()`` removes them again while they are empty); what an earlier build
    /// killed part-way left in the staging folder is removed first. When the folder cannot be
    /// made, files are kept in memory (with `--output a/b/site` where `a` did not exist, every
    /// page was held in memory and no parse cache was kept).
    /// - Parameter bundling: Whether the build makes a zip bundle: each staged file is then also
    ///   deflated for it, on the thread that made it (see ``DeflatedStage``).
    init(root: URL, known: WrittenFiles? = nil, bundling: Bool = false) {
        self.root = root
        self.known = known
        let folder = root.appendingPathComponent(Self.folderName, isDirectory: true)
        var info = stat()
        madeFolders = lstat(root.path, &info) != 0 ? Self.makeFolders(root.path) : []
        let made = !madeFolders.isEmpty
        Self.removeFolder(folder)
        self.folder = mkdir(folder.path, 0o755) == 0 ? folder : nil
        madeRoot = made
        let site = folder.appendingPathComponent(Self.siteName, isDirectory: true)
        self.site = made && self.folder != nil && mkdir(site.path, 0o777) == 0 ? site : nil
        deflated = bundling && self.folder != nil ? DeflatedStage(url: folder.appendingPathComponent(".deflated\(OutputWriter.temporarySuffix)", isDirectory: false)) : nil
    }

    /// The output file at `path` with `bytes`: ``OutputFile/Contents/staged(_:unchanged:)``, or
    /// the bytes themselves when the stage keeps files in memory or the staging file cannot be written.
    /// Safe to call from several threads at once.
    func file(_ path: String, bytes: [UInt8], source: String? = nil) -> OutputFile {
        bytes.withUnsafeBytes { file(path, buffer: $0, source: source) ?? OutputFile(path: path, contents: .bytes(bytes), source: source) }
    }

    /// ``file(_:bytes:source:)`` for text, compared and written from the string's own UTF-8
    /// (a print edition may be tens of megabytes: it is not copied).
    func file(_ path: String, text: String, source: String? = nil) -> OutputFile {
        var text = text
        return text.withUTF8 { utf8 in
            file(path, buffer: UnsafeRawBufferPointer(utf8), source: source) ?? OutputFile(path: path, contents: .bytes(Array(utf8)), source: source)
        }
    }

    /// The staged output file for `buffer`, or `nil` when it must be kept in memory.
    private func file(_ path: String, buffer: UnsafeRawBufferPointer, source: String?) -> OutputFile? {
        guard let root, folder != nil else { return nil }
        // An output folder this build made holds no file to compare with.
        if !madeRoot {
            let existing = root.appendingPathComponent(path, isDirectory: false)
            let existingPath = existing.path
            let same = if let known {
                known.file(path, at: existingPath, holds: buffer) { FileStream.file(existingPath, holds: buffer) }
            } else {
                OutputWriter.isRegularFile(existingPath) && FileStream.file(existingPath, holds: buffer)
            }
            if same {
                deflated?.add(path, bytes: buffer)
                return OutputFile(path: path, contents: .staged(existing, unchanged: true), source: source)
            }
        }
        if let staged = stageAtItsPath(path, buffer: buffer) {
            deflated?.add(path, bytes: buffer)
            return OutputFile(path: path, contents: .staged(staged, unchanged: false), source: source)
        }
        guard let staged = reserve() else { return nil }
        guard OutputWriter.writeFile(staged.path, buffer) else {
            unlink(staged.path)
            return nil
        }
        deflated?.add(path, bytes: buffer)
        return OutputFile(path: path, contents: .staged(staged, unchanged: false), source: source)
    }

    /// The files staged in ``site`` so far (each at its own path).
    var siteFiles: Int { sited.withLock { $0 } }

    /// Writes `buffer` at `path` in ``site``, making the folders above it; the file's URL, or
    /// `nil` when there is no ``site``, `path` is not a plain relative path (`a/b.html`: no empty,
    /// `.` or `..` part), or it cannot be written there (a file stands where a folder must be:
    /// the build's check of its paths reports that). The file is then staged as a numbered file.
    private func stageAtItsPath(_ path: String, buffer: UnsafeRawBufferPointer) -> URL? {
        guard let site, Self.isPlainPath(path) else { return nil }
        let target = site.path + "/" + path
        guard OutputWriter.writeFile(target, buffer)
                || errno == ENOENT && OutputWriter.makeFolder(target.folderPart) && OutputWriter.writeFile(target, buffer) else {
            unlink(target)
            return nil
        }
        sited.withLock { $0 += 1 }
        return URL(fileURLWithPath: target, isDirectory: false)
    }

    /// Whether `path` is relative and each of its `/`-separated parts a name (not empty, `.` or `..`).
    static func isPlainPath(_ path: String) -> Bool {
        !path.isEmpty && path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && !part.elementsEqual(".".utf8) && !part.elementsEqual("..".utf8) && !part.contains(0)
        }
    }

    /// The path of a new file in the staging folder, for bytes the build writes itself and puts in
    /// place at its end (see ``ParseCacheFile/spill``); `nil` for a stage in memory.
    func reserve() -> URL? {
        guard let folder else { return nil }
        let number = next.withLock { value in
            defer { value += 1 }
            return value
        }
        return folder.appendingPathComponent(".\(number)\(OutputWriter.temporarySuffix)", isDirectory: false)
    }

    /// `file` staged when the build made its bytes (as ``file(_:bytes:source:)``); else `file` itself.
    func stage(_ file: OutputFile) -> OutputFile {
        guard case .bytes(let bytes) = file.contents, folder != nil else { return file }
        return self.file(file.path, bytes: bytes, source: file.source)
    }

    /// Removes the staging folder and what is left in it; the output folder too when this stage
    /// made it and it is empty again. Called when the build has written its files or has failed.
    func discard() {
        guard root != nil else { return }
        if let folder { Self.removeFolder(folder) }
        // Only while empty: the output folder of a build that was written stays, and so do those above it.
        for path in madeFolders.reversed() {
            guard rmdir(path) == 0 else { break }
        }
    }

    /// Makes the folder at `path` and the missing ones above it; the folders made, outermost first,
    /// or none (and none left) when one cannot be made.
    private static func makeFolders(_ path: String) -> [String] {
        var missing: [String] = []
        var current = path
        var info = stat()
        while !current.isEmpty, current != "/", lstat(current, &info) != 0 {
            missing.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        var made: [String] = []
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 else {
                for done in made.reversed() { rmdir(done) }
                return []
            }
            made.append(folder)
        }
        return made
    }

    /// Removes a staging folder with the files and folders in it (a symbolic link in its place, or
    /// in it, only as a link: no link is followed).
    private static func removeFolder(_ folder: URL) {
        guard OutputWriter.isFolder(folder.path) else {
            var info = stat()
            if lstat(folder.path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { unlink(folder.path) }
            return
        }
        let base = folder.path
        var folders: [String] = []
        FolderEntries.walk(base) { path, kind in
            if kind == UInt8(DT_DIR) { folders.append(path) } else { unlink(base + "/" + path) }
        }
        // A folder is listed before what it holds: the deepest go first.
        for path in folders.reversed() { rmdir(base + "/" + path) }
        rmdir(base)
    }
}
