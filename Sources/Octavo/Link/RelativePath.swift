import Foundation

/// Relative paths between files of the output folder.
public enum RelativePath {
    /// The path from the folder of the file `from` to the file `to`; both relative to the site root.
    /// `from("iii/3/index.html", to: "ii/index.html")` is `../../ii/index.html`.
    public static func from(_ from: String, to: String) -> String {
        // Drop the folders both paths start with, then climb one `..` per folder of `from` left.
        // By byte: a `/` followed by a combining mark is one Character. Every page's navigation
        // asks this for dozens of entries, so it reads both paths' bytes in place.
        var from = from, to = to
        let slash = UInt8(ascii: "/")
        return from.withUTF8 { source in
            to.withUTF8 { target in
                // `from`'s folder: the bytes before its last `/`.
                var folder = source.count
                while folder > 0, source[folder - 1] != slash { folder -= 1 }
                folder = max(0, folder - 1)
                func slashIndex(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
                    var index = start
                    while index < end {
                        if bytes[index] == slash { return index }
                        index += 1
                    }
                    return nil
                }
                var fromRest = 0, toRest = 0
                while fromRest < folder, let toSlash = slashIndex(target, from: toRest, to: target.count) {
                    let fromSlash = slashIndex(source, from: fromRest, to: folder) ?? folder
                    guard fromSlash - fromRest == toSlash - toRest,
                          (0..<(fromSlash - fromRest)).allSatisfy({ source[fromRest + $0] == target[toRest + $0] }) else { break }
                    fromRest = min(fromSlash + 1, folder)
                    toRest = toSlash + 1
                }
                var ups = 0
                if fromRest < folder {
                    ups = 1
                    for index in fromRest..<folder where source[index] == slash { ups += 1 }
                }
                var result = String(repeating: "../", count: ups)
                result += String(decoding: UnsafeBufferPointer(rebasing: target[toRest...]), as: UTF8.self)
                return result
            }
        }
    }

    /// The prefix that leads from the file `from` to the site root: `""` or `../../`.
    public static func root(from: String) -> String {
        String(repeating: "../", count: from.pathParts().count - 1)
    }
}
