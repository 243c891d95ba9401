import Foundation

/// Reads a content folder.
public struct ContentLoader: Sendable {
    /// The folder to read.
    public var root: URL
    /// How the folder is named in diagnostics (as the user gave it, for example `Content`).
    public var displayRoot: String
    /// The Markdown files an earlier build read (`octavo serve`): files with the same bytes are not
    /// decoded again. `nil`: every file is.
    public var cache: SourceCache?
    /// Called by ``load(config:)`` with the size in bytes of the files listed, before any is read.
    public var onListed: (@Sendable (Int64) -> Void)?

    /// Creates a loader for a content folder.
    public init(root: URL, displayRoot: String) {
        self.root = root
        self.displayRoot = displayRoot
    }

    /// File name extensions read as Markdown.
    public static let markdownExtensions: Set<String> = ["md", "markdown"]

    /// Reads every file below the root. Names starting with `.` are skipped. Every entry is checked
    /// by ``FolderWalker`` before anything is read through it; `site.yml` is read first, since its
    /// `allow_outside_links` decides which symbolic links may be followed.
    ///
    /// A file that cannot be read or decoded, or whose front matter is not valid, is an error in
    /// ``LoadedContent/diagnostics`` (the file is kept, without its front matter or, unreadable,
    /// empty), so that one run reports every file's problems.
    /// - Throws: ``BuildError`` when the folder is missing, `site.yml` is not valid, a name holds a
    ///   control character, or a symbolic link leads outside the site's root (see ``LinkBoundary``),
    ///   nowhere, or back into a folder being read (a loop).
    public func load() throws -> LoadedContent {
        try load(config: config())
    }

    /// The content folder's `site.yml` (its defaults without one), once the folder is known to
    /// exist: what ``load(config:)`` needs first, and the templates folder's boundary.
    /// - Throws: ``BuildError`` as ``load()`` for a missing folder or a `site.yml` that is not valid.
    public func config() throws -> SiteConfig {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            if FileManager.default.fileExists(atPath: root.path) {
                throw BuildError(file: displayRoot, "is a file, not a folder: --content names the folder that holds the Markdown files (put a single file in a folder of its own)")
            }
            if let other = Self.sameNameInOtherCase(as: root) {
                let suggestion = displayRoot.contains("/") ? String(displayRoot.dropLast(root.lastPathComponent.count)) + other : other
                throw BuildError(file: displayRoot, "content folder does not exist, but '\(suggestion)' does: pass --content \(suggestion), or rename that folder to '\(root.lastPathComponent)'")
            }
            throw BuildError(file: displayRoot, "content folder does not exist: " + Self.markdownNearby(root, displayRoot: displayRoot))
        }
        return try readConfig()
    }

    /// ``load()`` with `site.yml` already read by ``config()``.
    /// - Throws: ``BuildError`` as ``load()``.
    public func load(config: SiteConfig) throws -> LoadedContent {
        let boundary = LinkBoundary(content: root, allowsOutside: config.allowOutsideLinks)
        // Taken before the files are listed: a file changed after this is not trusted unread (see SourceCache).
        let listed = cache == nil ? 0 : FileIdentity.now()
        let listing = try FolderWalker(root: root, displayRoot: displayRoot, boundary: boundary).walk()
        onListed?(listing.entries.reduce(0) { $0 + ($1.identity?.size ?? 0) })
        var sources: [SourceFile] = []
        var assets: [Asset] = []
        var errors: [Diagnostic] = []
        var terms: TermList?
        var sections: [String: SectionSettings] = [:]
        // Without a cache (`octavo build`) every Markdown file is read and decoded on all cores first.
        let read = cache == nil ? Self.readMarkdown(listing.entries, displayRoot: displayRoot) : []
        for (position, entry) in listing.entries.enumerated() where entry.path != SiteConfig.fileName {
            if position < read.count, let made = read[position] {
                sources.append(made.source)
                errors += made.problems
                continue
            }
            let display = DisplayPath(displayRoot).appending(entry.path).text
            if entry.path == TermList.fileName {
                do {
                    guard let data = FileManager.default.contents(atPath: entry.url.path) else {
                        throw BuildError(file: display, "cannot be read: check its permissions")
                    }
                    terms = try TermList(yaml: try SourceFile.decode([UInt8](data), file: display), file: display)
                } catch let error as BuildError {
                    errors += error.diagnostics
                }
            } else if entry.url.lastPathComponent == SectionSettings.fileName {
                do {
                    guard let data = FileManager.default.contents(atPath: entry.url.path) else {
                        throw BuildError(file: display, "cannot be read: check its permissions")
                    }
                    let folder = entry.path.split(separator: "/").dropLast().joined(separator: "/")
                    sections[folder] = try SectionSettings(yaml: try SourceFile.decode([UInt8](data), file: display), file: display)
                } catch let error as BuildError {
                    errors += error.diagnostics
                }
            } else if Self.markdownExtensions.contains(entry.url.pathExtension.lowercased()) {
                if let known = cache?.source(path: entry.path, displayPath: display, identity: entry.identity) {
                    sources.append(known.source)
                    errors += known.problems
                    continue
                }
                do {
                    guard let data = FileManager.default.contents(atPath: entry.url.path) else {
                        throw BuildError(file: display, "cannot be read: check its permissions")
                    }
                    let bytes = [UInt8](data)
                    if let known = cache?.source(path: entry.path, displayPath: display, bytes: bytes) {
                        cache?.confirm(path: entry.path, identity: entry.identity, recorded: listed)
                        sources.append(known.source)
                        errors += known.problems
                        continue
                    }
                    var problems: [Diagnostic] = []
                    let source = try SourceFile(bytes: bytes, path: entry.path, displayPath: display, problems: &problems)
                    cache?.keep(source, bytes: bytes, problems: problems, identity: entry.identity, recorded: listed)
                    sources.append(source)
                    errors += problems
                } catch let error as BuildError {
                    errors += error.diagnostics
                    // Kept as an empty page, so that links to it do not add errors of their own.
                    sources.append(SourceFile(path: entry.path, displayPath: display, frontMatter: FrontMatter(), body: "", bodyFirstLine: 1))
                }
            } else {
                assets.append(Asset(path: entry.path, sourceURL: entry.url))
            }
        }
        cache?.keep(only: Set(sources.map(\.path)))
        // Errors of single files are reported with every other problem of the site, not alone.
        return LoadedContent(sources: sources.sorted { $0.path < $1.path }, assets: assets.sorted { $0.path < $1.path },
                             config: config, boundary: boundary, diagnostics: errors + listing.diagnostics, terms: terms, sections: sections)
    }

    /// A Markdown file read and decoded, with its problems (see ``SourceFile/init(bytes:path:displayPath:problems:)``).
    typealias ReadMarkdown = (source: SourceFile, problems: [Diagnostic])

    /// Each Markdown file of `entries` read and decoded on all cores (a folder of many files read
    /// ahead by ``ReadAhead``), aligned with `entries`;
    /// `nil` for every other file (assets, `site.yml`, `terms.yml`, `_section.yml`). A file that
    /// cannot be read or decoded is kept empty, with its error, as ``load()`` keeps it.
    static func readMarkdown(_ entries: [FolderWalker.Entry], displayRoot: String) -> [ReadMarkdown?] {
        var read = [ReadMarkdown?](repeating: nil, count: entries.count)
        let ahead = ReadAhead.start(entries.compactMap { isMarkdown($0) ? $0.url.path : nil })
        defer { ahead?.stop() }
        read.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: entries.count) { index in
                let entry = entries[index]
                guard isMarkdown(entry) else { return }
                let display = DisplayPath(displayRoot).appending(entry.path).text
                do {
                    guard let data = FileManager.default.contents(atPath: entry.url.path) else {
                        throw BuildError(file: display, "cannot be read: check its permissions")
                    }
                    var problems: [Diagnostic] = []
                    let source = try SourceFile(bytes: [UInt8](data), path: entry.path, displayPath: display, problems: &problems)
                    output.buffer[index] = (source, problems)
                } catch {
                    // Kept as an empty page, so that links to it do not add errors of their own.
                    let problems = (error as? BuildError)?.diagnostics ?? [Diagnostic(file: display, message: "cannot be read: \(error)")]
                    output.buffer[index] = (SourceFile(path: entry.path, displayPath: display, frontMatter: FrontMatter(), body: "", bodyFirstLine: 1), problems)
                }
            }
        }
        return read
    }

    /// Whether `entry` is a Markdown file (not `site.yml`, `terms.yml` or a `_section.yml`).
    private static func isMarkdown(_ entry: FolderWalker.Entry) -> Bool {
        entry.path != SiteConfig.fileName && entry.path != TermList.fileName && entry.url.lastPathComponent != SectionSettings.fileName
            && markdownExtensions.contains(entry.url.pathExtension.lowercased())
    }

    /// The name of a folder beside `url` that differs from its name only in letter case
    /// (`content` for `Content`), on a file system that tells them apart; `nil` when there is none.
    /// What to pass when the content folder is missing, judged by the folder that should hold it:
    /// a `docs/` (or `doc/`, `documentation/`) with Markdown files in it, as repositories keep their
    /// documentation, gives `--content docs`; Markdown files right there give `--content .` with an
    /// output folder outside it.
    static func markdownNearby(_ root: URL, displayRoot: String) -> String {
        let parent = root.deletingLastPathComponent()
        let prefix = displayRoot.contains("/") ? String(displayRoot.dropLast(root.lastPathComponent.count)) : ""
        func markdown(in folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".markdown") }.sorted()
        }
        for name in ["docs", "doc", "documentation"] where !markdown(in: parent.appendingPathComponent(name)).isEmpty {
            return "'\(prefix + name)' holds Markdown files: pass --content \(prefix + name), or create the content folder"
        }
        let here = markdown(in: parent)
        if !here.isEmpty {
            let folder = prefix.isEmpty ? "." : String(prefix.dropLast())
            return "this folder holds Markdown files (\(here.prefix(2).joined(separator: ", "))\(here.count > 2 ? ", …" : "")): build them with --content \(folder) --output ../site, or create the content folder"
        }
        return "create it, pass --content DIR, or start a site here with `octavo init`"
    }

    static func sameNameInOtherCase(as url: URL) -> String? {
        let name = url.lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.sorted().first { $0 != name && $0.lowercased() == name.lowercased() }
    }

    /// Reads `site.yml`, or returns the defaults when there is none.
    /// - Throws: ``BuildError`` when it does not parse, or is a symbolic link that leads outside the
    ///   site's root (the setting that would allow such links cannot vouch for itself).
    func readConfig() throws -> SiteConfig {
        let url = root.appendingPathComponent(SiteConfig.fileName)
        let display = DisplayPath(displayRoot).appending(SiteConfig.fileName).text
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return SiteConfig() }
        if info.st_mode & S_IFMT == S_IFLNK {
            let boundary = LinkBoundary(content: root)
            guard let target = LinkBoundary.realPath(url.path) else {
                throw BuildError(file: display, "is a broken symbolic link: fix or remove it")
            }
            if !boundary.contains(target, orIn: LinkBoundary.realPath(root.path)) {
                throw BuildError(file: display, "is a symbolic link to '\(FolderWalker.display(target))', outside the site's root: replace it with a copy")
            }
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BuildError(file: display, "cannot be read: check its permissions")
        }
        return try SiteConfig(yaml: try SourceFile.decode([UInt8](data), file: display), file: display)
    }
}
