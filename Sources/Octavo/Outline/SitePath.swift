/// `/`-separated paths relative to a folder (the content folder or the site root), taken apart
/// without Foundation's `NSString` path methods, whose Linux versions mishandle some short paths.
extension String {
    /// The folder part: `"a/b/index.html"` → `"a/b"`; `"index.html"` → `""`.
    var folderPart: String {
        guard let slash = lastIndex(of: "/") else { return "" }
        return String(self[..<slash])
    }

    /// The last part: `"a/b.md"` → `"b.md"`.
    var lastPart: String {
        guard let slash = lastIndex(of: "/") else { return self }
        return String(self[index(after: slash)...])
    }

    /// The last part without its extension: `"a/b.md"` → `"b"`; `".hidden"` stays `".hidden"`.
    var stem: String {
        let name = lastPart
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
