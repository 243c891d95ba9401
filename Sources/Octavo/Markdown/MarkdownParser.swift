// The only file that touches libcmark. Every cmark allocation is freed beside the line that
import Foundation
// makes it; the tree is walked once into Swift values and no pointer leaves this file.
import CCmark

/// Parses CommonMark 0.30 with libcmark and renders each top-level block to HTML.
public struct MarkdownParser: Sendable {
    /// Whether raw HTML and dangerous URLs (`javascript:`, `vbscript:`, `file:`, non-image `data:`)
    /// are kept. Off by default, as in cmark; the CommonMark spec's examples assume it on.
    public var unsafe: Bool
    /// Whether internal link destinations are replaced by placeholders for the link stage to
    /// resolve (see ``LinkReference/placeholder(_:)``). Off, links render as written.
    public var collectsLinks: Bool

    /// Creates a parser.
    public init(unsafe: Bool = false, collectsLinks: Bool = true) {
        self.unsafe = unsafe
        self.collectsLinks = collectsLinks
    }

    /// The HTML comment that marks the start of a section's closing text.
    public static let closingMarker = "<!-- part-closing -->"

    /// Parses a Markdown body.
    ///
    /// - Parameters:
    ///   - markdown: The Markdown text (UTF-8, no front matter).
    ///   - ids: The heading-id generator of the document; it is advanced past every heading.
    /// - Returns: The top-level blocks with their HTML, and the internal links.
    /// - Complexity: O(n) in the size of the text; no recursion, so nesting depth is unbounded.
    public func parse(_ markdown: String, ids: inout HeadingIDGenerator) -> MarkdownDocument {
        var options = CMARK_OPT_DEFAULT
        if unsafe { options |= CMARK_OPT_UNSAFE }
        let length = markdown.utf8.count
        guard let root = markdown.withCString({ cmark_parse_document($0, length, options) }) else {
            return MarkdownDocument(blocks: [], links: [])
        }
        defer { cmark_node_free(root) }

        var links = Links()
        var blocks: [MarkdownBlock] = []
        var node = cmark_node_first_child(root)
        while let block = node {
            node = cmark_node_next(block)
            blocks.append(convert(block, options: options, ids: &ids, links: &links))
        }
        return MarkdownDocument(blocks: blocks, links: links.internal, externalLinks: links.external)
    }

    /// Converts one top-level block: gives its headings ids, collects its links, renders it.
    private func convert(_ block: OpaquePointer, options: Int32, ids: inout HeadingIDGenerator,
                         links: inout Links) -> MarkdownBlock {
        let line = Int(cmark_node_get_start_line(block))
        let type = cmark_node_get_type(block)
        if type == CMARK_NODE_HTML_BLOCK,
           Self.string(cmark_node_get_literal(block)).trimmingCharacters(in: .whitespacesAndNewlines) == Self.closingMarker {
            return MarkdownBlock(kind: .closingMarker, html: render(block, options: options), text: "", line: line)
        }
        let firstLink = links.internal.count
        collectLinks(in: block, into: &links)
        let linkRange = firstLink..<links.internal.count
        let text = plainText(of: block)
        if type == CMARK_NODE_HEADING {
            let level = Int(cmark_node_get_heading_level(block))
            let id = ids.id(for: text)
            // cmark renders a heading as exactly "<hN>CONTENT</hN>\n". Cut bytes, not Characters:
            // a combining mark at the start of CONTENT joins the `>` into one Character.
            let html = render(block, options: options).utf8
            let content = String(decoding: html.dropFirst(4).dropLast(6), as: UTF8.self)
            var heading = MarkdownBlock(kind: .heading(level: level), html: content, text: text, line: line, id: id)
            heading.links = linkRange
            return heading
        }
        let nested = markNestedHeadings(in: block, ids: &ids)
        let kind: MarkdownBlock.Kind = type == CMARK_NODE_PARAGRAPH ? .paragraph : .other
        var result: MarkdownBlock
        if nested.isEmpty {
            result = MarkdownBlock(kind: kind, html: render(block, options: options), text: text, line: line)
        } else {
            let (html, offsets) = NestedHeading.apply(nested, to: render(block, options: options))
            result = MarkdownBlock(kind: kind, html: html, text: text, line: line, nestedIDs: nested.map(\.id), nestedIDOffsets: offsets)
        }
        result.links = linkRange
        if kind == .paragraph { result.prose = prose(of: block) }
        return result
    }

    /// The text of a paragraph that an index of terms may match: its text nodes outside links,
    /// images and code, soft line breaks as spaces. Where a link, image or code span stood,
    /// ``MarkdownBlock/proseBreak`` keeps a term from matching across it.
    private func prose(of block: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(block) else { return text }
        defer { cmark_iter_free(iterator) }
        var excluded = 0  // depth inside links and images
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                if event == CMARK_EVENT_ENTER { excluded += 1; text += MarkdownBlock.proseBreak } else { excluded -= 1 }
                continue
            }
            guard event == CMARK_EVENT_ENTER, excluded == 0 else { continue }
            switch type {
            case CMARK_NODE_TEXT: text += Self.string(cmark_node_get_literal(node))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: text += MarkdownBlock.proseBreak
            default: break
            }
        }
        return text
    }

    private func render(_ node: OpaquePointer, options: Int32) -> String {
        guard let html = cmark_render_html(node, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Gives each heading below `block` an id, marks it for a permalink, and returns them in order.
    ///
    /// cmark cannot put attributes on an element, so each nested heading gets two custom inlines,
    /// sentinels that mark its start and end; after rendering, ``NestedHeading/pieces(of:headings:)``
    /// turns `<hN>` + start sentinel into the opening tag with the id, and end sentinel + `</hN>`
    /// into the permalink and closing tag, in one pass over the HTML.
    private func markNestedHeadings(in block: OpaquePointer, ids: inout HeadingIDGenerator) -> [NestedHeading] {
        var headings: [OpaquePointer] = []
        forEachNode(below: block) { node in
            if cmark_node_get_type(node) == CMARK_NODE_HEADING { headings.append(node) }
        }
        var result: [NestedHeading] = []
        for (index, heading) in headings.enumerated() {
            let nested = NestedHeading(index: index, level: Int(cmark_node_get_heading_level(heading)), id: ids.id(for: plainText(of: heading)))
            result.append(nested)
            guard let start = cmark_node_new(CMARK_NODE_CUSTOM_INLINE), let end = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(start, nested.startSentinel)
            cmark_node_set_on_enter(end, nested.endSentinel)
            cmark_node_prepend_child(heading, start)
            cmark_node_append_child(heading, end)
        }
        return result
    }

    /// A heading inside a block quote or list, marked for ``markNestedHeadings(in:ids:)``.
    private struct NestedHeading {
        var index: Int
        var level: Int
        var id: String
        // Private-use characters: the safe renderer drops raw HTML, so `<hN>` followed by one cannot come from the source.
        var startSentinel: String { "\u{E000}\(index)\u{E001}" }
        var endSentinel: String { "\u{E002}\(index)\u{E003}" }

        /// The rendered block with each heading's sentinels replaced by ``HeadingMarkup``, and the
        /// UTF-8 offset in it of each id written (two per heading: the opening tag, the permalink;
        /// see ``MarkdownBlock/nestedIDOffsets``).
        ///
        /// One pass over the UTF-8 bytes, so n headings in one list cost O(size), not O(n × size),
        /// and bytes, not Characters, so that a combining mark after a sentinel changes nothing.
        /// Headings are matched in order; a sentinel out of order (text that imitates one) stays text.
        static func apply(_ headings: [NestedHeading], to html: String) -> (html: String, idOffsets: [Int]) {
            let bytes = Array(html.utf8)
            var offsets: [Int] = []
            var current: [UInt8] = []
            current.reserveCapacity(bytes.count)
            var nextOpen = 0, nextClose = 0
            var position = 0
            // A sentinel: EE 80 (80 + kind), decimal digits, EE 80 (81 + kind); returns its index and end.
            func sentinel(at start: Int, kind: UInt8) -> (index: Int, end: Int)? {
                guard start + 3 <= bytes.count, bytes[start] == 0xEE, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 + kind else { return nil }
                var cursor = start + 3
                var value = 0
                while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, value < 1 << 40 {
                    value = value * 10 + Int(bytes[cursor] - 0x30)
                    cursor += 1
                }
                guard cursor > start + 3, cursor + 3 <= bytes.count, bytes[cursor] == 0xEE, bytes[cursor + 1] == 0x80,
                      bytes[cursor + 2] == 0x81 + kind else { return nil }
                return (value, cursor + 3)
            }
            func matches(_ text: String, at start: Int) -> Bool {
                let utf8 = text.utf8
                guard start + utf8.count <= bytes.count else { return false }
                return zip(utf8, bytes[start...]).allSatisfy { $0 == $1 }
            }
            func write(_ id: String) {
                offsets.append(current.count)
                current += id.utf8
            }
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "<"), nextOpen < headings.count {
                    let heading = headings[nextOpen]
                    let tag = "<h\(heading.level)>"
                    if matches(tag, at: position), let found = sentinel(at: position + tag.utf8.count, kind: 0), found.index == heading.index {
                        current += HeadingMarkup.openBeforeID(level: heading.level).utf8
                        write(heading.id)
                        current += HeadingMarkup.openAfterID.utf8
                        nextOpen += 1
                        position = found.end
                        continue
                    }
                }
                if bytes[position] == 0xEE, nextClose < nextOpen, let found = sentinel(at: position, kind: 2),
                   found.index == headings[nextClose].index, matches("</h\(headings[nextClose].level)>", at: found.end) {
                    let heading = headings[nextClose]
                    current += HeadingMarkup.closeBeforeID.utf8
                    write(heading.id)
                    current += HeadingMarkup.closeAfterID(level: heading.level).utf8
                    nextClose += 1
                    position = found.end + "</h\(heading.level)>".utf8.count
                    continue
                }
                current.append(bytes[position])
                position += 1
            }
            return (String(decoding: current, as: UTF8.self), offsets)
        }
    }

    /// Links found so far in a document.
    private struct Links {
        var `internal`: [LinkReference] = []
        var external: [LinkReference] = []
    }

    /// Records link and image destinations and replaces internal ones with placeholders. An
    /// internal link without text (`[](#III.3)`) gets a custom inline holding
    /// ``LinkLabel/slot(_:)``, where the render stage writes the target's label.
    private func collectLinks(in block: OpaquePointer, into links: inout Links) {
        guard collectsLinks else { return }
        var empty: [(node: OpaquePointer, index: Int)] = []
        defer {
            // Added after the walk: cmark's iterator must not meet nodes added below one it entered.
            for (node, index) in empty {
                guard let slot = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
                cmark_node_set_on_enter(slot, LinkLabel.slot(index))
                if cmark_node_append_child(node, slot) == 0 { cmark_node_free(slot) }
            }
        }
        forEachNode(below: block) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
            let destination = Self.string(cmark_node_get_url(node))
            var line = Int(cmark_node_get_start_line(node))
            var column = Int(cmark_node_get_start_column(node))
            if line == 0 {  // cmark gives no position for some inlines: use the block's
                line = Int(cmark_node_get_start_line(block))
                column = Int(cmark_node_get_start_column(block))
            }
            let reference = LinkReference(destination: destination, line: line, column: column, isImage: type == CMARK_NODE_IMAGE)
            guard LinkReference.isInternal(destination) else {
                // Safe mode writes no URL for a dangerous destination: it is in no page to list.
                if !destination.isEmpty && (unsafe || !LinkReference.isDangerous(destination)) { links.external.append(reference) }
                return
            }
            var kept = reference
            kept.fillsText = type == CMARK_NODE_LINK && cmark_node_first_child(node) == nil
            links.internal.append(kept)
            if kept.fillsText { empty.append((node, links.internal.count - 1)) }
            cmark_node_set_url(node, LinkReference.placeholder(links.internal.count - 1))
        }
    }

    /// The text of a node's descendants without markup; line breaks become spaces.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        forEachNode(below: node) { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_ITEM:
                if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
                if cmark_node_get_type(child) == CMARK_NODE_CODE_BLOCK {
                    text += Self.string(cmark_node_get_literal(child))
                }
            default:
                break
            }
        }
        return text.trimmingSpaces()
    }

    /// Visits `root` and every node below it once, in document order, without recursion.
    private func forEachNode(below root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    /// Strings from `cmark_node_get_*` belong to the node: copy, never free.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
