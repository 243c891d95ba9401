import Foundation
import Octavo

extension SiteOptions {
    /// Makes the site's root the current folder when run inside a site (`cd Content && octavo
    /// build`), the way git finds `.git`: only when neither `--content` nor `--templates` is given
    /// and the current folder has no content folder of its own. A site's folder given on the
    /// command line (`octavo build docs`, as `mdbook build docs`) is not entered: when it is a
    /// site's root (``SiteRoot/at(_:)``) its folders are named through it (``rootFolder``:
    /// `docs/Content`, `docs/Output`), so that messages name files as from here; otherwise it is
    /// the content folder (a folder of Markdown files).
    ///
    /// - Parameter paths: Other paths as given on the command line (`--output`, `--bundle`); each
    ///   relative one is rewritten to name the same place from the root.
    /// - Returns: The line that says which root is used (`Using the site in ..`), or `nil` when
    ///   the current folder is the root or none was found (the build then names what is missing).
    public mutating func enterSiteRoot(paths: inout [String?]) -> String? {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        if let folder {
            guard let found = SiteRoot.at(Self.url(folder)) else {
                givenContent = folder
                return nil
            }
            let root = SiteRoot.relativePath(from: here, to: found.root)
            rootFolder = root
            givenContent = inRoot(found.content)
            return "Using the site in \(root) (\(found.content)/ is there)"
        }
        guard givenContent == nil, givenTemplates == nil else { return nil }
        guard let found = SiteRoot.find(from: here), found.root.path != here.path || found.content != SiteRoot.contentName else { return nil }
        return enter(found, from: here, paths: &paths)
    }

    /// Makes `found`'s root the current folder, `paths` relative to it, and its content folder the
    /// content; returns the line that says so (`nil` when the root cannot be entered).
    private mutating func enter(_ found: SiteRoot, from here: URL, paths: inout [String?]) -> String? {
        paths = paths.map { given in
            guard let given, !given.hasPrefix("/") else { return given }
            return SiteRoot.relativePath(from: found.root, to: here.appendingPathComponent(given))
        }
        guard FileManager.default.changeCurrentDirectoryPath(found.root.path) else { return nil }
        givenContent = found.content
        let shown = SiteRoot.relativePath(from: here, to: found.root)
        return "Using the site in \(shown) (\(found.content)/ is there)"
    }
}
