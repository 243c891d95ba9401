import Foundation

/// Checks every path the build will write before anything is written, so that `check` finds what
/// would otherwise fail part-way through a build: one path written twice, a file where a folder
/// must be, a name the file system cannot hold, or a name Octavo keeps for itself.
struct OutputPaths {
    /// Who writes a path: the file of the user that chose its name, or the build itself.
    enum Origin {
        /// A page, with the file and line that give its path.
        case page(file: String, line: Int?)
        /// A file copied from the content or templates folder, by its display path.
        case asset(file: String)
        /// A file the build makes (the search page, its index, the print edition), described.
        case generated(String)
        /// An asset of the theme, by its display path: the templates folder's, or the built-in
        /// theme's (`builtIn`), which a file at `replacement` of the templates folder replaces.
        case themeAsset(file: String, replacement: String, builtIn: Bool)

        /// Where to report a problem: the user's file, or nothing for the build's own files.
        var location: (file: String, line: Int?)? {
            switch self {
            case .page(let file, let line): (file, line)
            case .asset(let file): (file, nil)
            case .generated: nil
            case .themeAsset(let file, _, let builtIn): builtIn ? nil : (file, nil)
            }
        }

        /// How a message names it.
        var name: String {
            switch self {
            case .page(let file, let line): "the page of " + (line.map { "\(file):\($0)" } ?? file)
            case .asset(let file): "'\(file)'"
            case .generated(let what): what
            case .themeAsset(let file, _, _): "the theme's '\(file)'"
            }
        }
    }

    /// The longest name of one file or folder most file systems take (ext4, APFS, NTFS: 255 bytes
    /// of UTF-8; `NAME_MAX` on Linux).
    static let nameLimit = 255

    /// Names in the output folder that the build keeps for itself.
    static let reserved: [String: String] = [OutputWriter.manifestName: "the build's manifest", BuildStamp.fileName: "the build's stamp",
                                             ParseCacheFile.fileName: "the build's parse cache"]

    /// Every path the build writes, with its origin, in the order given.
    var entries: [(path: String, origin: Origin)] = []

    /// Adds a path.
    mutating func add(_ path: String, _ origin: Origin) {
        entries.append((path, origin))
    }

    /// The form in which two paths are the same file on a file system that ignores letter case
    /// and Unicode form (APFS and HFS+ on macOS, NTFS on Windows, FAT and exFAT on a USB stick, and
    /// so a zip unpacked there): Unicode case folding (Foundation's) of the NFC form.
    static func folded(_ path: String) -> String {
        if path.utf8.allSatisfy({ $0 < 0x80 }) { return path.lowercased() }
        return path.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
    }

    /// One error per problem, at the user's file that causes it (with its line for a page).
    /// - Complexity: O(total length of the paths).
    func problems() -> [Diagnostic] {
        var owners: [String: Origin] = [:]
        for (path, origin) in entries where owners[path] == nil { owners[path] = origin }
        // The first path of each folded form: a second one differs only in letter case or Unicode form.
        var foldedOwners: [String: (path: String, origin: Origin)] = [:]
        for (path, origin) in entries where foldedOwners[Self.folded(path)] == nil { foldedOwners[Self.folded(path)] = (path, origin) }
        var result: [Diagnostic] = []
        func report(_ origin: Origin, other: Origin?, _ message: String) {
            // Report at the user's file; when both are the user's, at the one added later.
            guard let location = origin.location ?? other?.location else { return }
            result.append(Diagnostic(file: location.file, line: location.line, message: message))
        }
        var seen: Set<String> = []
        for (path, origin) in entries {
            if !seen.insert(path).inserted, let other = owners[path] {
                var advice = other.location == nil ? "rename or move it" : "rename or move one of them (Octavo does not choose)"
                if case .themeAsset(_, let replacement, let builtIn) = other, case .asset = origin {
                    advice = (builtIn ? "to replace the theme's file, put yours at \(replacement) instead" : "to change the theme's file, edit \(replacement) instead")
                        + "; otherwise " + advice
                }
                report(origin, other: other, "would be written to '\(path)', as \(other.name) is: \(advice)")
                continue
            }
            let parts = path.pathParts(omittingEmpty: false)
            if let first = parts.first, let what = Self.reserved[String(first)] {
                report(origin, other: nil, "would be written to '\(path)', where Octavo keeps \(what): rename it or set another 'slug'")
                continue
            }
            if let other = foldedOwners[Self.folded(path)], !other.path.utf8.elementsEqual(path.utf8) {
                report(origin, other: other.origin, "would be written to '\(path)', and \(other.origin.name) to '\(other.path)': the names differ only in "
                       + "letter case or Unicode form, so one overwrites the other on macOS and Windows, on a USB stick and in a zip unpacked there: rename one of them")
                continue
            }
            if let long = parts.first(where: { $0.utf8.count > Self.nameLimit }) {
                report(origin, other: nil, "would be written to a file or folder named '\(long.prefix(40))…', \(long.utf8.count) bytes long; "
                       + "file systems take at most \(Self.nameLimit) bytes per name: shorten the heading or file name, or set a shorter 'slug'")
                continue
            }
            var folder = ""
            for part in parts.dropLast() {
                folder += folder.isEmpty ? String(part) : "/" + part
                if let file = owners[folder] ?? foldedOwners[Self.folded(folder)]?.origin {
                    report(origin, other: file, "would be written to '\(path)', inside a folder '\(folder)', but \(file.name) is a file of that name: rename or move one of them")
                    break
                }
            }
        }
        return result
    }
}
