/// A Markdown file parsed by libcmark and turned into Swift values: its top-level blocks, each
/// with its HTML already rendered, and the internal links found in them.
///
/// No cmark pointer survives in this value; see ``MarkdownParser``.
public struct MarkdownDocument: Sendable {
    /// The top-level blocks of the document, in source order.
    public var blocks: [MarkdownBlock]
    /// Internal links and images (relative destinations, `#fragments`, `other.md#anchor`).
    /// A block's HTML refers to link `n` through the placeholder ``LinkReference/placeholder(_:)``
    /// in its `href` or `src`, until the link stage replaces it.
    public var links: [LinkReference]
    /// Links with a scheme or `//` (`https://…`, `mailto:…`), as written; never fetched.
    public var externalLinks: [LinkReference]
    /// Problems that do not stop a build: GFM syntax read as text, raw HTML left out, footnotes.
    public var warnings: [MarkdownWarning] = []

    /// Creates a document from its parts.
    public init(blocks: [MarkdownBlock], links: [LinkReference], externalLinks: [LinkReference] = []) {
        self.blocks = blocks
        self.links = links
        self.externalLinks = externalLinks
    }
}

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
    /// The block's HTML. For a heading, only its content (the inline HTML between `<hN>` and `</hN>`);
    /// ``HeadingMarkup`` adds the element, id and permalink.
    public var html: String
    /// The block's text without markup, soft line breaks as spaces (for summaries and search).
    public var text: String
    /// The 1-based line in the Markdown body on which the block starts.
    public var line: Int
    /// The heading's id (GitHub's heading-id rule, unique in the document), for headings only.
    public var id: String?
    /// Ids of headings nested inside this block (in block quotes or lists), in order.
    public var nestedIDs: [String]
    /// Where ``html`` writes the ids of nested headings: the UTF-8 offset of each, in order, two per
    /// heading (its opening tag, then its permalink's `href="#…"`), so that a writer that renames
    /// ids (the print edition) does so in one pass.
    public var nestedIDOffsets: [Int]

    /// The indices (in ``MarkdownDocument/links``) of the internal links inside this block, so
    /// that the link stage knows the page that holds each link.
    public var links: Range<Int> = 0..<0
    /// For a paragraph, its text outside links, images and code (see ``proseBreak``), in which an
    /// index of terms looks for mentions; empty for other blocks.
    public var prose: String = ""

    /// Stands in ``prose`` where a link, image or code span was: not a space, so no term matches across it.
    public static let proseBreak = "\u{1F}"

    /// Creates a block.
    public init(kind: Kind, html: String, text: String, line: Int, id: String? = nil, nestedIDs: [String] = [], nestedIDOffsets: [Int] = []) {
        self.kind = kind
        self.html = html
        self.text = text
        self.line = line
        self.id = id
        self.nestedIDs = nestedIDs
        self.nestedIDOffsets = nestedIDOffsets
    }

    /// The heading level, or `nil` when the block is not a heading.
    public var headingLevel: Int? {
        if case .heading(let level) = kind { return level }
        return nil
    }
}

/// A link or image whose destination is inside the site, as written in the Markdown.
public struct LinkReference: Sendable, Hashable {
    /// The destination as written (after CommonMark's unescaping), for example `other.md#anchor`.
    public var destination: String
    /// The 1-based line in the Markdown body.
    public var line: Int
    /// The 1-based column, in UTF-8 bytes.
    public var column: Int
    /// Whether this is an image (`![alt](src)`).
    public var isImage: Bool
    /// Whether the link has no text (`[](#III.3)`): the render stage fills in the target's label
    /// (see ``LinkLabel``).
    public var fillsText: Bool = false

    /// Creates a link reference.
    public init(destination: String, line: Int, column: Int, isImage: Bool) {
        self.destination = destination
        self.line = line
        self.column = column
        self.isImage = isImage
    }

    /// The text that stands for link `index` in a block's HTML until links are resolved.
    public static func placeholder(_ index: Int) -> String { "\(placeholderPrefix)\(index)" }

    /// Every placeholder starts with this; it ends at the first byte that is not a digit.
    public static let placeholderPrefix = "octavo-link:"

    /// Whether cmark's safe mode drops this destination (writes `href=""`): it starts, in any
    /// letter case, with `javascript:`, `vbscript:`, `file:` or `data:`, unless `data:image/png`,
    /// `gif`, `jpeg` or `webp` follows (cmark 0.30, `_scan_dangerous_url` of scanners.re).
    public static func isDangerous(_ destination: String) -> Bool {
        let lower = String(decoding: destination.utf8.prefix(20).map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        if ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: lower.hasPrefix) { return false }
        return ["javascript:", "vbscript:", "file:", "data:"].contains(where: lower.hasPrefix)
    }

    /// Whether a destination points inside the site: it has no URL scheme (`https:`, `mailto:` …),
    /// does not start with `//`, and is not empty. A destination written like a placeholder
    /// (`octavo-link:0`) counts as internal, so that it gets a placeholder of its own and is
    /// reported as missing, rather than being taken for link 0.
    public static func isInternal(_ destination: String) -> Bool {
        guard let first = destination.utf8.first, !destination.hasPrefix("//") else { return false }
        if destination.hasPrefix(placeholderPrefix) { return true }
        // A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986, §3.1).
        func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        guard isAlpha(first) else { return true }
        for c in destination.utf8.dropFirst() {
            if c == UInt8(ascii: ":") { return false }
            if !(isAlpha(c) || (0x30...0x39).contains(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) {
                return true
            }
        }
        return true
    }
}
