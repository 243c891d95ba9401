// The only file that touches libcmark. Every cmark allocation is freed beside the line that
import Foundation
// makes it; the tree is walked once into Swift values and no pointer leaves this file.
import CCmark

/// Parses CommonMark 0.30 with libcmark and renders each top-level block to HTML, with GitHub's
/// extensions (tables, task lists, strikethrough, extended autolinks, alerts) added as steps on
/// the tree cmark parsed, unless ``gfm`` is off.
public struct MarkdownParser: Sendable {
    /// Whether raw HTML and dangerous URLs (`javascript:`, `vbscript:`, `file:`, non-image `data:`)
    /// are kept. Off by default, as in cmark; the CommonMark spec's examples assume it on.
    public var unsafe: Bool
    /// Whether internal link destinations are replaced by placeholders for the link stage to
    /// resolve (see ``LinkReference/placeholder(_:)``). Off, links render as written.
    public var collectsLinks: Bool
    /// Whether GitHub Flavored Markdown's extensions are read (GFM 0.29: tables §4.10, task list
    /// items §5.3, strikethrough §6.5, extended autolinks §6.9; and GitHub's alerts). Off, the
    /// text is CommonMark 0.30 only, and GFM syntax that CommonMark reads as text gets a warning.
    public var gfm: Bool
    /// Whether paragraphs get their ``MarkdownBlock/prose``, which only the index of terms reads
    /// (`terms.yml`); off, it is left empty, which spares a large file a copy of its text.
    public var makesProse = true

    /// Creates a parser.
    public init(unsafe: Bool = false, collectsLinks: Bool = true, gfm: Bool = true) {
        self.unsafe = unsafe
        self.collectsLinks = collectsLinks
        self.gfm = gfm
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
        let notes = prepare(root, markdown: markdown, options: options)
        links.positions = notes.positions
        var blocks: [MarkdownBlock] = []
        var warnings = notes.warnings
        var cursor = Shortcode.Cursor()
        var node = cmark_node_first_child(root)
        while let block = node {
            node = cmark_node_next(block)
            let endLine = Int(cmark_node_get_end_line(block))
            let converted = convert(block, options: options, ids: &ids, links: &links)
            if let warning = Shortcode.warning(in: converted, endLine: endLine, markdown: markdown, cursor: &cursor) { warnings.append(warning) }
            blocks.append(converted)
            // Each block's nodes are freed once it is converted, so that a large file's tree and
            // its Swift values are not held whole at once (a 50 MB file's tree is about 90 MB).
            release(block, positions: &links.positions)
        }
        var document = MarkdownDocument(blocks: blocks, links: links.internal, externalLinks: links.external)
        document.warnings = warnings + links.warnings
        return document
    }

    /// Runs the GFM steps and the warnings on the tree; returns what the conversion reads of
    /// their notes. The notes' copy of the body's lines (``SourceLines``) is let go here, before
    /// the blocks are converted.
    private func prepare(_ root: OpaquePointer, markdown: String, options: Int32)
        -> (positions: [OpaquePointer: (line: Int, column: Int)], warnings: [MarkdownWarning]) {
        var tree = TreeNotes(source: SourceLines(markdown), options: options)
        if gfm {
            applyGFM(to: root, tree: &tree)
        } else {
            warnAboutGFM(in: root, tree: &tree)
        }
        if !unsafe { warnAboutRawHTML(in: root, tree: &tree) }
        return (tree.positions, tree.warnings)
    }

    /// Unlinks and frees a converted top-level block, forgetting the positions noted for its
    /// nodes first: a node made later (a heading's sentinel) may get a freed node's address.
    private func release(_ block: OpaquePointer, positions: inout [OpaquePointer: (line: Int, column: Int)]) {
        if !positions.isEmpty { forEachNode(below: block) { positions[$0] = nil } }
        cmark_node_unlink(block)
        cmark_node_free(block)
    }

    /// Converts one top-level block: gives its headings ids, collects its links, renders it.
    private func convert(_ block: OpaquePointer, options: Int32, ids: inout HeadingIDGenerator,
                         links: inout Links) -> MarkdownBlock {
        // A table or alert made by a GFM step has no position of its own: the paragraph's or quote's is noted.
        let line = links.positions[block]?.line ?? Int(cmark_node_get_start_line(block))
        let type = cmark_node_get_type(block)
        if type == CMARK_NODE_HTML_BLOCK,
           Self.string(cmark_node_get_literal(block)).trimmingCharacters(in: .whitespacesAndNewlines) == Self.closingMarker {
            return MarkdownBlock(kind: .closingMarker, content: [.html(render(block, options: options))], text: "", line: line)
        }
        let firstLink = links.internal.count
        collectLinks(in: block, into: &links)
        let linkRange = firstLink..<links.internal.count
        var splitter = HTMLSplitter()
        splitter.links = links.internal[linkRange].enumerated().map { HTMLSplitter.Link(index: firstLink + $0, fillsText: $1.fillsText) }
        let text = plainText(of: block)
        if type == CMARK_NODE_HEADING {
            let level = Int(cmark_node_get_heading_level(block))
            let id = ids.id(for: text)
            var heading = MarkdownBlock(kind: .heading(level: level), content: splitter.segments(of: renderChildren(of: block, options: options)),
                                        text: text, line: line, id: id)
            heading.links = linkRange
            return heading
        }
        if type == CMARK_NODE_PARAGRAPH {
            var paragraph = MarkdownBlock(kind: .paragraph, content: splitter.segments(of: renderChildren(of: block, options: options)), text: text, line: line)
            paragraph.links = linkRange
            if makesProse { paragraph.prose = prose(of: block) }
            return paragraph
        }
        let nested = markNestedHeadings(in: block, ids: &ids)
        splitter.headings = nested.map { HTMLSplitter.Heading(index: $0.index, level: $0.level) }
        var result = MarkdownBlock(kind: .other, content: splitter.segments(of: render(block, options: options)), text: text, line: line,
                                   nestedIDs: nested.map(\.id))
        result.links = linkRange
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

    /// The HTML of a heading's or paragraph's content: each child rendered on its own and joined,
    /// so that nothing is cut from cmark's `<hN>` or `<p>` by count.
    private func renderChildren(of node: OpaquePointer, options: Int32) -> String {
        var html = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            html += render(current, options: options)
            child = cmark_node_next(current)
        }
        return html
    }

    private func render(_ node: OpaquePointer, options: Int32) -> String {
        guard let html = cmark_render_html(node, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Gives each heading below `block` an id, marks it for a permalink, and returns them in order.
    ///
    /// cmark cannot put attributes on an element, so each nested heading gets two custom inlines,
    /// sentinels that mark its start and end (``HTMLSplitter/headingStart(_:)``); ``HTMLSplitter``
    /// turns `<hN>` + start sentinel and end sentinel + `</hN>` into heading slots where cmark wrote them.
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
            cmark_node_set_on_enter(start, HTMLSplitter.headingStart(index))
            cmark_node_set_on_enter(end, HTMLSplitter.headingEnd(index))
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
    }

    /// Links found so far in a document.
    private struct Links {
        var `internal`: [LinkReference] = []
        var external: [LinkReference] = []
        /// Where nodes that GFM steps made or moved are in the body (see ``TreeNotes/positions``).
        var positions: [OpaquePointer: (line: Int, column: Int)] = [:]
        /// The links and images safe mode writes no address for.
        var warnings: [MarkdownWarning] = []
    }

    /// Records link and image destinations and gives internal ones a placeholder destination,
    /// which ``HTMLSplitter`` turns into a link slot where cmark writes it. An internal link
    /// without text (`[](#III.3)`) is marked ``LinkReference/fillsText``: the splitter adds a
    /// label slot between its tags.
    private func collectLinks(in block: OpaquePointer, into links: inout Links) {
        guard collectsLinks else { return }
        forEachNode(below: block) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
            let destination = Self.string(cmark_node_get_url(node))
            var line = Int(cmark_node_get_start_line(node))
            var column = Int(cmark_node_get_start_column(node))
            if let noted = links.positions[node] {
                (line, column) = noted
            } else if line == 0 {  // cmark gives no position for some inlines: use the block's
                line = Int(cmark_node_get_start_line(block))
                column = Int(cmark_node_get_start_column(block))
            }
            let reference = LinkReference(destination: destination, line: line, column: column, isImage: type == CMARK_NODE_IMAGE)
            guard LinkReference.isInternal(destination) else {
                // Safe mode writes no URL for a dangerous destination: it is in no page to list.
                if !destination.isEmpty && (unsafe || !LinkReference.isDangerous(destination)) { links.external.append(reference) }
                if !unsafe, LinkReference.isDangerous(destination) {
                    let shown = destination.count > 40 ? destination.prefix(37) + "…" : Substring(destination)
                    let noun = type == CMARK_NODE_IMAGE ? "image" : "link"
                    links.warnings.append(MarkdownWarning(line: line, column: column, message: "\(noun) '\(Diagnostic.escapingControlCharacters(String(shown)))' is written without its address (safe mode, for javascript:, vbscript:, file: and data: addresses): link to a page or an https:// address, or set 'unsafe: true' in site.yml to keep addresses you trust"))
                }
                return
            }
            var kept = reference
            kept.fillsText = type == CMARK_NODE_LINK && cmark_node_first_child(node) == nil
            links.internal.append(kept)
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
            case CMARK_NODE_CUSTOM_INLINE where cmark_node_get_type(cmark_node_parent(child)) == CMARK_NODE_CUSTOM_BLOCK:
                // A table cell (the only custom inline a custom block holds): cells' texts apart.
                if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
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

// MARK: - GitHub Flavored Markdown, as steps on cmark's tree

extension MarkdownParser {
    /// What the GFM steps share while they change one document's tree.
    private struct TreeNotes {
        /// The body's lines, for what cmark does not keep: the source of a paragraph's lines.
        var source: SourceLines
        /// The cmark options of the document, for parsing table cells the same way.
        var options: Int32
        /// Where nodes are that have no cmark position in the body: tables and alerts (their
        /// paragraph's or quote's start) and links and raw HTML of table cells (parsed apart).
        var positions: [OpaquePointer: (line: Int, column: Int)] = [:]
        var warnings: [MarkdownWarning] = []
        /// The document's link reference definitions as source lines, for table cells; read once, when needed.
        var definitions: String?
        /// For each paragraph, heading and table cell asked about, whether its source holds `\~`.
        var escapedTilde: [OpaquePointer: Bool] = [:]

        mutating func warn(_ position: (line: Int, column: Int), _ message: String) {
            warnings.append(MarkdownWarning(line: position.line, column: position.column, message: message))
        }
    }

    /// How a warning in CommonMark mode says how to read GFM.
    private static let enableGFM = "'markdown: commonmark' in site.yml turns GitHub-flavoured Markdown off; remove that line to read it"

    /// Runs the GFM steps: tables, alerts, task list items and footnote references on blocks, then
    /// strikethrough and extended autolinks on text nodes (so that they reach table cells too).
    private func applyGFM(to root: OpaquePointer, tree: inout TreeNotes) {
        for paragraph in nodes(below: root, ofType: CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING) { makeTable(from: paragraph, tree: &tree, warnOnly: false) }
        makeAlerts(in: root, tree: &tree, warnOnly: false)
        makeTaskItems(in: root, tree: &tree, warnOnly: false)
        replaceFootnoteReferences(in: root, tree: &tree, replace: true)
        var parents: [OpaquePointer] = []
        forEachNode(below: root) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK,
                 CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_INLINE:
                parents.append(node)
            default: break
            }
        }
        for parent in parents where hasTildeInText(parent) && !hasEscapedTilde(parent, tree: &tree) { makeStrikethrough(in: parent, tree: &tree, warnOnly: false) }
        for text in textNodesOutsideLinks(below: root) { makeAutolinks(in: text, tree: &tree) }
    }

    /// In CommonMark mode: a warning for each piece of GFM syntax that CommonMark reads as text.
    private func warnAboutGFM(in root: OpaquePointer, tree: inout TreeNotes) {
        for paragraph in nodes(below: root, ofType: CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING) { makeTable(from: paragraph, tree: &tree, warnOnly: true) }
        makeAlerts(in: root, tree: &tree, warnOnly: true)
        makeTaskItems(in: root, tree: &tree, warnOnly: true)
        replaceFootnoteReferences(in: root, tree: &tree, replace: false)
        var parents: [OpaquePointer] = []
        forEachNode(below: root) { node in
            if cmark_node_first_child(node) != nil, cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK { parents.append(node) }
        }
        for parent in parents { makeStrikethrough(in: parent, tree: &tree, warnOnly: true) }
    }

    /// In safe mode: a warning for each piece of raw HTML that cmark leaves out (writing
    /// `<!-- raw HTML omitted -->`), but for comments, which a browser would not show anyway.
    private func warnAboutRawHTML(in root: OpaquePointer, tree: inout TreeNotes) {
        forEachNode(below: root) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { return }
            let literal = Self.string(cmark_node_get_literal(node)).trimmingSpaces()
            guard !literal.hasPrefix("<!--") else { return }
            // Its first line, shortened: enough to find it.
            let line = literal.prefix { $0 != "\n" }
            let shown = line.count > 40 || line.count < literal.count ? String(line.prefix(40)) + "…" : literal
            tree.warn(position(of: node, tree: tree),
                      "raw HTML '\(shown)' is left out of the page (safe mode): write it in Markdown, or set 'unsafe: true' in site.yml to keep raw HTML you trust")
        }
    }

    // MARK: Tables

    /// Turns a paragraph whose source lines hold a pipe table into the table (the lines before its
    /// header row stay the paragraph), or, with `warnOnly`, warns that CommonMark reads it as text.
    ///
    /// A setext heading is a paragraph with a line of `=` or `-` under it (CommonMark 0.30, §4.3):
    /// a table directly followed by `---` is one for cmark, while GitHub reads a table and a
    /// thematic break (a `===` line, a row). Such a heading becomes the table, and the break.
    private func makeTable(from paragraph: OpaquePointer, tree: inout TreeNotes, warnOnly: Bool) {
        let isHeading = cmark_node_get_type(paragraph) == CMARK_NODE_HEADING
        // An ATX heading is one line: no table.
        if isHeading, cmark_node_get_end_line(paragraph) <= cmark_node_get_start_line(paragraph) { return }
        var depth = 0
        var ancestor = cmark_node_parent(paragraph)
        while let node = ancestor {
            if cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            ancestor = cmark_node_parent(node)
        }
        let lines = tree.source.paragraphLines(startLine: Int(cmark_node_get_start_line(paragraph)),
                                               startColumn: Int(cmark_node_get_start_column(paragraph)),
                                               endLine: Int(cmark_node_get_end_line(paragraph)), quoteDepth: depth)
        // Bytes, not Foundation's `contains`, which searches through NSString: a pipe is one byte.
        guard lines.contains(where: { $0.text.containsByte(UInt8(ascii: "|")) }) else { return }
        var table = GFMTable(lines: lines)
        var breakAfter = false
        if isHeading, cmark_node_get_heading_level(paragraph) == 2, table.map({ $0.headerIndex != lines.count - 2 }) ?? true {
            // Unless the underline is the table's delimiter row, it is a thematic break after the table.
            table = GFMTable(lines: Array(lines.dropLast()))
            breakAfter = table != nil
        }
        guard let table else { return }
        let header = lines[table.headerIndex]
        if isHeading, table.headerIndex > 0 {
            tree.warn((header.line, header.column), "this pipe table is read as part of a heading: the line of '=' or '-' under it makes the lines above a heading; put a blank line before and after the table")
            return
        }
        if warnOnly {
            tree.warn((header.line, header.column), "this pipe table is read as \(isHeading ? "a heading" : "a paragraph of text") in CommonMark: \(Self.enableGFM)")
            return
        }
        // The line breaks that end the lines before the header row: the paragraph is cut at the
        // first of them, which must be the paragraph's own child (not inside emphasis or a link).
        let breaks = nodes(below: paragraph, ofType: CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK)
        let needed = lines.count - table.headerIndex
        let cut = breaks.count >= needed ? breaks[breaks.count - needed] : nil
        if table.headerIndex > 0, cut == nil || !breaks.suffix(needed).allSatisfy({ cmark_node_parent($0) == paragraph }) {
            tree.warn((header.line, header.column), "this pipe table cannot be read exactly: Markdown of the paragraph above it runs into the table's lines; put a blank line before the table")
            return
        }
        if let lazy = table.lazyLine {
            tree.warn((lazy, 1), "this table row has no '>' while the table is in a block quote: GitHub ends the table before it; start the line with '>', or put a blank line after the quote")
        }
        guard let node = customBlock("<table>", "</table>") else { return }
        tree.positions[node] = (header.line, header.column)
        if let head = customBlock("<thead>", "</thead>"), let row = tableRow(table.header, cell: "th", table: table, tree: &tree) {
            cmark_node_append_child(head, row)
            cmark_node_append_child(node, head)
        }
        if !table.rows.isEmpty, let body = customBlock("<tbody>", "</tbody>") {
            for cells in table.rows {
                if let row = tableRow(cells, cell: "td", table: table, tree: &tree) { cmark_node_append_child(body, row) }
            }
            cmark_node_append_child(node, body)
        }
        cmark_node_insert_after(paragraph, node)
        if breakAfter, let rule = cmark_node_new(CMARK_NODE_THEMATIC_BREAK) {
            cmark_node_insert_after(node, rule)
            tree.positions[rule] = (lines[lines.count - 1].line, lines[lines.count - 1].column)
        }
        if table.headerIndex == 0 {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        } else if let cut {
            var next: OpaquePointer? = cut
            while let child = next {
                next = cmark_node_next(child)
                cmark_node_unlink(child)
                cmark_node_free(child)
            }
        }
    }

    private func tableRow(_ cells: [GFMTable.Cell], cell tag: String, table: GFMTable, tree: inout TreeNotes) -> OpaquePointer? {
        guard let row = customBlock("<tr>", "</tr>") else { return nil }
        for (index, cell) in cells.enumerated() {
            guard let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(node, "<\(tag)\(table.alignments[index].attribute)>")
            cmark_node_set_on_exit(node, "</\(tag)>\n")
            parseInlines(of: cell, into: node, tree: &tree)
            cmark_node_append_child(row, node)
        }
        return row
    }

    /// Parses a cell's text as the inlines of a paragraph and moves them into `cell`.
    ///
    /// The text is put after a no-break space, which no block starts with, so that `# x`, `- x` or
    /// `1. x` in a cell stay text, and which, being white space, leaves emphasis as at a line's
    /// start; it is taken off again. The document's link reference definitions follow the cell, so
    /// that `[text][label]` in a cell finds its destination.
    private func parseInlines(of cell: GFMTable.Cell, into node: OpaquePointer, tree: inout TreeNotes) {
        guard !cell.text.isEmpty else { return }
        var text = "\u{A0}" + cell.text
        if cell.text.contains("]") {
            if tree.definitions == nil { tree.definitions = tree.source.referenceDefinitionLines() }
            text += "\n\n" + (tree.definitions ?? "")
        }
        let length = text.utf8.count
        guard let document = text.withCString({ cmark_parse_document($0, length, tree.options) }) else { return }
        defer { cmark_node_free(document) }
        guard let paragraph = cmark_node_first_child(document), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return }
        forEachNode(below: paragraph) { inline in
            let type = cmark_node_get_type(inline)
            // Text too: an extended autolink in it (www.example.com) is placed from its text's column.
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_TEXT else { return }
            // Columns in the cell's parse count the two bytes of the no-break space.
            tree.positions[inline] = (cell.line, cell.column + max(0, Int(cmark_node_get_start_column(inline)) - 3))
        }
        tree.escapedTilde[node] = cell.text.contains("\\~")
        while let child = cmark_node_first_child(paragraph) {
            cmark_node_unlink(child)
            cmark_node_append_child(node, child)
        }
        if let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_TEXT {
            let literal = Self.string(cmark_node_get_literal(first))
            if literal.hasPrefix("\u{A0}") {
                let rest = String(literal.unicodeScalars.dropFirst())
                if rest.isEmpty {
                    cmark_node_unlink(first)
                    cmark_node_free(first)
                } else {
                    cmark_node_set_literal(first, rest)
                }
            }
        }
    }

    // MARK: Alerts, task list items, footnotes

    /// Turns each top-level block quote whose first line is `[!NOTE]` … into an alert (github.com
    /// recognises them only at the top level), or, with `warnOnly`, warns that CommonMark reads it as a quote.
    private func makeAlerts(in root: OpaquePointer, tree: inout TreeNotes, warnOnly: Bool) {
        var next = cmark_node_first_child(root)
        while let quote = next {
            next = cmark_node_next(quote)
            guard cmark_node_get_type(quote) == CMARK_NODE_BLOCK_QUOTE, let paragraph = cmark_node_first_child(quote),
                  cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, let marker = cmark_node_first_child(paragraph),
                  cmark_node_get_type(marker) == CMARK_NODE_TEXT,
                  let alert = GFMAlert(marker: Self.string(cmark_node_get_literal(marker))) else { continue }
            let after = cmark_node_next(marker)
            guard after == nil || [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(after)) else { continue }
            let position = (Int(cmark_node_get_start_line(quote)), Int(cmark_node_get_start_column(quote)))
            if warnOnly {
                tree.warn(position, "this GitHub alert ([!\(alert.rawValue.uppercased())]) is read as a block quote in CommonMark: \(Self.enableGFM)")
                continue
            }
            guard let node = customBlock(alert.openingHTML, GFMAlert.closingHTML) else { continue }
            if let after { cmark_node_unlink(after); cmark_node_free(after) }
            cmark_node_unlink(marker)
            cmark_node_free(marker)
            if cmark_node_first_child(paragraph) == nil {
                cmark_node_unlink(paragraph)
                cmark_node_free(paragraph)
            }
            while let child = cmark_node_first_child(quote) {
                cmark_node_unlink(child)
                cmark_node_append_child(node, child)
            }
            tree.positions[node] = position
            cmark_node_insert_after(quote, node)
            cmark_node_unlink(quote)
            cmark_node_free(quote)
        }
    }

    /// Puts a disabled checkbox, labelled by the item's text, in each list item whose first
    /// paragraph starts with `[ ]` or `[x]`; with `warnOnly`, warns that CommonMark reads it as text.
    private func makeTaskItems(in root: OpaquePointer, tree: inout TreeNotes, warnOnly: Bool) {
        for item in nodes(below: root, ofType: CMARK_NODE_ITEM) {
            guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                  let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT else { continue }
            let literal = Self.string(cmark_node_get_literal(text))
            guard let marker = GFMTaskMarker(text: literal, followedByBreak: cmark_node_next(text) != nil) else { continue }
            if warnOnly {
                tree.warn(position(of: paragraph, tree: tree), "this task list item ('\(literal.prefix(3))') is read as text in CommonMark: \(Self.enableGFM)")
                continue
            }
            guard let label = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(label, marker.html)
            cmark_node_set_on_exit(label, GFMTaskMarker.closingHTML)
            let rest = String(decoding: literal.utf8.dropFirst(GFMTaskMarker.length), as: UTF8.self)
            if rest.isEmpty {
                cmark_node_unlink(text)
                cmark_node_free(text)
            } else {
                cmark_node_set_literal(text, rest)
            }
            while let child = cmark_node_first_child(paragraph) {
                cmark_node_unlink(child)
                cmark_node_append_child(label, child)
            }
            cmark_node_append_child(paragraph, label)
        }
    }

    /// The range of the first `[^` in `bytes`: a byte scan for `[`, where the generic
    /// `firstRange(of:)` instantiated its searcher's metadata on every call (a quarter of a build).
    static func firstFootnoteOpening(in bytes: Substring.UTF8View) -> Range<String.Index>? {
        var rest = bytes
        while let bracket = rest.firstIndex(of: UInt8(ascii: "[")) {
            let next = rest.index(after: bracket)
            if next < rest.endIndex, rest[next] == UInt8(ascii: "^") { return bracket..<rest.index(after: next) }
            rest = rest[next...]
        }
        return nil
    }

    /// Octavo does not support footnotes (`[^1]` with `[^1]: text`): each reference gets a warning
    /// and, with `replace`, a reference cmark made a link of (its definition read as a link
    /// reference definition) goes back to the text `[^1]`, so that no link to the note's first word fails the build.
    private func replaceFootnoteReferences(in root: OpaquePointer, tree: inout TreeNotes, replace: Bool) {
        let message = "footnotes are not supported: the reference is shown as written; put the note in the text, or link to a section"
        let definitionMessage = "footnotes are not supported: the note is shown as a paragraph, as written; put it in the text where it is referred to"
        // Text first: the references put back as text below are not to be reported twice.
        for text in nodes(below: root, ofType: CMARK_NODE_TEXT) {
            let literal = Self.string(cmark_node_get_literal(text))
            // Most text has no `[`: one memchr instead of the scan below.
            guard literal.containsByte(UInt8(ascii: "[")) else { continue }
            var search = literal.utf8[...]
            while let open = Self.firstFootnoteOpening(in: search) {
                let rest = search[open.upperBound...]
                // The label ends at `]`; a space or `[` first means none (and the scan goes on from there, in O(n)).
                guard let close = rest.firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: " ") }) else { break }
                let label = rest[..<close]
                if rest[close] == UInt8(ascii: "]"), !label.isEmpty {
                    var at = position(of: text, tree: tree)
                    let offset = literal.utf8.distance(from: literal.utf8.startIndex, to: open.lowerBound)
                    if cmark_node_get_start_line(text) > 0 { at.column += offset }
                    // `[^1]: …` at the start of a paragraph is the note itself, not a reference to it.
                    let isDefinition = offset == 0 && cmark_node_previous(text) == nil && rest[rest.index(after: close)...].first == UInt8(ascii: ":")
                    tree.warn(at, "[^\(String(decoding: label, as: UTF8.self))]: " + (isDefinition ? definitionMessage : message))
                }
                search = rest[close...]
            }
        }
        for link in nodes(below: root, ofType: CMARK_NODE_LINK) {
            guard let text = cmark_node_first_child(link), cmark_node_next(text) == nil, cmark_node_get_type(text) == CMARK_NODE_TEXT else { continue }
            let label = Self.string(cmark_node_get_literal(text))
            guard label.hasPrefix("^"), label.count > 1, !label.contains(" ") else { continue }
            tree.warn(position(of: link, tree: tree), "[\(label)]: " + message)
            guard replace, let literal = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(literal, "[\(label)]")
            cmark_node_insert_before(link, literal)
            cmark_node_unlink(link)
            cmark_node_free(link)
        }
    }

    // MARK: Strikethrough and autolinks

    /// Wraps text between matching tildes among `parent`'s children in `<del>` (see ``GFMStrikethrough``);
    /// with `warnOnly`, warns at each `~~` pair that CommonMark reads it as text.
    private func makeStrikethrough(in parent: OpaquePointer, tree: inout TreeNotes, warnOnly: Bool) {
        var children: [OpaquePointer] = []
        var next = cmark_node_first_child(parent)
        while let child = next {
            children.append(child)
            next = cmark_node_next(child)
        }
        let pieces: [GFMStrikethrough.Piece] = children.map { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: .text(Self.string(cmark_node_get_literal(child)))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: .lineBreak
            default: .other
            }
        }
        let pairs = GFMStrikethrough.pairs(in: pieces)
        guard !pairs.isEmpty else { return }
        if warnOnly {
            for pair in pairs where pair.open.range.count == 2 {
                var at = position(of: children[pair.open.piece], tree: tree)
                if cmark_node_get_start_line(children[pair.open.piece]) > 0 { at.column += pair.open.range.lowerBound }
                tree.warn(at, "this strikethrough ('~~') is read as text in CommonMark: \(Self.enableGFM)")
            }
            return
        }
        var cuts: [Int: [(range: Range<Int>, opens: Bool)]] = [:]
        for pair in pairs {
            cuts[pair.open.piece, default: []].append((pair.open.range, true))
            cuts[pair.close.piece, default: []].append((pair.close.range, false))
        }
        for child in children { cmark_node_unlink(child) }
        var stack = [parent]
        func appendText(_ bytes: ArraySlice<UInt8>) {
            guard !bytes.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(node, String(decoding: bytes, as: UTF8.self))
            cmark_node_append_child(stack[stack.count - 1], node)
        }
        for (index, child) in children.enumerated() {
            guard let list = cuts[index], case .text(let text) = pieces[index] else {
                cmark_node_append_child(stack[stack.count - 1], child)
                continue
            }
            let bytes = Array(text.utf8)
            var position = 0
            for cut in list.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                appendText(bytes[position..<cut.range.lowerBound])
                if cut.opens, let del = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) {
                    cmark_node_set_on_enter(del, "<del>")
                    cmark_node_set_on_exit(del, "</del>")
                    cmark_node_append_child(stack[stack.count - 1], del)
                    stack.append(del)
                } else if !cut.opens, stack.count > 1 {
                    stack.removeLast()
                }
                position = cut.range.upperBound
            }
            appendText(bytes[position...])
            cmark_node_free(child)
        }
    }

    /// Whether a text child of `parent` holds a `~`, read in cmark's string (not copied): only
    /// those can hold strikethrough, and most hold none.
    private func hasTildeInText(_ parent: OpaquePointer) -> Bool {
        var next = cmark_node_first_child(parent)
        while let child = next {
            if cmark_node_get_type(child) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(child),
               strchr(literal, Int32(UInt8(ascii: "~"))) != nil { return true }
            next = cmark_node_next(child)
        }
        return false
    }

    /// Whether the paragraph, heading or table cell that holds `node` has an escaped tilde (`\~`) in
    /// its source. cmark merges the escaped character into its text node and keeps no trace of the
    /// escape, so such a block gets no strikethrough rather than one the author escaped.
    private func hasEscapedTilde(_ node: OpaquePointer, tree: inout TreeNotes) -> Bool {
        var current: OpaquePointer? = node
        while let candidate = current {
            if let known = tree.escapedTilde[candidate] { return known }
            let type = cmark_node_get_type(candidate)
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                let first = Int(cmark_node_get_start_line(candidate)), last = Int(cmark_node_get_end_line(candidate))
                let escaped = (first...max(first, last)).contains { number in
                    let line = tree.source.bytes(ofLine: number)
                    return zip(line, line.dropFirst()).contains { $0 == UInt8(ascii: "\\") && $1 == UInt8(ascii: "~") }
                }
                tree.escapedTilde[candidate] = escaped
                return escaped
            }
            current = cmark_node_parent(candidate)
        }
        return false
    }

    /// Splits a text node at its extended autolinks (see ``GFMAutolink``), each a link node, noted
    /// at its column in the source when the text node's own is known (a text node is one line).
    private func makeAutolinks(in text: OpaquePointer, tree: inout TreeNotes) {
        // Every link holds `:`, `@` or `www.` (see GFMAutolink.matches): most text, read in cmark's
        // string, holds none and is not copied.
        guard let raw = cmark_node_get_literal(text),
              strchr(raw, Int32(UInt8(ascii: ":"))) != nil || strchr(raw, Int32(UInt8(ascii: "@"))) != nil || strstr(raw, "www.") != nil else { return }
        let literal = Self.string(raw)
        let matches = GFMAutolink.matches(in: literal)
        guard !matches.isEmpty else { return }
        let start = tree.positions[text] ?? (cmark_node_get_start_line(text) > 0
            ? (line: Int(cmark_node_get_start_line(text)), column: Int(cmark_node_get_start_column(text))) : nil)
        let bytes = Array(literal.utf8)
        var position = 0
        func insertText(_ part: ArraySlice<UInt8>, into parent: OpaquePointer?) {
            guard !part.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(node, String(decoding: part, as: UTF8.self))
            if let parent { cmark_node_append_child(parent, node) } else { cmark_node_insert_before(text, node) }
        }
        for match in matches {
            insertText(bytes[position..<match.range.lowerBound], into: nil)
            if let link = cmark_node_new(CMARK_NODE_LINK) {
                cmark_node_set_url(link, match.url)
                insertText(bytes[match.range], into: link)
                cmark_node_insert_before(text, link)
                if let start { tree.positions[link] = (start.line, start.column + match.range.lowerBound) }
            }
            position = match.range.upperBound
        }
        insertText(bytes[position...], into: nil)
        cmark_node_unlink(text)
        cmark_node_free(text)
    }

    // MARK: Helpers

    private func customBlock(_ enter: String, _ exit: String) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// The nodes of the given types below `root`, in document order, gathered before any is changed.
    private func nodes(below root: OpaquePointer, ofType types: cmark_node_type...) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        forEachNode(below: root) { node in
            if types.contains(cmark_node_get_type(node)) { result.append(node) }
        }
        return result
    }

    /// The text nodes below `root` that are not inside a link or an image, in one walk.
    private func textNodesOutsideLinks(below root: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        var depth = 0  // links and images entered and not yet left
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: depth += event == CMARK_EVENT_ENTER ? 1 : -1
            case CMARK_NODE_TEXT where depth == 0: result.append(node)
            default: break
            }
        }
        return result
    }

    /// Where a node is in the body: noted by a GFM step, given by cmark, or else its nearest
    /// ancestor's (cmark gives no position to some inlines and to nodes made after parsing).
    private func position(of node: OpaquePointer, tree: TreeNotes) -> (line: Int, column: Int) {
        var current: OpaquePointer? = node
        while let candidate = current {
            if let noted = tree.positions[candidate] { return noted }
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return (line, Int(cmark_node_get_start_column(candidate))) }
            current = cmark_node_parent(candidate)
        }
        return (1, 1)
    }
}
