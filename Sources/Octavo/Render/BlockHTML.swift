/// Writes a page's blocks as HTML: headings with ids and permalinks, paragraphs with paragraph
/// anchors, link slots with URLs and labels.
///
/// Site pages, the print edition, the EPUB and the 404 page write the same blocks; they differ in
/// the ids they give anchors, the levels of headings and the URLs of links, which this value holds.
/// Blocks come as segments (see ``HTMLSegment``): nothing here searches HTML.
struct BlockHTML {
    /// Added to the level of every top-level heading (clamped to 1–6).
    var headingShift = 0
    /// The id to write for a heading id of the page's source (the print edition renames clashing ones).
    var anchor: (String) -> String = { $0 }
    /// The URL (HTML-escaped) of link `n` of the page's document; `nil` writes an empty one.
    var link: (Int) -> String? = { _ in nil }
    /// The label (plain text) to write in link `n` written without text (see ``LinkLabel``).
    var label: (Int) -> String? = { _ in nil }

    /// The HTML of `blocks`, whose paragraph anchors are `paragraphIDs` (aligned with `blocks`).
    func html(of blocks: [MarkdownBlock], paragraphIDs: ArraySlice<String?>) -> String {
        var html = ""
        for (block, paragraphID) in zip(blocks, paragraphIDs) {
            switch block.kind {
            case .heading(let level):
                html += heading(block, level: min(6, max(1, level + headingShift)), id: anchor(block.id ?? ""))
            case .closingMarker:
                continue
            case .paragraph:
                html += paragraphID.map { ParagraphMarkup.open(id: $0) } ?? "<p>"
                write(block, into: &html)
                html += paragraphID.map { ParagraphMarkup.close(id: $0) } ?? "</p>\n"
            case .other:
                write(block, into: &html)
            }
        }
        return html
    }

    /// A heading element with `id` and a permalink, for a heading block of the page's source.
    func heading(_ block: MarkdownBlock, level: Int, id: String) -> String {
        var html = HeadingMarkup.open(level: level, id: id)
        write(block, into: &html)
        return html + HeadingMarkup.close(level: level, id: id) + "\n"
    }

    /// Appends the block's segments, its slots filled.
    func write(_ block: MarkdownBlock, into html: inout String) {
        for segment in block.content {
            switch segment {
            case .html(let text): html += text
            case .linkURL(let index): html += link(index) ?? ""
            case .linkLabel(let index): html += label(index).map(HTMLEscaping.escape) ?? ""
            case .headingOpen(let level, let nested): html += HeadingMarkup.open(level: level, id: anchor(block.nestedIDs[nested]))
            case .headingClose(let level, let nested): html += HeadingMarkup.close(level: level, id: anchor(block.nestedIDs[nested]))
            }
        }
    }
}
