import Foundation

/// Where a symbolic link in the content or templates folder may lead.
///
/// A link is followed only when its fully resolved target lies inside the site's root: the git work
/// tree that holds the content folder (the nearest folder above it with a `.git`), or else the
/// content folder's parent. This keeps a build of someone else's branch (a pull request from a fork)
/// from publishing files of the build machine, as Jekyll's safe mode does for GitHub Pages
/// (jekyll/jekyll#1944, CVE-2018-17567). `allow_outside_links: true` in `site.yml` lifts the rule.
public struct LinkBoundary: Sendable, Equatable {
    /// The real (symbolic-link-free) absolute path of the site's root.
    public var siteRoot: String
    /// Whether links that lead outside the site's root are followed anyway.
    public var allowsOutside: Bool

    /// Creates a boundary.
    /// - Parameters:
    ///   - siteRoot: The real absolute path of the site's root.
    ///   - allowsOutside: Whether links may lead outside it (`allow_outside_links`).
    public init(siteRoot: String, allowsOutside: Bool = false) {
        self.siteRoot = siteRoot
        self.allowsOutside = allowsOutside
    }

    /// The boundary of the site whose content folder is `content`: the nearest folder at or above the
    /// content folder's real path that holds `.git` (a folder, or a file in a linked work tree),
    /// else the content folder's parent.
    public init(content: URL, allowsOutside: Bool = false) {
        let real = Self.realPath(content.path) ?? content.standardizedFileURL.path
        var folder = real
        var root: String?
        while true {
            var info = stat()
            if lstat(folder == "/" ? "/.git" : folder + "/.git", &info) == 0 {
                root = folder
                break
            }
            if folder == "/" { break }
            folder = Self.parent(of: folder)
        }
        self.init(siteRoot: root ?? Self.parent(of: real), allowsOutside: allowsOutside)
    }

    /// Whether a real absolute path lies inside the site's root or inside `folder` (the real path of
    /// the folder being read, which the user named and so trusts even when it is elsewhere).
    public func contains(_ path: String, orIn folder: String? = nil) -> Bool {
        Self.path(path, isInside: siteRoot) || folder.map { Self.path(path, isInside: $0) } == true
    }

    /// Whether `path` is `folder` or below it; both absolute and free of `.`, `..` and links.
    static func path(_ path: String, isInside folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved, or `nil`
    /// when it cannot be resolved (`errno` says why).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
