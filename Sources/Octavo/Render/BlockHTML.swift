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
    /// The label (plain text) to write in link `n` written without text (see ``LinkLabel``).
    var label: (Int) -> String? = { _ in nil }

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
        return PageRenderer.replacePlaceholders(in: LinkLabel.fill(in: html, label), link)
    }

    /// Headings in lists and quotes come with their ids already written (see ``MarkdownParser``);
    /// renamed ones are rewritten at ``MarkdownBlock/nestedIDOffsets`` in one pass.
    private func renamingNestedHeadings(of block: MarkdownBlock) -> String {
        guard block.nestedIDOffsets.count == 2 * block.nestedIDs.count,
              block.nestedIDs.contains(where: { anchor($0) != $0 }) else { return block.html }
        let bytes = Array(block.html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var copied = 0
        for (slot, offset) in block.nestedIDOffsets.enumerated() {
            let id = block.nestedIDs[slot / 2]
            result += bytes[copied..<offset]
            result += anchor(id).utf8
            copied = offset + id.utf8.count
        }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}
