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

/// The whole site after the outline stage: every page in reading order.
public struct Site: Sendable {
    /// The site's title: the home page's title.
    public var title: String
    /// Every page in reading order; the home page is first.
    public var pages: [Page]
    /// The Markdown files the pages come from.
    public var documents: [Document]
    /// Files copied as they are.
    public var assets: [Asset]
    /// Problems found while outlining (warnings and errors).
    public var diagnostics: [Diagnostic]
    /// The content folder as diagnostics name it (`Content`).
    public var contentRoot: String = "Content"

    /// Where diagnostics about a page point: its source file and line, or for a folder's
    /// generated page, the folder.
    public func location(ofPage index: Int) -> (file: String, line: Int?) {
        let page = pages[index]
        if let document = page.document { return (documents[document].displayPath, page.line) }
        let folder = page.path.folderPart
        return (folder.isEmpty ? contentRoot : contentRoot + "/" + folder, nil)
    }
}
