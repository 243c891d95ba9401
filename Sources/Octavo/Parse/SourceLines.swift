/// The lines of a Markdown body as bytes, so that a GitHub-flavoured step can read the source of a
/// block cmark parsed from the block's source position (cmark keeps no text of a paragraph's lines).
///
/// Lines are split at LF only: ``SourceFile`` has turned CRLF and CR into LF before parsing.
struct SourceLines: Sendable {
    /// One line of a paragraph with its container prefixes (block quote markers, list indentation) removed.
    struct Line: Sendable, Equatable {
        /// The line's text after the prefixes, leading spaces and tabs removed.
        var text: String
        /// The 1-based line in the body.
        var line: Int
        /// The 1-based column, in UTF-8 bytes, at which ``text`` starts.
        var column: Int
        /// Whether the line lacks a `>` marker of an enclosing block quote (a lazy continuation line,
        /// CommonMark 0.30 §5.1): GitHub ends a table there, cmark continues the paragraph.
        var isLazy: Bool
    }

    private let bytes: [UInt8]
    /// The byte offset at which each line starts; `starts[0] == 0`.
    private let starts: [Int]

    /// Splits `markdown` into lines.
    init(_ markdown: String) {
        bytes = Array(markdown.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.starts = starts
    }

    /// The bytes of 1-based line `number` without its line end; empty past the end.
    func bytes(ofLine number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= starts.count else { return [] }
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] - 1 : bytes.count
        return bytes[start..<max(start, end)]
    }

    /// The lines of a paragraph that cmark placed from `startLine`:`startColumn` to `endLine`, inside
    /// `quoteDepth` block quotes.
    ///
    /// The first line starts at the paragraph's column. On the others, each enclosing block quote's
    /// marker (up to three spaces, `>`, one optional space) is removed, and then the spaces and tabs
    /// a list item indents by: a paragraph's continuation lines lose their leading white space in
    /// CommonMark (§4.8), so no exact indentation is needed. A line that lacks a marker is lazy.
    /// - Complexity: O(bytes of the lines).
    func paragraphLines(startLine: Int, startColumn: Int, endLine: Int, quoteDepth: Int) -> [Line] {
        var result: [Line] = []
        for number in startLine...max(startLine, endLine) {
            let line = bytes(ofLine: number)
            var index = line.startIndex
            var lazy = false
            if number == startLine {
                index = min(line.endIndex, line.startIndex + max(0, startColumn - 1))
            } else {
                for _ in 0..<quoteDepth {
                    var probe = index
                    while probe < line.endIndex, line[probe] == UInt8(ascii: " ") || line[probe] == UInt8(ascii: "\t") { probe += 1 }
                    guard probe < line.endIndex, line[probe] == UInt8(ascii: ">") else { lazy = true; break }
                    index = probe + 1
                }
            }
            while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 }
            result.append(Line(text: String(decoding: line[index...], as: UTF8.self), line: number,
                               column: index - line.startIndex + 1, isLazy: lazy))
        }
        return result
    }
}

extension SourceLines {
    /// The lines that may be link reference definitions (`[label]: destination`), block quote
    /// markers and indentation removed, each followed by a blank line; parsed after a table
    /// cell's text so that reference links in cells resolve.
    func referenceDefinitionLines() -> String {
        var result = ""
        for number in 1...starts.count {
            var line = Substring(String(decoding: bytes(ofLine: number), as: UTF8.self))
            while let first = line.first, first == " " || first == "\t" || first == ">" { line = line.dropFirst() }
            if line.hasPrefix("["), line.contains("]:") { result += line + "\n\n" }
        }
        return result
    }
}
