/// One top-level block of a Markdown document.
public struct MarkdownBlock: Sendable {
    /// What a block is, as far as splitting a document into pages needs to know.
    public enum Kind: Sendable, Equatable {
        /// An ATX or setext heading of level 1–6 (CommonMark 0.30, §4.2–4.3).
        case heading(level: Int)
        /// The HTML comment `<!-- part-closing -->` on a line of its own: the blocks after it, up to
        /// the next heading of the enclosing section's level, are that section's closing text.
        case closingMarker
        /// A paragraph (CommonMark 0.30, §4.8): on pages it gets a paragraph anchor (see ``Page/paragraphIDs``).
        case paragraph
        /// Any other block: list, quote, code, thematic break or raw HTML …
        case other
    }

    /// What the block is.
    public var kind: Kind
    /// The block's HTML as segments of cmark's text and slots for links and nested headings
    /// (see ``HTMLSegment``). For a heading or paragraph, only its content (the inline HTML
    /// inside `<hN>` or `<p>`): the writer adds the element, id and permalink (see ``BlockHTML``).
    public var content: [HTMLSegment]
    /// The block's text without markup, soft line breaks as spaces (for summaries and search).
    public var text: String
    /// The 1-based line in the Markdown body on which the block starts.
    public var line: Int
    /// The heading's id (GitHub's heading-id rule, unique in the document), for headings only.
    public var id: String?
    /// Ids of headings nested inside this block (in block quotes or lists), in order; the
    /// ``HTMLSegment/headingOpen(level:nested:)`` slots of ``content`` refer to them by index.
    public var nestedIDs: [String]

    /// The indices (in ``MarkdownDocument/links``) of the internal links inside this block, so
    /// that the link stage knows the page that holds each link.
    public var links: Range<Int> = 0..<0
    /// For a paragraph, its text outside links, images and code (see ``proseBreak``), in which an
    /// index of terms looks for mentions; empty for other blocks.
    public var prose: String = ""

    /// Stands in ``prose`` where a link, image or code span was: not a space, so no term matches across it.
    public static let proseBreak = "\u{1F}"

    /// Creates a block.
    public init(kind: Kind, content: [HTMLSegment], text: String, line: Int, id: String? = nil, nestedIDs: [String] = []) {
        self.kind = kind
        self.content = content
        self.text = text
        self.line = line
        self.id = id
        self.nestedIDs = nestedIDs
    }

    /// The heading level, or `nil` when the block is not a heading.
    public var headingLevel: Int? {
        if case .heading(let level) = kind { return level }
        return nil
    }
}
