import Foundation

/// A path as a message shows it to the user: as they typed it (`Content`, `../site/Output`), or
/// relative to the folder they ran Octavo in; never an absolute path of the build machine that
/// the user did not type.
///
/// Files inside a folder are named by joining with ``appending(_:)``, the one place a `/` is put
/// between a folder and a path relative to it, so that `Content` + `a.md` reads `Content/a.md`,
/// and `./` + `a.md` or `/` + `a.md` get no doubled slash.
public struct DisplayPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The path as shown.
    public let text: String

    /// A path as the user typed it.
    public init(_ text: String) {
        self.text = text
    }

    /// A path as the user typed it.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// How to show `url`, which the user did not type: relative to `folder` (by default the
    /// current folder) when it is inside it, else its last part only.
    /// - Parameters:
    ///   - url: A file URL.
    ///   - folder: The folder paths are shown relative to.
    public init(url: URL, relativeTo folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        let path = url.standardizedFileURL.path
        let base = folder.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if path == base {
            self.init(".")
        } else if path.hasPrefix(prefix) {
            self.init(String(path.dropFirst(prefix.count)))
        } else {
            self.init(url.lastPathComponent)
        }
    }

    /// The content folder when none is named (`--content`'s default): `Content`.
    public static let defaultContent: DisplayPath = "Content"

    /// The path as shown.
    public var description: String { text }

    /// The file or folder at `relative` inside this folder.
    /// - Parameter relative: A `/`-separated path relative to this folder; empty for the folder itself.
    public func appending(_ relative: String) -> DisplayPath {
        if relative.isEmpty { return self }
        if text.isEmpty || text == "." { return DisplayPath(relative) }
        return DisplayPath(text.hasSuffix("/") ? text + relative : text + "/" + relative)
    }

    /// The folder that holds this path, as shown (`""` when the path has one part).
    public var parent: DisplayPath {
        DisplayPath((text as NSString).deletingLastPathComponent)
    }
}
