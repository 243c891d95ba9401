import Foundation

/// Relative paths between files of the output folder.
public enum RelativePath {
    /// The path from the folder of the file `from` to the file `to`; both relative to the site root.
    /// `from("iii/3/index.html", to: "ii/index.html")` is `../../ii/index.html`.
    public static func from(_ from: String, to: String) -> String {
        // Drop the folders both paths start with, then climb one `..` per folder of `from` left.
        var fromRest = Substring(from.folderPart)
        var toRest = Substring(to)
        // By byte: a `/` followed by a combining mark is one Character.
        let slash = UInt8(ascii: "/")
        while !fromRest.isEmpty, let toSlash = toRest.utf8.firstIndex(of: slash) {
            let fromSlash = fromRest.utf8.firstIndex(of: slash)
            guard fromRest.utf8[..<(fromSlash ?? fromRest.endIndex)].elementsEqual(toRest.utf8[..<toSlash]) else { break }
            fromRest = fromSlash.map { fromRest[fromRest.utf8.index(after: $0)...] } ?? ""
            toRest = toRest[toRest.utf8.index(after: toSlash)...]
        }
        let ups = fromRest.isEmpty ? 0 : fromRest.utf8.reduce(1) { $1 == slash ? $0 + 1 : $0 }
        return String(repeating: "../", count: ups) + toRest
    }

    /// The prefix that leads from the file `from` to the site root: `""` or `../../`.
    public static func root(from: String) -> String {
        String(repeating: "../", count: from.pathParts().count - 1)
    }
}
