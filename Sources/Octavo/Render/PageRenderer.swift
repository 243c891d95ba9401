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
        let body = html(of: page.blocks, page: page, site: site, links: links)
        let closing = html(of: page.closing, page: page, site: site, links: links)
        let info = PageInfo(title: page.title, number: page.number, numberPath: page.numberPath, numberedTitle: page.numberedTitle,
                            kind: page.kind.rawValue, isHome: page.kind == .home, url: path,
                            description: page.description, summary: page.summary, heading: heading(of: page),
                            body: body, closing: closing, children: page.children.map { item($0) })
        let onThisPage = (page.blocks + page.closing).compactMap { block -> HeadingItem? in
            guard let level = block.headingLevel, let id = block.id else { return nil }
            return HeadingItem(title: block.text, id: id, level: level)
        }
        let root = RelativePath.root(from: path)
        return PageContext(
            site: SiteContext(title: site.title, root: root, home: root + "index.html", generator: "Octavo"),
            page: info,
            breadcrumbs: lineage.reversed().map { item($0) },
            prev: index > 0 ? item(index - 1) : nil,
            next: index + 1 < site.pages.count ? item(index + 1) : nil,
            sidebar: sidebar,
            toc: page.kind == .home ? tree(0) : nil,
            onThisPage: onThisPage)
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

    /// The HTML of blocks, with headings given ids and link placeholders replaced by URLs.
    private func html(of blocks: [MarkdownBlock], page: Page, site: Site, links: LinkResolver.Resolution) -> String {
        var html = ""
        for block in blocks {
            switch block.kind {
            case .heading(let level):
                html += HeadingMarkup.html(level: level, id: block.id ?? "", content: block.html)
            case .closingMarker:
                continue
            case .other:
                html += block.html
            }
        }
        guard let document = page.document else { return html }
        let targets = links.targets[document]
        let references = site.documents[document].links
        return Self.replacePlaceholders(in: html) { number in
            guard number < targets.count else { return nil }
            let url = targets[number].url(from: page.path, site: site, original: references[number].destination)
            return HTMLEscaping.escape(url)
        }
    }

    /// Replaces every `octavo-link:N` that is a whole `href` or `src` value in `html` with
    /// `replacement(N)`. The same text elsewhere, in the page's prose or a link title, is the
    /// author's and stays as written (cmark escapes `"` in text, so it cannot fake an attribute).
    static func replacePlaceholders(in html: String, _ replacement: (Int) -> String?) -> String {
        let prefix = LinkReference.placeholderPrefix
        guard html.contains(prefix) else { return html }
        var result = ""
        var rest = html[...]
        while let range = rest.range(of: prefix, options: .literal) {
            let before = rest[..<range.lowerBound]
            result += before
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let isURL = before.hasSuffix(" href=\"") || before.hasSuffix(" src=\"")
            if isURL, rest[digits.endIndex...].first == "\"", let number = Int(digits), let url = replacement(number) {
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

