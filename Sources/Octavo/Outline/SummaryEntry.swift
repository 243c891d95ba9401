import Foundation

/// One page of mdBook's `SUMMARY.md`: the Markdown file a link of its list names, and where; or
/// one of its part titles.
///
/// The list's nesting is read from the links' columns, which libcmark gives: an item indented
/// deeper than the one before it is a page below that one (mdBook's rule). A link that is not in
/// a list (mdBook's prefix and suffix chapters, at column 1) is a top-level page. A level-1
/// heading after the file's first line (`# User Guide`) is a part title: the list items after it,
/// up to the next one, belong to that part.
public struct SummaryEntry: Sendable, Equatable {
    /// The file's path relative to the content folder (NFC, `/`-separated), as ``SourceFile/path``.
    public var path: String
    /// The 1-based line of the link in `SUMMARY.md`.
    public var line: Int
    /// The 1-based column of the link: deeper items have larger columns.
    public var column: Int
    /// A part title's text; ``path`` is then empty.
    public var part: String?

    /// The file name, at the top of the content folder; it is no page of the site.
    public static let fileName = "SUMMARY.md"

    /// Creates an entry.
    public init(path: String, line: Int, column: Int, part: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.part = part
    }

    /// The entries of a parsed `SUMMARY.md`: the first link of each line that names a Markdown
    /// file (mdBook allows one link per item); draft chapters (`[Draft]()`), external links and
    /// links to other files are skipped. Part titles come in their place by line; the heading that
    /// opens the file (`# Summary`) is none, and separators (`---`) are skipped.
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
        let parts = document.blocks.enumerated().filter { $0.offset > 0 && $0.element.headingLevel == 1 && !$0.element.text.isEmpty }
            .map { SummaryEntry(path: "", line: bodyFirstLine + $0.element.line - 1, column: 1, part: $0.element.text) }
        guard !parts.isEmpty else { return result }
        // Both lists are in line order: merged, a part comes before the links on later lines.
        var merged: [SummaryEntry] = []
        var next = parts.makeIterator()
        var pending = next.next()
        for entry in result {
            while let part = pending, part.line < entry.line { merged.append(part); pending = next.next() }
            merged.append(entry)
        }
        while let part = pending { merged.append(part); pending = next.next() }
        return merged
    }
}
