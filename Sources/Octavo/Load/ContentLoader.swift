import Foundation

/// What the load stage found in a content folder: Markdown files and the other files (assets).
public struct LoadedContent: Sendable {
    /// Markdown files (`.md`, `.markdown`), sorted by path.
    public var sources: [SourceFile]
    /// Every other file, as paths relative to the content folder (NFC, `/`-separated), sorted;
    /// copied to the same path in the output.
    public var assets: [Asset]
    /// The settings of `site.yml`, or the defaults.
    public var config: SiteConfig
}

/// A file copied as it is into the output.
public struct Asset: Sendable, Hashable {
    /// The path in the output folder, relative to its root, `/`-separated, NFC.
    public var path: String
    /// The absolute path of the file to copy.
    public var sourceURL: URL

    /// Creates an asset.
    public init(path: String, sourceURL: URL) {
        self.path = path
        self.sourceURL = sourceURL
    }
}

/// Reads a content folder.
public struct ContentLoader: Sendable {
    /// The folder to read.
    public var root: URL
    /// How the folder is named in diagnostics (as the user gave it, for example `Content`).
    public var displayRoot: String

    /// Creates a loader for a content folder.
    public init(root: URL, displayRoot: String) {
        self.root = root
        self.displayRoot = displayRoot
    }

    /// File name extensions read as Markdown.
    public static let markdownExtensions: Set<String> = ["md", "markdown"]

    /// Reads every file below the root. Names starting with `.` are skipped; symbolic links are
    /// followed once.
    ///
    /// - Throws: ``BuildError`` when the folder is missing, a file cannot be read or decoded, its
    ///   front matter is invalid, or a symbolic link leads back into a folder being read (a loop).
    public func load() throws -> LoadedContent {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BuildError(file: displayRoot, "content folder does not exist: create it or pass --content DIR")
        }
        var sources: [SourceFile] = []
        var assets: [Asset] = []
        var errors: [Diagnostic] = []
        var config = SiteConfig()
        try walk(root, relative: "", ancestors: [root.resolvingSymlinksInPath().path]) { url, relative in
            let display = displayRoot + "/" + relative
            // A FIFO would block the read, a socket or device cannot be copied: refuse before reading.
            if let kind = Self.specialFileKind(url) {
                errors.append(Diagnostic(file: display, message: "is \(kind), not a regular file: remove it or move it out of the content folder"))
                return
            }
            if relative == SiteConfig.fileName {
                do {
                    let data = FileManager.default.contents(atPath: url.path) ?? Data()
                    config = try SiteConfig(yaml: try SourceFile.decode([UInt8](data), file: display), file: display)
                } catch let error as BuildError {
                    errors += error.diagnostics
                }
            } else if Self.markdownExtensions.contains(url.pathExtension.lowercased()) {
                do {
                    guard let data = FileManager.default.contents(atPath: url.path) else {
                        throw BuildError(file: display, "cannot be read: check its permissions")
                    }
                    sources.append(try SourceFile(bytes: [UInt8](data), path: relative, displayPath: display))
                } catch let error as BuildError {
                    errors += error.diagnostics
                }
            } else {
                assets.append(Asset(path: relative, sourceURL: url))
            }
        }
        if !errors.isEmpty { throw BuildError(errors) }
        return LoadedContent(sources: sources.sorted { $0.path < $1.path }, assets: assets.sorted { $0.path < $1.path }, config: config)
    }

    /// `a FIFO`, `a socket`, `a device` … for a file (after symbolic links) that is not a regular file; `nil` for a regular one.
    static func specialFileKind(_ url: URL) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }  // reading it reports the error
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "a special file"
        }
    }

    private func walk(_ folder: URL, relative: String, ancestors: [String], visit: (URL, String) throws -> Void) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw BuildError(file: displayRoot + "/" + relative, "folder cannot be read: \(error.localizedDescription)")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let path = relative + name.precomposedStringWithCanonicalMapping
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw BuildError(file: displayRoot + "/" + path, "is a broken symbolic link")
            }
            if isFolder.boolValue {
                let real = url.resolvingSymlinksInPath().path
                if ancestors.contains(real) {
                    throw BuildError(file: displayRoot + "/" + path, "is a symbolic link loop: it leads back to a folder that contains it")
                }
                try walk(url, relative: path + "/", ancestors: ancestors + [real], visit: visit)
            } else {
                try visit(url, path)
            }
        }
    }
}
