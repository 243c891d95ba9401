/// Splits the HTML cmark rendered for one block into ``HTMLSegment``s, once, in the parse stage.
///
/// ``MarkdownParser`` hands cmark an internal link's destination as ``LinkReference/placeholder(_:)``
/// and marks each nested heading with two sentinels (``headingStart(_:)``, ``headingEnd(_:)``),
/// because cmark can neither call back for a URL nor put an attribute on an element. This value
/// finds them where cmark wrote them, in the order it wrote them, and nowhere else: a placeholder
/// counts only as a whole `href` or `src` value (cmark escapes `"` in text and titles, so text
/// cannot fake one), a sentinel only right after `<hN>` or right before `</hN>`, and each only as
/// the next one expected, so text that imitates one stays text.
///
/// One pass over the UTF-8 bytes, so n slots cost O(size), not O(n × size); bytes, not
/// Characters, so that a combining mark after a tag changes nothing.
struct HTMLSplitter {
    /// A link in the block: its index in the document, and whether its text is to be filled in.
    struct Link {
        var index: Int
        var fillsText: Bool
    }

    /// A heading nested in the block: its place among the block's nested headings, and its level.
    struct Heading {
        var index: Int
        var level: Int
    }

    /// The block's internal links, in document order.
    var links: [Link] = []
    /// The block's nested headings, in document order.
    var headings: [Heading] = []

    // Private-use characters: the safe renderer drops raw HTML, so `<hN>` followed by one cannot come from the source.
    /// The text cmark writes at the start of nested heading `index`'s content.
    static func headingStart(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }
    /// The text cmark writes at the end of nested heading `index`'s content.
    static func headingEnd(_ index: Int) -> String { "\u{E002}\(index)\u{E003}" }

    /// The segments of `html`; a single `.html` segment when it holds no slot.
    func segments(of html: String) -> [HTMLSegment] {
        if links.isEmpty && headings.isEmpty { return html.isEmpty ? [] : [.html(html)] }
        let bytes = Array(html.utf8)
        var result: [HTMLSegment] = []
        var copied = 0
        var position = 0
        var nextLink = 0, nextOpen = 0, nextClose = 0
        var pendingLabel: Int?
        func flush(upTo end: Int) {
            if end > copied { result.append(.html(String(decoding: bytes[copied..<end], as: UTF8.self))) }
        }
        func matches(_ text: String, at start: Int) -> Bool {
            let utf8 = text.utf8
            guard start >= 0, start + utf8.count <= bytes.count else { return false }
            return zip(utf8, bytes[start...]).allSatisfy { $0 == $1 }
        }
        while position < bytes.count {
            let byte = bytes[position]
            // A link's text to fill: right after the `>` that ends its opening tag, before `</a>`.
            if byte == UInt8(ascii: ">"), let label = pendingLabel {
                pendingLabel = nil
                if matches("</a>", at: position + 1) {
                    flush(upTo: position + 1)
                    result.append(.linkLabel(label))
                    copied = position + 1
                }
            }
            if byte == UInt8(ascii: "o"), nextLink < links.count {
                let placeholder = LinkReference.placeholder(links[nextLink].index) + "\""
                if matches(placeholder, at: position), matches(" href=\"", at: position - 7) || matches(" src=\"", at: position - 6) {
                    flush(upTo: position)
                    result.append(.linkURL(links[nextLink].index))
                    if links[nextLink].fillsText { pendingLabel = links[nextLink].index }
                    nextLink += 1
                    position += placeholder.utf8.count - 1
                    copied = position
                    continue
                }
            }
            if byte == UInt8(ascii: "<"), nextOpen < headings.count {
                let heading = headings[nextOpen]
                let tag = "<h\(heading.level)>"
                let start = Self.headingStart(heading.index)
                if matches(tag + start, at: position) {
                    flush(upTo: position)
                    result.append(.headingOpen(level: heading.level, nested: heading.index))
                    nextOpen += 1
                    position += tag.utf8.count + start.utf8.count
                    copied = position
                    continue
                }
            }
            if byte == 0xEE, nextClose < nextOpen {
                let heading = headings[nextClose]
                let end = Self.headingEnd(heading.index) + "</h\(heading.level)>"
                if matches(end, at: position) {
                    flush(upTo: position)
                    result.append(.headingClose(level: heading.level, nested: heading.index))
                    nextClose += 1
                    position += end.utf8.count
                    copied = position
                    continue
                }
            }
            position += 1
        }
        flush(upTo: bytes.count)
        return result
    }
}
