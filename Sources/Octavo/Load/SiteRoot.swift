import Foundation

/// The folder a site lives in, found from a folder inside it the way git finds `.git`.
///
/// A folder is the site's root when it holds a `Content/` folder, or mdBook's `book.toml` and the
/// book's source folder (``BookConfig``: `src/`), which is then the content folder, or a Hugo or
/// Zola site's configuration (``generatorConfigs``) beside a `content/` folder. A folder
/// holding `site.yml` is a content folder (that is where Octavo reads `site.yml`), and its parent
/// is the root. Each is looked for in the starting folder first, then in each folder above it.
public struct SiteRoot: Sendable, Equatable {
    /// The root: the folder that holds the content folder.
    public var root: URL
    /// The content folder's name inside the root (`Content`).
    public var content: String

    /// The content folder's usual name.
    public static let contentName = "Content"

    /// The files that mark a Hugo or Zola site, whose content folder is `content/` (lower case).
    public static let generatorConfigs = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "zola.toml"]

    /// Looks for the site's root from `start` upward.
    /// - Parameter start: The folder to start from (the current folder).
    /// - Returns: The nearest root, or `nil` when no folder up to `/` is one.
    public static func find(from start: URL) -> SiteRoot? {
        var folder = start.standardizedFileURL
        while true {
            if let found = at(folder) { return found }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The site `folder` is the root of (or, holding `site.yml`, the content folder of), looking
    /// in that folder only; `nil` when it is neither.
    public static func at(_ folder: URL) -> SiteRoot? {
        let folder = folder.standardizedFileURL
        if isFolder(folder.appendingPathComponent(contentName)) {
            return SiteRoot(root: folder, content: contentName)
        }
        if let book = BookConfig.read(in: folder), isFolder(folder.appendingPathComponent(book.source)) {
            return SiteRoot(root: folder, content: book.source)
        }
        if isFolder(folder.appendingPathComponent("content")),
           generatorConfigs.contains(where: { isFile(folder.appendingPathComponent($0)) }) {
            return SiteRoot(root: folder, content: "content")
        }
        if isFile(folder.appendingPathComponent(SiteConfig.fileName)), folder.path != "/" {
            return SiteRoot(root: folder.deletingLastPathComponent().standardizedFileURL, content: folder.lastPathComponent)
        }
        return nil
    }

    /// The shortest relative path from folder `from` to `to` (`..`, `../..`, `docs`), or `.` when
    /// they are the same; both must be absolute.
    public static func relativePath(from: URL, to: URL) -> String {
        let source = from.standardizedFileURL.pathComponents, target = to.standardizedFileURL.pathComponents
        var common = 0
        while common < source.count, common < target.count, source[common] == target[common] { common += 1 }
        let parts = Array(repeating: "..", count: source.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    private static func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }

    private static func isFile(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && !folder.boolValue
    }
}
