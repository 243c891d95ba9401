/// Renders a Markdown text to an HTML body, headings with ids and permalinks, links as written.
///
/// This is what `octavo markdown` prints; pages use the same parser and block writer.
public struct MarkdownRenderer: Sendable {
    /// Whether raw HTML and dangerous URLs are kept (see ``MarkdownParser/unsafe``).
    public var unsafe: Bool
    /// Whether GitHub Flavored Markdown's extensions are read (see ``MarkdownParser/gfm``).
    public var gfm: Bool

    /// Creates a renderer.
    public init(unsafe: Bool = false, gfm: Bool = true) {
        self.unsafe = unsafe
        self.gfm = gfm
    }

    /// The HTML of `markdown`, CommonMark 0.30 as libcmark renders it (with GFM's extensions unless
    /// ``gfm`` is off), but for heading ids and permalinks.
    public func html(_ markdown: String) -> String {
        render(markdown).html
    }

    /// The HTML of `markdown` (see ``html(_:)``) and the parser's warnings about it, in source order.
    public func render(_ markdown: String) -> (html: String, warnings: [MarkdownWarning]) {
        var ids = HeadingIDGenerator()
        let document = MarkdownParser(unsafe: unsafe, collectsLinks: false, gfm: gfm).parse(markdown, ids: &ids)
        let html = BlockHTML().html(of: document.blocks, paragraphIDs: ArraySlice(repeating: nil, count: document.blocks.count))
        return (html, document.warnings.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }
}
