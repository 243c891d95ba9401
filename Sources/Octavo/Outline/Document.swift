/// A Markdown file as the site holds it: where it came from, its links, and which page holds
/// each of its anchors after splitting.
public struct Document: Sendable {
    /// The source path relative to the content folder (NFC).
    public var path: String
    /// The path as diagnostics show it.
    public var displayPath: String
    /// The line of the file on which the Markdown body starts.
    public var bodyFirstLine: Int
    /// The internal links of the file (see ``MarkdownDocument/links``).
    public var links: [LinkReference]
    /// The external links of the file (see ``MarkdownDocument/externalLinks``).
    public var externalLinks: [LinkReference]
    /// The page that shows the start of the file.
    public var rootPage: Int
    /// Heading id → index of the page that holds it.
    public var anchorPages: [String: Int]
    /// Number path (`III.3`) → index of the page with that number.
    public var numberPages: [String: Int]
    /// The file's front matter (its title, author, publisher, date, identifier for citations).
    public var frontMatter = FrontMatter()
}
