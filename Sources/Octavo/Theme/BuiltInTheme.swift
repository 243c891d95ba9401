import Foundation

/// The theme compiled into Octavo: the templates and assets of the repository's `Templates/`.
///
/// A site without a templates folder is rendered with it; a templates folder overrides it file by
/// file (a site may replace only `partials/header.mustache`). `octavo theme export` writes it out
/// for editing. The files live in `BuiltInTheme+Files.swift`, which `tools/generate-theme.py`
/// (`make theme`) writes from `Templates/`; a test fails while the two differ.
public enum BuiltInTheme {
    /// How one file is stored in the source.
    enum Contents: Sendable {
        /// UTF-8 text, as it is.
        case text(String)
        /// Bytes a string literal cannot hold exactly (carriage returns, control characters).
        case base64(String)

        /// The file's bytes.
        var bytes: [UInt8] {
            switch self {
            case .text(let text): return Array(text.utf8)
            case .base64(let text): return Data(base64Encoded: text).map { [UInt8]($0) } ?? []
            }
        }
    }

    /// How diagnostics name the theme's files (`<built-in>/layout.mustache`), as compilers name
    /// their own predefined text: no file of the user's has this name.
    public static let displayRoot = "<built-in>"

    /// Every file of the theme: path relative to the templates folder (`partials/header.mustache`,
    /// `assets/style.css`) and its bytes, sorted by path.
    public static var allFiles: [(path: String, bytes: [UInt8])] {
        files.map { ($0.path, $0.contents.bytes) }
    }

    /// The templates: name (the path without `.mustache`) → text.
    static var templateSources: [String: String] {
        var sources: [String: String] = [:]
        for file in files where file.path.hasSuffix(".mustache") && !file.path.hasPrefix("assets/") {
            sources[String(file.path.dropLast(".mustache".count))] = String(decoding: file.contents.bytes, as: UTF8.self)
        }
        return sources
    }

    /// The files of `assets/`, with their output paths (`assets/style.css`).
    static var assetFiles: [(path: String, bytes: [UInt8])] {
        files.filter { $0.path.hasPrefix("assets/") }.map { ($0.path, $0.contents.bytes) }
    }

    /// Writes every file of the theme below `folder`, creating folders as needed.
    ///
    /// Nothing is overwritten: when any of the files exists already, nothing is written.
    /// - Parameters:
    ///   - folder: The folder to write into (created when missing).
    ///   - display: How to name the folder in messages (as the user gave it).
    /// - Returns: The paths written, relative to `folder`.
    /// - Throws: ``BuildError`` naming every file that exists already, or the file that could not be written.
    @discardableResult
    public static func export(to folder: URL, display: String) throws -> [String] {
        let all = allFiles
        let existing = all.map(\.path).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if !existing.isEmpty {
            throw BuildError(existing.map {
                Diagnostic(file: display + "/" + $0, message: "exists already: the theme is never written over a file; export into an empty folder, or move this file away")
            })
        }
        for file in all {
            let url = folder.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            } catch {
                throw BuildError(file: display + "/" + file.path, "cannot be written: \(error.localizedDescription)")
            }
        }
        return all.map(\.path)
    }
}
