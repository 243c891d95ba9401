/// `/`-separated paths relative to a folder (the content folder or the site root), taken apart
/// without Foundation's `NSString` path methods, whose Linux versions mishandle some short paths.
/// Separators are found by byte: a `/` or `.` followed by a combining mark is one Character.
extension String {
    /// The folder part: `"a/b/index.html"` → `"a/b"`; `"index.html"` → `""`.
    var folderPart: String {
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(self[..<slash])
    }

    /// The last part: `"a/b.md"` → `"b.md"`.
    var lastPart: String {
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return self }
        return String(self[utf8.index(after: slash)...])
    }

    /// The parts between `/`, split by byte.
    func pathParts(omittingEmpty: Bool = true) -> [Substring] {
        utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }

    /// The last part without its extension: `"a/b.md"` → `"b"`; `".hidden"` stays `".hidden"`.
    var stem: String {
        let name = lastPart
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
