/// A Markdown file parsed by libcmark and turned into Swift values: its top-level blocks, each
/// with its HTML already rendered, and the internal links found in them.
///
/// No cmark pointer survives in this value; see ``MarkdownParser``.
public struct MarkdownDocument: Sendable {
    /// The top-level blocks of the document, in source order.
    public var blocks: [MarkdownBlock]
    /// Internal links and images (relative destinations, `#fragments`, `other.md#anchor`).
    /// A block's segments refer to link `n` through ``HTMLSegment/linkURL(_:)``.
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
