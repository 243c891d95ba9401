import Foundation

/// The render stage: builds each page's ``PageContext`` and renders it with the `layout` template.
public struct PageRenderer: Sendable {
    /// The templates.
    public var templates: TemplateSet

    /// Creates a renderer.
    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Renders every page of the site.
    ///
    /// - Parameters:
    ///   - site: The outlined site.
    ///   - links: The link stage's resolution of the site's links.
    /// - Returns: `(path, html)` for each page, in reading order; paths relative to the site root.
    public func render(_ site: Site, links: LinkResolver.Resolution) -> [(path: String, html: String)] {
        let contexts = (0..<site.pages.count).map { context(for: $0, site: site, links: links) }
        var results = [(path: String, html: String)](repeating: ("", ""), count: contexts.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let output = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: contexts.count) { index in
                let html = templates.library.render(contexts[index], withTemplate: TemplateSet.layoutName) ?? ""
                output.buffer[index] = (site.pages[index].path, html)
            }
        }
        return results
    }

    /// The context of page `index`.
    public func context(for index: Int, site: Site, links: LinkResolver.Resolution) -> PageContext {
        let page = site.pages[index]
        let path = page.path
        let lineage = ancestors(of: index, in: site)
        func item(_ target: Int, children: [NavItem] = []) -> NavItem {
            let other = site.pages[target]
            return NavItem(title: other.title, number: other.number, numberedTitle: other.numberedTitle,
                           url: URLEscaping.path(RelativePath.from(path, to: other.path)), summary: other.summary.isEmpty ? nil : other.summary,
                           isCurrent: target == index, isOpen: target == index || lineage.contains(target),
                           children: children)
        }
        func tree(_ target: Int) -> NavItem {
            item(target, children: site.pages[target].children.map(tree))
        }
        let sidebar = site.pages[0].children.map { top in
            lineage.contains(top) || top == index ? item(top, children: site.pages[top].children.map { item($0) }) : item(top)
        }
        let body = html(of: page, closing: false, site: site, links: links)
        let closing = html(of: page, closing: true, site: site, links: links)
        let info = PageInfo(title: page.title, number: page.number, numberPath: page.numberPath, numberedTitle: page.numberedTitle,
                            kind: page.kind.rawValue, isHome: page.kind == .home, url: path,
                            description: page.description, summary: page.summary, heading: heading(of: page),
                            body: body, closing: closing, children: page.children.map { item($0) })
        let onThisPage = (page.blocks + page.closing).compactMap { block -> HeadingItem? in
            guard let level = block.headingLevel, let id = block.id else { return nil }
            return HeadingItem(title: block.text, id: id, level: level)
        }
        return PageContext(
            site: siteContext(site, from: path),
            page: info,
            breadcrumbs: lineage.reversed().map { item($0) },
            prev: index > 0 ? item(index - 1) : nil,
            next: index + 1 < site.pages.count ? item(index + 1) : nil,
            sidebar: sidebar,
            toc: page.kind == .home ? tree(0) : nil,
            onThisPage: onThisPage)
    }

    /// The context of a page the build makes beside the site's pages (the search page, the print
    /// edition): no number, no text of its own, the home page as its only breadcrumb.
    ///
    /// - Parameters:
    ///   - path: The page's path from the site root (`search.html`).
    ///   - title: Its title, also its `<h1>`.
    ///   - kind: `page.kind` (`search`, `print`).
    public func extraContext(path: String, title: String, kind: String, site: Site) -> PageContext {
        func item(_ target: Int) -> NavItem {
            let other = site.pages[target]
            return NavItem(title: other.title, number: other.number, numberedTitle: other.numberedTitle,
                           url: URLEscaping.path(RelativePath.from(path, to: other.path)), summary: other.summary.isEmpty ? nil : other.summary,
                           isCurrent: false, isOpen: false, children: [])
        }
        let info = PageInfo(title: title, number: nil, numberPath: nil, numberedTitle: title, kind: kind, isHome: false, url: path,
                            description: nil, summary: "", heading: HeadingMarkup.html(level: 1, id: "title", content: HTMLEscaping.escape(title)),
                            body: "", closing: "", children: [])
        return PageContext(site: siteContext(site, from: path), page: info, breadcrumbs: [item(0)], prev: nil, next: nil,
                           sidebar: site.pages[0].children.map(item), toc: nil, onThisPage: [])
    }

    /// `site` as seen from the page at `path`.
    private func siteContext(_ site: Site, from path: String) -> SiteContext {
        let root = RelativePath.root(from: path)
        return SiteContext(title: site.title, root: root, home: root + "index.html", generator: "Octavo",
                           search: templates.has(TemplateSet.searchName) ? root + SearchIndex.pagePath : nil,
                           print: templates.has(TemplateSet.printName) ? root + PrintEdition.path : nil)
    }

    private func ancestors(of index: Int, in site: Site) -> [Int] {
        var result: [Int] = []
        var current = site.pages[index].parent
        while let parent = current {
            result.append(parent)
            current = site.pages[parent].parent
        }
        return result
    }

    /// The page's `<h1>`: its opening heading, or one made from its title.
    private func heading(of page: Page) -> String {
        if let heading = page.heading, let id = heading.id {
            return HeadingMarkup.html(level: 1, id: id, content: heading.html)
        }
        return HeadingMarkup.html(level: 1, id: "title", content: HTMLEscaping.escape(page.title))
    }

    /// The HTML of the page's body (`closing: false`) or closing text, with headings given ids,
    /// paragraphs anchors, and link placeholders replaced by URLs.
    private func html(of page: Page, closing: Bool, site: Site, links: LinkResolver.Resolution) -> String {
        let paragraphIDs = page.paragraphIDs
        let blocks = closing ? page.closing : page.blocks
        let ids = closing ? paragraphIDs[page.blocks.count...] : paragraphIDs[..<page.blocks.count]
        var writer = BlockHTML()
        if let document = page.document {
            let targets = links.targets[document]
            let references = site.documents[document].links
            writer.link = { number in
                guard number < targets.count else { return nil }
                return HTMLEscaping.escape(targets[number].url(from: page.path, site: site, original: references[number].destination))
            }
        }
        return writer.html(of: blocks, paragraphIDs: ids)
    }

    /// Replaces every `octavo-link:N` in `html` with `replacement(N)`.
    static func replacePlaceholders(in html: String, _ replacement: (Int) -> String?) -> String {
        let prefix = LinkReference.placeholderPrefix
        guard html.contains(prefix) else { return html }
        var result = ""
        var rest = html[...]
        while let range = rest.range(of: prefix) {
            result += rest[..<range.lowerBound]
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits), let url = replacement(number) {
                result += url
            } else {
                result += rest[range.lowerBound..<digits.endIndex]
            }
            rest = rest[digits.endIndex...]
        }
        result += rest
        return result
    }
}

/// Escaping for text Octavo puts into HTML itself.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'` (safe in text and in quoted attributes).
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

