/// Writes a page's blocks as HTML: headings with ids and permalinks, paragraphs with paragraph
/// anchors, link placeholders replaced by URLs.
///
/// Site pages and the print edition write the same blocks; they differ in the ids they give
/// anchors, the levels of headings and the URLs of links, which this value holds.
struct BlockHTML {
    /// Added to the level of every top-level heading (clamped to 1–6).
    var headingShift = 0
    /// The id to write for a heading id of the page's source (the print edition renames clashing ones).
    var anchor: (String) -> String = { $0 }
    /// The URL (HTML-escaped) for link placeholder `n` of the page's document, or `nil` to keep it.
    var link: (Int) -> String? = { _ in nil }

    /// The HTML of `blocks`, whose paragraph anchors are `paragraphIDs` (aligned with `blocks`).
    func html(of blocks: [MarkdownBlock], paragraphIDs: ArraySlice<String?>) -> String {
        var html = ""
        for (block, paragraphID) in zip(blocks, paragraphIDs) {
            switch block.kind {
            case .heading(let level):
                html += HeadingMarkup.html(level: min(6, max(1, level + headingShift)), id: anchor(block.id ?? ""), content: block.html)
            case .closingMarker:
                continue
            case .paragraph:
                html += paragraphID.map { ParagraphMarkup.html(id: $0, rendered: block.html) } ?? block.html
            case .other:
                html += renamingNestedHeadings(of: block)
            }
        }
        return PageRenderer.replacePlaceholders(in: html, link)
    }

    /// Headings in lists and quotes come with their ids already written (see ``MarkdownParser``).
    private func renamingNestedHeadings(of block: MarkdownBlock) -> String {
        var html = block.html
        for id in block.nestedIDs where anchor(id) != id {
            for level in 1...6 {
                html = html.replacingOccurrences(of: HeadingMarkup.open(level: level, id: id), with: HeadingMarkup.open(level: level, id: anchor(id)))
                    .replacingOccurrences(of: HeadingMarkup.close(level: level, id: id), with: HeadingMarkup.close(level: level, id: anchor(id)))
            }
        }
        return html
    }
}

/// The HTML Octavo writes around a paragraph on a page: an `id` and a permalink `¶` at its end.
///
/// `<p id="p3">TEXT<a class="permalink" href="#p3" aria-label="Permalink to this paragraph">¶</a></p>`.
/// Only pages get it: `octavo markdown` and ``MarkdownRenderer`` print cmark's `<p>` unchanged.
public enum ParagraphMarkup {
    /// The paragraph `rendered` (cmark's `<p>CONTENT</p>\n`) with the id and permalink added.
    public static func html(id: String, rendered: String) -> String {
        guard rendered.hasPrefix("<p>"), rendered.hasSuffix("</p>\n") else { return rendered }
        return "<p id=\"\(id)\">" + rendered.dropFirst(3).dropLast(5)
            + "<a class=\"permalink\" href=\"#\(id)\" aria-label=\"Permalink to this paragraph\">¶</a></p>\n"
    }
}
