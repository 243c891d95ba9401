import Foundation

/// Lists the files below a content or templates folder, checking every entry before anything is
/// read through it: names with control characters, symbolic links that lead outside the site
/// (see ``LinkBoundary``), real loops, paths over the system's limit and special files.
///
/// Nothing is read here but folder listings, and a folder reached through a symbolic link is listed
/// only once the link has been found to stay inside the site.
public struct FolderWalker: Sendable {
    /// A regular file found below the folder.
    public struct Entry: Sendable, Hashable {
        /// The path relative to the folder, `/`-separated, NFC.
        public var path: String
        /// The file (its path may pass through symbolic links that were checked).
        public var url: URL
        /// What `lstat` (`stat` for a symbolic link) said of the file when it was listed.
        var identity: FileIdentity? = nil
    }

    /// What a walk found.
    public struct Listing: Sendable {
        /// Every regular file, in the order of their paths.
        public var entries: [Entry]
        /// Warnings (names Windows cannot unpack, special files skipped) and notes (links followed
        /// outside the site with `allow_outside_links`).
        public var diagnostics: [Diagnostic]
    }

    /// The folder to walk.
    public var root: URL
    /// How the folder is named in diagnostics (`Content`).
    public var displayRoot: String
    /// Where symbolic links may lead.
    public var boundary: LinkBoundary
    /// Whether names starting with `.` are left out (and not descended into).
    public var skipsHidden: Bool

    /// Creates a walker.
    public init(root: URL, displayRoot: String, boundary: LinkBoundary, skipsHidden: Bool = true) {
        self.root = root
        self.displayRoot = displayRoot
        self.boundary = boundary
        self.skipsHidden = skipsHidden
    }

    /// The longest path the system accepts, in bytes (`PATH_MAX` less its terminating NUL).
    public static let pathLimit = Int(PATH_MAX) - 1

    /// Characters that Windows does not allow in a file name (besides control characters).
    static let windowsForbidden: Set<Character> = [":", "\\", "*", "\"", "<", ">", "|", "?"]

    /// Names Windows keeps for devices, with any extension (`nul.txt` too).
    static let windowsDeviceNames: Set<String> = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// Lists every regular file below the root.
    /// - Throws: ``BuildError`` with every problem found: a name with a control character
    ///   (U+0000–U+001F, U+007F), a symbolic link that leads outside the site's root or nowhere, a
    ///   link back into a folder that contains it (compared by device and inode), a path longer than
    ///   ``pathLimit`` bytes, or a folder that cannot be listed.
    public func walk() throws -> Listing {
        var listing = Listing(entries: [], diagnostics: [])
        var errors: [Diagnostic] = []
        var info = stat()
        guard stat(root.path, &info) == 0 else {
            throw BuildError(file: displayRoot, "folder cannot be read: \(String(cString: strerror(errno)))")
        }
        let realRoot = LinkBoundary.realPath(root.path) ?? root.path
        // The root's folders are walked on all cores, and what each finds is put where the walk
        // met it: the listing and its messages are in the same order as one walk would make them.
        var deferred: [Deferred]? = []
        walk(root, relative: "", ancestors: [FileID(info)], realRoot: realRoot, into: &listing, errors: &errors, deferring: &deferred)
        let folders = deferred ?? []
        var found = [(listing: Listing, errors: [Diagnostic])](repeating: (Listing(entries: [], diagnostics: []), []), count: folders.count)
        found.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: folders.count) { index in
                let folder = folders[index]
                var none: [Deferred]? = nil
                walk(folder.url, relative: folder.relative, ancestors: folder.ancestors, realRoot: realRoot,
                     into: &output.buffer[index].listing, errors: &output.buffer[index].errors, deferring: &none)
            }
        }
        // From the last, so that the places of the earlier ones stay where they were.
        for (folder, made) in zip(folders, found).reversed() {
            listing.entries.insert(contentsOf: made.listing.entries, at: folder.entries)
            listing.diagnostics.insert(contentsOf: made.listing.diagnostics, at: folder.diagnostics)
            errors.insert(contentsOf: made.errors, at: folder.errors)
        }
        if !errors.isEmpty { throw BuildError(errors) }
        return listing
    }

    /// A folder whose walk was left for later, and where in the listing, its messages and the
    /// errors what it finds goes (their counts when it was met).
    private struct Deferred {
        var url: URL
        var relative: String
        var ancestors: Set<FileID>
        var entries: Int
        var diagnostics: Int
        var errors: Int
    }

    /// A folder's identity: the same device and inode is the same folder, whatever path leads there.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Walks `folder`, whose path from the root is `relative`. With `deferring`, its subfolders are
    /// not walked but added there, to be walked apart (see ``walk()``).
    private func walk(_ folder: URL, relative: String, ancestors: Set<FileID>, realRoot: String,
                      into listing: inout Listing, errors: inout [Diagnostic], deferring: inout [Deferred]?) {
        guard let entries = FolderEntries.names(in: folder.path) else {
            errors.append(Diagnostic(file: Self.display(DisplayPath(displayRoot).appending(relative).text), message: "folder cannot be read: check its permissions"))
            return
        }
        var names: [String] = []
        for bytes in entries where !(skipsHidden && bytes.first == UInt8(ascii: ".")) {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                // Shown with each byte that is not ASCII as `?`, and named by its value.
                let shown = relative + String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
                let escaped = bytes.filter { $0 >= 0x80 }.map { String($0, radix: 16, uppercase: true) }
                errors.append(Diagnostic(file: Self.display(DisplayPath(displayRoot).appending(shown).text),
                                         message: "its name is not UTF-8 (bytes \(escaped.map { "0x" + $0 }.joined(separator: " ")) shown as ?): rename it in UTF-8, which web addresses need (convmv -f latin1 -t utf8 --notest renames Latin-1 names)"))
                continue
            }
            names.append(name)
        }
        for name in names.sorted() {
            // `isDirectory: false` spares Foundation a look at the disk for each entry (`lstat`
            // below tells folders apart); a folder's URL serves only for its path.
            let url = folder.appendingPathComponent(name, isDirectory: false)
            // NFC; a name of ASCII bytes is already (Foundation's pass was a tenth of the walk).
            let path = relative + (name.utf8.allSatisfy { $0 < 0x80 } ? name : name.precomposedStringWithCanonicalMapping)
            // Made only for a message: most entries have none.
            var display: String { Self.display(DisplayPath(displayRoot).appending(path).text) }
            if name.unicodeScalars.contains(where: Self.isControl) {
                errors.append(Diagnostic(file: display, message: "has a control character in its name (shown escaped): rename it; such a name can break the lists Octavo and other tools keep"))
                continue
            }
            if let reason = Self.windowsProblem(name) {
                listing.diagnostics.append(Diagnostic(file: display, severity: .warning, message: "\(reason), which Windows cannot use in a file name: the site cannot be unpacked there; rename it"))
            }
            if url.path.utf8.count > Self.pathLimit {
                errors.append(Diagnostic(file: display, message: "its absolute path is \(url.path.utf8.count) bytes, over the system's limit of \(Self.pathLimit): move the folder to a shorter path or nest fewer folders"))
                continue
            }
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                errors.append(Diagnostic(file: display, message: "cannot be read: \(String(cString: strerror(errno)))"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard let target = LinkBoundary.realPath(url.path) else {
                    let reason = errno
                    let text = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)).map { " to '\($0)'" } ?? ""
                    errors.append(Diagnostic(file: display, message: reason == ELOOP
                        ? "is a symbolic link loop: it leads back to itself"
                        : "is a broken symbolic link\(text): fix or remove it"))
                    continue
                }
                if !boundary.contains(target, orIn: realRoot) {
                    if boundary.allowsOutside {
                        listing.diagnostics.append(Diagnostic(file: display, severity: .note, message: "is a symbolic link to '\(Self.display(target))', outside the site; followed because of 'allow_outside_links: true'"))
                    } else {
                        errors.append(Diagnostic(file: display, message: "is a symbolic link to '\(Self.display(target))', outside the site's root (the git work tree, or the content folder's parent): replace it with a copy, or set 'allow_outside_links: true' in site.yml if you trust every branch you build"))
                        continue
                    }
                }
                guard stat(url.path, &info) == 0 else {
                    errors.append(Diagnostic(file: display, message: "cannot be read: \(String(cString: strerror(errno)))"))
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let id = FileID(info)
                if ancestors.contains(id) {
                    errors.append(Diagnostic(file: display, message: "is a symbolic link loop: it leads back to a folder that contains it"))
                    continue
                }
                if deferring != nil {
                    deferring?.append(Deferred(url: url, relative: path + "/", ancestors: ancestors.union([id]),
                                               entries: listing.entries.count, diagnostics: listing.diagnostics.count, errors: errors.count))
                    continue
                }
                var none: [Deferred]? = nil
                walk(url, relative: path + "/", ancestors: ancestors.union([id]), realRoot: realRoot, into: &listing, errors: &errors, deferring: &none)
            case S_IFREG:
                listing.entries.append(Entry(path: path, url: url, identity: FileIdentity(info)))
            default:
                listing.diagnostics.append(Diagnostic(file: display, severity: .warning, message: "is not a regular file or folder (a pipe, socket or device): skipped"))
            }
        }
    }

    /// Whether a scalar is a C0 control character or DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }

    /// Why Windows cannot store a file of this name, or `nil`.
    static func windowsProblem(_ name: String) -> String? {
        if let bad = name.first(where: { windowsForbidden.contains($0) }) { return "its name has '\(bad)'" }
        if name.hasSuffix(".") { return "its name ends with a dot" }
        if name.hasSuffix(" ") { return "its name ends with a space" }
        let stem = name.prefix { $0 != "." }.uppercased()
        if windowsDeviceNames.contains(stem) { return "its name is the device name '\(stem)'" }
        return nil
    }

    /// A path as shown in a message, with control characters escaped as every diagnostic prints
    /// them (``Diagnostic/escapingControlCharacters(_:)``), so a name cannot break a message into
    /// lines or fake one, and tests can compare the file of a diagnostic with what is printed.
    public static func display(_ path: String) -> String {
        Diagnostic.escapingControlCharacters(path)
    }
}
