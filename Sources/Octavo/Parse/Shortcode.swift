import Foundation

/// Template tags that other generators expand inside Markdown and Octavo shows as text: Zola's
/// and Jekyll's `{{ name(…) }}` and `{% … %}`, Hugo's `{{< … >}}` and `{{% … %}}`, mdBook's
/// `{{#include file.rs}}` (and `#rustdoc_include`, `#playground`, `#title`). The first in each
/// block is a warning at the tag's place in the source, so a page does not publish
/// `{{ youtube(id="…") }}` silently.
enum Shortcode {
    /// Where the parser has got to in a body, so that finding each block's tag in the source reads
    /// the body once, forward: the start of line `line` is at UTF-8 byte `offset`.
    struct Cursor {
        var line = 1
        var offset = 0
    }

    /// The first tag in a block's HTML outside `<code>` (code shows such tags on purpose), or `nil`;
    /// mdBook's includes count inside code too, since mdBook expands them there (a code block is
    /// where a book includes its examples; mdBook shows one as written only after a `\`).
    static func first(in html: String) -> String? {
        // Every tag starts with `{`, and neither removing code nor decoding entities makes one:
        // most blocks have none and skip the Foundation replacing and the regular expression.
        guard html.utf8.contains(UInt8(ascii: "{")) else { return nil }
        if html.contains("{{"), let range = html.range(of: #"(?<!\\)"# + includePattern, options: .regularExpression) {
            return String(html[range])
        }
        var text = html
        while let open = text.range(of: "<code"), let close = text.range(of: "</code>", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        // cmark escaped the text: `{{&lt; youtube &gt;}}` is Hugo's `{{< youtube >}}`.
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        let pattern = #"\{\{[<%](?s:.*?)[>%]\}\}|\{%-? .*?%\}|\{\{-? *[A-Za-z_][A-Za-z0-9_]*\(.*?\) *-?\}\}|\{\{ *#(include|rustdoc_include|playground|title) +[^}\s].*?\}\}"#
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    /// mdBook's includes, which it expands in code too; only with an argument (mdBook leaves
    /// `{{ #playground }}` as written).
    static let includePattern = #"\{\{ *#(include|rustdoc_include|playground) +[^}\s][^}]*\}\}"#

    /// A tag as a message quotes it: at most 40 characters.
    private static func shortened(_ tag: String) -> String {
        let tag = tag.replacingOccurrences(of: "\n", with: " ")
        return tag.count > 40 ? String(tag.prefix(37)) + "…" : tag
    }

    /// Whether `text` holds a `{`, found by `memchr` over its bytes (every block of every page is asked).
    static func hasBrace(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "{")), bytes.count) != nil } ?? false }
    }

    /// The warning for the first tag in `block`, a top-level block of `markdown` (the body) on its
    /// lines `block.line` to `endLine`, or `nil`. The tag is looked for in the source of those
    /// lines: found there, the warning is at its line and column (UTF-8 bytes, as cmark counts),
    /// skipping a copy in a code span (after an odd number of backticks on its line) but for an
    /// mdBook include, which counts there; found only
    /// after a backslash (`\{{#include …}}`, which mdBook shows as written), there is no warning;
    /// written otherwise (with an entity, or over two lines), the warning is at the block's first line.
    /// - Parameter cursor: Where the previous block's search started; blocks come in order.
    static func warning(in block: MarkdownBlock, endLine: Int, markdown: String, cursor: inout Cursor) -> MarkdownWarning? {
        // Every tag starts with `{` (see `first(in:)`): most blocks are not even joined.
        guard block.content.contains(where: { if case .html(let text) = $0 { hasBrace(text) } else { false } }) else { return nil }
        // The literal HTML pieces only: links and headings between them hold no tag.
        let html = block.content.map { segment -> String in
            if case .html(let text) = segment { return text }
            return " "
        }.joined()
        guard let tag = first(in: html) else { return nil }
        let message = "'\(shortened(tag))' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead"
        enum Place { case at(line: Int, column: Int), escaped, unknown }
        // An mdBook include counts in a code span too (see `first(in:)`).
        let expandsInCode = tag.range(of: "^" + includePattern + "$", options: .regularExpression) != nil
        let place = markdown.utf8.withContiguousStorageIfAvailable { bytes -> Place in
            let newline = UInt8(ascii: "\n")
            // Forward to the block's first line.
            while cursor.line < block.line, let end = bytes[cursor.offset...].firstIndex(of: newline) {
                cursor.offset = end + 1
                cursor.line += 1
            }
            let needle = Array(tag.utf8)
            guard cursor.line == block.line, let first = needle.first else { return .unknown }
            // The end of the block's last line.
            var blockEnd = cursor.offset
            for _ in block.line...max(block.line, endLine) {
                guard blockEnd < bytes.count else { break }
                blockEnd = bytes[blockEnd...].firstIndex(of: newline).map { $0 + 1 } ?? bytes.count
            }
            var start = cursor.offset, escaped = false
            while start < blockEnd, let candidate = bytes[start..<blockEnd].firstIndex(of: first) {
                start = candidate + 1
                guard candidate + needle.count <= blockEnd, bytes[candidate..<candidate + needle.count].elementsEqual(needle) else { continue }
                if candidate > 0, bytes[candidate - 1] == UInt8(ascii: "\\") {
                    escaped = true
                    continue
                }
                let before = bytes[cursor.offset..<candidate]
                let lineStart = before.lastIndex(of: newline).map { $0 + 1 } ?? cursor.offset
                if !expandsInCode, bytes[lineStart..<candidate].lazy.filter({ $0 == UInt8(ascii: "`") }).count % 2 == 1 { continue }
                return .at(line: block.line + before.lazy.filter { $0 == newline }.count, column: candidate - lineStart + 1)
            }
            return escaped ? .escaped : .unknown
        } ?? .unknown
        switch place {
        case .at(let line, let column): return MarkdownWarning(line: line, column: column, message: message)
        case .escaped: return nil
        case .unknown: return MarkdownWarning(line: block.line, column: 1, message: message)
        }
    }
}
