import Foundation

/// `404.html` at the site root: the page a server shows for an address it does not have.
///
/// It is made from `Content/404.md` when there is one (that file is then not a page of the site's
/// reading order), else from a short default text. A server shows it at the missing address, at
/// any depth, so relative links would lead astray: with a base URL every link and asset is
/// absolute under it; without one, links are relative to the root and the text says how to reach
/// the home page.
public struct NotFoundPage: Sendable {
    /// The page's path in the output folder.
    public static let path = GeneratedPaths.notFound
    /// The content file it is made from, relative to the content folder.
    public static let sourcePath = "404.md"

    /// `404.md`, loaded and parsed, or `nil` for the default text.
    public var source: Outliner.Input?

    /// Creates the page from `404.md`, or the default text when `source` is `nil`.
    public init(source: Outliner.Input?) {
        self.source = source
    }

    /// Renders the page with the `layout` template.
    ///
    /// - Parameters:
    ///   - renderer: The page renderer (its templates and settings).
    ///   - site: The site, for the navigation and for links of `404.md` to its files.
    /// - Returns: The HTML, and an error when the rendering passed a limit of ``RenderGuard``
    ///   (partials without end).
    public func render(with renderer: PageRenderer, site: Site) -> (html: String, problem: Diagnostic?) {
        let base = renderer.config.baseURL
        let title = source.flatMap { $0.source.frontMatter.title } ?? source.flatMap(Self.firstHeading) ?? "Page not found"
        var context = renderer.extraContext(path: Self.path, title: title, kind: "notfound", site: site)
        if let base {
            context.site = renderer.siteContext(site, from: Self.path, root: base)
            context.breadcrumbs = context.breadcrumbs.map { Self.absolute($0, base: base) }
            context.sidebar = context.sidebar.map { Self.absolute($0, base: base) }
        }
        let home = HTMLEscaping.escape(context.site.home)
        if let source {
            var writer = BlockHTML()
            let documents = Dictionary(site.documents.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
            let references = source.markdown.links
            let assets = Set(site.assets.map(\.path))
            writer.link = { number in
                guard number < references.count else { return nil }
                let destination = references[number].destination
                return HTMLEscaping.escape(Self.url(of: destination, site: site, documents: documents, assets: assets, root: base ?? "") ?? destination)
            }
            // A link without text gets the title of the file's page, else its destination as written.
            writer.label = { number in
                guard number < references.count else { return nil }
                let destination = references[number].destination
                let path = String(destination.prefix { $0 != "#" })
                return documents[(path.removingPercentEncoding ?? path).precomposedStringWithCanonicalMapping]
                    .map { LinkLabel.page(site.pages[site.documents[$0].rootPage]) } ?? destination
            }
            let blocks = source.source.frontMatter.title == nil ? Self.droppingFirstHeading(source.markdown.blocks) : source.markdown.blocks
            context.page.body = writer.html(of: blocks, paragraphIDs: ArraySlice(repeating: nil, count: blocks.count))
        } else if base != nil {
            context.page.body = "<p>There is no page at this address. It may have moved, or the address may be mistyped.</p>\n"
                + "<p>Go to the <a href=\"\(home)\">home page</a>\(context.site.search.map { " or <a href=\"\(HTMLEscaping.escape($0))\">search</a>" } ?? "") to find what you were looking for.</p>\n"
        } else {
            context.page.body = "<p>There is no page at this address. It may have moved, or the address may be mistyped.</p>\n"
                + "<p>To find the home page, shorten the address to the site’s folder (its part before the missing page’s name), or try the <a href=\"\(home)\">home page</a> link.</p>\n"
        }
        context.page.description = nil
        return renderer.templates.render(context, template: TemplateSet.layoutName, limits: PageRenderer.limits(for: site), page: Self.path)
    }

    /// The text of the first level-1 heading, the page's title when front matter has none.
    private static func firstHeading(_ input: Outliner.Input) -> String? {
        input.markdown.blocks.first { $0.headingLevel == 1 }?.text
    }

    /// The blocks without the heading that became the title (the layout prints the title as `<h1>`).
    private static func droppingFirstHeading(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        guard let first = blocks.firstIndex(where: { $0.headingLevel == 1 }) else { return blocks }
        var rest = blocks
        rest.remove(at: first)
        return rest
    }

    /// The parser's warnings about `404.md` (see ``MarkdownWarning``), then an error for each link
    /// of it to a file the content folder does not have.
    public func diagnostics(site: Site) -> [Diagnostic] {
        guard let source else { return [] }
        let documents = Dictionary(site.documents.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let assets = Set(site.assets.map(\.path))
        let warnings = source.markdown.warnings.map { warning in
            Diagnostic(file: source.source.displayPath, line: source.source.bodyFirstLine + warning.line - 1, column: warning.column,
                       severity: .warning, message: warning.message)
        }
        return warnings + source.markdown.links.compactMap { link in
            guard Self.url(of: link.destination, site: site, documents: documents, assets: assets, root: "") == nil else { return nil }
            return Diagnostic(file: source.source.displayPath, line: source.source.bodyFirstLine + link.line - 1, column: link.column,
                              severity: .error, message: "link target '\(link.destination)' does not exist")
        }
    }

    /// A link of `404.md`: to a Markdown file of the site, that file's page; to another file of the
    /// content folder, that file; both from `root`. Others (external, `#fragment`) stay as written;
    /// `nil` for a file the content folder does not have.
    private static func url(of destination: String, site: Site, documents: [String: Int], assets: Set<String>, root: String) -> String? {
        guard !destination.contains("://"), !destination.hasPrefix("#"), !destination.hasPrefix("mailto:") else { return destination }
        var path = destination
        var fragment = ""
        // Found by byte, as in LinkResolver; the fragment in NFC and the query kept, encoded by the same rules.
        if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) {
            let raw = String(path[path.utf8.index(after: hash)...])
            fragment = "#" + URLEscaping.fragment((raw.removingPercentEncoding ?? raw).precomposedStringWithCanonicalMapping)
            path = String(path[..<hash])
        }
        let query = URLEscaping.query(of: path)
        if let mark = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = String(path[..<mark]) }
        fragment = query + fragment
        let decoded = (path.removingPercentEncoding ?? path).precomposedStringWithCanonicalMapping
        guard let normalized = LinkResolver.normalize(decoded, relativeTo: "") else { return nil }
        let folder = normalized.isEmpty || normalized.hasSuffix("/") ? normalized : normalized + "/"
        let folderKey = ["index.md", "index.markdown"].contains(normalized.lastPart.lowercased()) ? normalized.folderPart : String(folder.dropLast(folder.isEmpty ? 0 : 1))
        if let document = documents[normalized] ?? site.folderPageDocuments()[folderKey] {
            return root + URLEscaping.path(site.pages[site.documents[document].rootPage].path) + fragment
        }
        guard assets.contains(normalized) else { return nil }
        return root + URLEscaping.path(normalized) + fragment
    }

    /// The item with its URL made absolute under `base` (its URL is relative to the site root).
    private static func absolute(_ item: NavItem, base: String) -> NavItem {
        var item = item
        item.url = base + item.url
        item.children = item.children.map { absolute($0, base: base) }
        return item
    }
}
