/// A pipe table (GitHub Flavored Markdown 0.29, §4.10) found in the source lines of a paragraph
/// that cmark parsed: a header row, a delimiter row, then body rows to the paragraph's end.
///
/// Only the split into rows and cells happens here, on the source; ``MarkdownParser`` renders each
/// cell's text as inline Markdown with cmark and puts the table in the tree in place of the paragraph.
struct GFMTable: Sendable, Equatable {
    /// A column's alignment, from the colons of its delimiter cell (`:--`, `:-:`, `--:`).
    enum Alignment: Sendable, Equatable {
        case none, left, center, right

        /// The attribute written on `<th>` and `<td>`, with its leading space; empty for none. A
        /// `style`, as Hugo (goldmark) and mdBook (pulldown-cmark) write it: cmark-gfm's `align`
        /// is obsolete in HTML5 (the Nu Html Checker's error) and not allowed in EPUB's XHTML
        /// (epubcheck's RSC-005).
        var attribute: String {
            switch self {
            case .none: ""
            case .left: " style=\"text-align: left\""
            case .center: " style=\"text-align: center\""
            case .right: " style=\"text-align: right\""
            }
        }
    }

    /// One cell: its Markdown text, trimmed and with `\|` unescaped to `|` (as GitHub does before
    /// parsing the cell's inlines), and where it starts in the body.
    struct Cell: Sendable, Equatable {
        var text: String
        /// The 1-based line in the body.
        var line: Int
        /// The 1-based column in UTF-8 bytes.
        var column: Int
    }

    /// The index, in the lines given to ``init(lines:)``, of the header row; lines before it stay a paragraph.
    var headerIndex: Int
    /// One alignment per column.
    var alignments: [Alignment]
    /// The header row's cells, one per column.
    var header: [Cell]
    /// The body rows, each with exactly one cell per column: missing cells are empty, extra ones dropped.
    var rows: [[Cell]]
    /// The line (in the body) of the first body row that lacks its block quote's `>`, where GitHub
    /// ends the table and Octavo, following cmark's paragraph, does not; `nil` when there is none.
    var lazyLine: Int?

    /// Finds the first table in a paragraph's lines: a row followed by a delimiter row with as many
    /// cells, one of the two holding a pipe. Returns `nil` when the lines hold no table.
    /// - Complexity: O(bytes of the lines).
    init?(lines: [SourceLines.Line]) {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count {
            let delimiter = lines[index]
            guard !delimiter.isLazy, !lines[index - 1].isLazy, let alignments = Self.alignments(of: delimiter) else { continue }
            let header = Self.cells(of: lines[index - 1])
            guard header.count == alignments.count,
                  lines[index - 1].text.contains("|") || delimiter.text.contains("|") else { continue }
            self.headerIndex = index - 1
            self.alignments = alignments
            self.header = header
            self.rows = lines[(index + 1)...].map { line in
                var cells = Array(Self.cells(of: line).prefix(alignments.count))
                while cells.count < alignments.count { cells.append(Cell(text: "", line: line.line, column: line.column + line.text.utf8.count)) }
                return cells
            }
            self.lazyLine = lines[(index + 1)...].first(where: \.isLazy)?.line
            return
        }
        return nil
    }

    /// The alignments of a delimiter row, or `nil` when `line` is not one: cells of `-`, each with an
    /// optional `:` at either end, between optional pipes.
    static func alignments(of line: SourceLines.Line) -> [Alignment]? {
        let cells = Self.cells(of: line)
        guard !cells.isEmpty else { return nil }
        var result: [Alignment] = []
        for cell in cells {
            var text = Substring(cell.text)
            let left = text.hasPrefix(":"), right = text.hasSuffix(":") && text.count > 1
            if left { text = text.dropFirst() }
            if right { text = text.dropLast() }
            guard !text.isEmpty, text.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// Splits a row at its unescaped pipes: a leading and a trailing pipe are optional, `\` escapes
    /// the byte after it, and each cell is trimmed of spaces and tabs.
    static func cells(of line: SourceLines.Line) -> [Cell] {
        let bytes = Array(line.text.utf8)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        var index = 0
        if index < end, bytes[index] == UInt8(ascii: "|") { index += 1 }
        var cells: [Cell] = []
        var start = index
        func addCell(upTo stop: Int) {
            var from = start, to = stop
            while from < to, bytes[from] == UInt8(ascii: " ") || bytes[from] == UInt8(ascii: "\t") { from += 1 }
            while to > from, bytes[to - 1] == UInt8(ascii: " ") || bytes[to - 1] == UInt8(ascii: "\t") { to -= 1 }
            var text: [UInt8] = []
            var cursor = from
            while cursor < to {
                if bytes[cursor] == UInt8(ascii: "\\"), cursor + 1 < to, bytes[cursor + 1] == UInt8(ascii: "|") { cursor += 1 }
                text.append(bytes[cursor])
                cursor += 1
            }
            cells.append(Cell(text: String(decoding: text, as: UTF8.self), line: line.line, column: line.column + from))
        }
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "|") {
                addCell(upTo: index)
                start = index + 1
            }
            index += 1
        }
        // Text after the last pipe is a cell; nothing after a trailing pipe is not.
        if start < end || cells.isEmpty { addCell(upTo: min(end, bytes.count)) }
        return cells
    }
}
