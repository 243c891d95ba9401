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
    public var contentRoot: String = DisplayPath.defaultContent.text

    /// Where diagnostics about a page point: its source file and line, or for a folder's
    /// generated page, the folder.
    public func location(ofPage index: Int) -> (file: String, line: Int?) {
        let page = pages[index]
        if let document = page.document { return (documents[document].displayPath, page.line) }
        let folder = page.path.folderPart
        return (DisplayPath(contentRoot).appending(folder).text, nil)
    }
}
