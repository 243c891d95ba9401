/// Renders a Markdown text to an HTML body, headings with ids and permalinks, links as written.
///
/// This is what `octavo markdown` prints; pages use the same parser and heading markup.
public struct MarkdownRenderer: Sendable {
    /// Whether raw HTML and dangerous URLs are kept (see ``MarkdownParser/unsafe``).
    public var unsafe: Bool

    /// Creates a renderer.
    public init(unsafe: Bool = false) {
        self.unsafe = unsafe
    }

    /// The HTML of `markdown`, CommonMark 0.30 as libcmark renders it, but for heading ids and permalinks.
    public func html(_ markdown: String) -> String {
        var ids = HeadingIDGenerator()
        let document = MarkdownParser(unsafe: unsafe, collectsLinks: false).parse(markdown, ids: &ids)
        var html = ""
        for block in document.blocks {
            if let level = block.headingLevel {
                html += HeadingMarkup.html(level: level, id: block.id ?? "", content: block.html)
            } else {
                html += block.html
            }
        }
        return html
    }
}
