import Foundation

/// One page of mdBook's `SUMMARY.md`: the Markdown file a link of its list names, and where.
///
/// The list's nesting is read from the links' columns, which libcmark gives: an item indented
/// deeper than the one before it is a page below that one (mdBook's rule). A link that is not in
/// a list (mdBook's prefix and suffix chapters) is a top-level page.
public struct SummaryEntry: Sendable, Equatable {
    /// The file's path relative to the content folder (NFC, `/`-separated), as ``SourceFile/path``.
    public var path: String
    /// The 1-based line of the link in `SUMMARY.md`.
    public var line: Int
    /// The 1-based column of the link: deeper items have larger columns.
    public var column: Int

    /// The file name, at the top of the content folder; it is no page of the site.
    public static let fileName = "SUMMARY.md"

    /// Creates an entry.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// The entries of a parsed `SUMMARY.md`: the first link of each line that names a Markdown
    /// file (mdBook allows one link per item); draft chapters (`[Draft]()`), external links and
    /// links to other files are skipped.
    /// - Parameters:
    ///   - document: `SUMMARY.md` parsed by ``MarkdownParser``.
    ///   - bodyFirstLine: The line of the file on which its Markdown starts (after front matter).
    public static func entries(of document: MarkdownDocument, bodyFirstLine: Int = 1) -> [SummaryEntry] {
        var result: [SummaryEntry] = []
        var lastLine = 0
        for link in document.links where !link.isImage && link.line != lastLine {
            var destination = Substring(link.destination)
            if let cut = destination.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) { destination = destination[..<cut] }
            let decoded = (String(destination).removingPercentEncoding ?? String(destination)).precomposedStringWithCanonicalMapping
            let lower = decoded.lowercased()
            guard lower.hasSuffix(".md") || lower.hasSuffix(".markdown") else { continue }
            // Relative to the content folder; `.` and `..` taken out (`..` above it: no page).
            var parts: [Substring] = []
            var inside = true
            for part in decoded.pathParts() where part != "." {
                if part == ".." { inside = parts.popLast() != nil } else { parts.append(part) }
                if !inside { break }
            }
            guard inside, !parts.isEmpty else { continue }
            let path = parts.joined(separator: "/")
            lastLine = link.line
            result.append(SummaryEntry(path: path, line: bodyFirstLine + link.line - 1, column: link.column))
        }
        return result
    }
}
