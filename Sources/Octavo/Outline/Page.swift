/// One HTML page of the site, with its place in the site's tree and reading order.
public struct Page: Sendable {
    /// What kind of page this is.
    public enum Kind: String, Sendable {
        /// The site's home page, `index.html`.
        case home
        /// A page with pages below it: a folder, or a part of a split document.
        case section
        /// A leaf page: a Markdown file, or an item of a split document.
        case page
    }

    /// The kind of page.
    public var kind: Kind
    /// The output path relative to the site root, `/`-separated, always naming the file
    /// (for example `iii/3/index.html`).
    public var path: String
    /// The title without its number (`Priorities of cooperation`).
    public var title: String
    /// The page's own number as written in its heading (`III`, `3`), if it has one.
    public var number: String?
    /// The numbers of the page and its numbered ancestors joined by `.` (`III.3`), if numbered.
    public var numberPath: String?
    /// The heading that opens the page (HTML content, level and id), if its source has one.
    public var heading: MarkdownBlock?
    /// The blocks of the page's body, before its list of child pages.
    public var blocks: [MarkdownBlock]
    /// The section's closing text, after its list of child pages (see ``MarkdownBlock/Kind/closingMarker``).
    public var closing: [MarkdownBlock]
    /// The index of the document (in ``Site/documents``) the page's text comes from, or `nil` for a
    /// generated page (a folder without `index.md`).
    public var document: Int?
    /// The 1-based line in the source file where the page starts.
    public var line: Int
    /// The parent page's index in ``Site/pages``; `nil` for the home page.
    public var parent: Int?
    /// The child pages' indices, in reading order.
    public var children: [Int]
    /// The page's description: front matter `description`, else ``summary``.
    public var description: String?
    /// The first sentence of the page's first paragraph, or an empty string.
    public var summary: String

    /// Every heading id on the page, the opening heading's first.
    public var anchors: [String] {
        var ids: [String] = []
        if let id = heading?.id { ids.append(id) }
        for block in blocks + closing {
            if let id = block.id { ids.append(id) }
            ids += block.nestedIDs
        }
        return ids
    }

    /// The title with its number, as shown in navigation (`III. Priorities of cooperation`).
    public var numberedTitle: String {
        number.map { "\($0). \(title)" } ?? title
    }
}
