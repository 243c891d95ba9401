// The print edition: every page of the site on one page, print.html, in reading order. Every
// anchor of the site pages gets an id here, unique in the whole document, and links become fragments.

/// Builds `print.html`: the whole site on one page, for reading offline and printing.
///
/// Pages follow each other in reading order, each with its heading (numbered as on the site), its
/// text and, after the pages below it, its closing text. Headings move down to fit the nesting:
/// the home page's heading is `<h1>`, its children's `<h2>` … Every heading and paragraph anchor of
/// the site maps to an id here (``Anchors``); ids that two source files share get `-1`, `-2` …
/// Every internal link of the text becomes a `#fragment` of this page; links to other files
/// (images, PDFs) stay relative paths.
public struct PrintEdition: Sendable {
    /// The print edition's path from the site root.
    public static let path = GeneratedPaths.printEdition
    /// Ids the templates use on the print edition (`<main id="octavo.content">`, the contents' heading);
    /// headings with these ids are given others.
    public static let reservedIDs = ["octavo.content", "octavo.toc-title"]

    /// Where each anchor of the site is in `print.html`.
    public struct Anchors: Sendable {
        /// For each page (by index in ``Site/pages``), the id of its heading.
        public var pages: [String]
        /// For each page, its heading ids (the site's) → ids in `print.html`.
        public var headings: [[String: String]]
        /// For each page, its paragraph anchors in `print.html`, aligned with ``Page/paragraphIDs``.
        public var paragraphs: [[String?]]

        /// The fragment (without `#`) that stands in `print.html` for `fragment` on page `page`
        /// (a heading or paragraph anchor of the site, or `nil` for the page itself).
        public func id(page: Int, fragment: String?) -> String {
            guard let fragment, !fragment.isEmpty else { return pages[page] }
            if let id = headings[page][fragment] { return id }
            if let index = siteParagraphs[page].firstIndex(of: fragment), let id = paragraphs[page][index] { return id }
            return pages[page]
        }

        /// For each page, its paragraph anchors on the site (``Page/paragraphIDs``).
        var siteParagraphs: [[String?]]
    }

    /// The site.
    public var site: Site
    /// The link stage's resolution of the site's links.
    public var links: LinkResolver.Resolution
    /// The index of terms, listed last in the contents; `nil` without `terms.yml`.
    public var terms: TermIndex?
    /// The sections of earlier builds (`octavo serve`): a page whose section's inputs are
    /// unchanged is not written again (see ``PrintCache``). `nil`: every section is written.
    public var cache: PrintCache?
    /// Each page's number in a ``PageVersions`` kept with ``cache`` (aligned with the site's
    /// pages), which stands for its value in a section's key; `nil`: the value is written out.
    var versions: [Int]?
    /// The start of the markers that stand for the sections' text in a skeleton of the print
    /// edition (see ``skeleton(with:config:)``); `nil`: sections hold their text.
    var marker: String?

    /// Creates a print edition of a site.
    public init(site: Site, links: LinkResolver.Resolution) {
        self.site = site
        self.links = links
    }

    /// Gives every anchor of the site an id in `print.html`, in reading order: the first page to use
    /// an id keeps it, later ones get `-1`, `-2` … (as ``HeadingIDGenerator`` does in one file).
    /// Paragraph anchors are prefixed with the page's number (`iii-3-p2`) or path (`guide-intro-p2`).
    public func anchors() -> Anchors {
        var ids = HeadingIDGenerator()
        for id in Self.reservedIDs { _ = ids.reserve(id) }
        var result = Anchors(pages: [], headings: [], paragraphs: [], siteParagraphs: [])
        for page in site.pages {
            var headings: [String: String] = [:]
            let pageID: String
            if let id = page.heading?.id {
                pageID = ids.reserve(id)
                headings[id] = pageID
            } else {
                pageID = ids.id(for: page.numberedTitle)
            }
            for anchor in page.anchors where headings[anchor] == nil {
                headings[anchor] = ids.reserve(anchor)
            }
            let prefix = Self.paragraphPrefix(of: page)
            let siteParagraphs = page.paragraphIDs
            result.pages.append(pageID)
            result.headings.append(headings)
            result.siteParagraphs.append(siteParagraphs)
            result.paragraphs.append(siteParagraphs.map { $0.map { ids.reserve(prefix + $0) } })
        }
        return result
    }

    /// `iii-3-` for page III.3, `guide-intro-` for `guide/intro/index.html`, nothing for the home page.
    static func paragraphPrefix(of page: Page) -> String {
        if let number = page.numberPath {
            return HeadingIDGenerator.slug(number.replacingASCII(0x2E, with: 0x20)) + "-"
        }
        var path = page.path
        if path.hasSuffix("index.html") { path.removeLast("index.html".count) }
        if path.hasSuffix(".html") { path.removeLast(".html".count) }
        let slug = HeadingIDGenerator.slug(path.pathParts().joined(separator: " "))
        return slug.isEmpty ? "" : slug + "-"
    }

    /// The home page's section with every page nested below it, for `print` in the template.
    public func sections(anchors: Anchors) -> [PrintSection] {
        [section(0, depth: 0, anchors: anchors)]
    }

    /// The table of contents: the home page with its children nested, URLs being fragments of `print.html`.
    public func toc(anchors: Anchors) -> NavItem {
        func item(_ index: Int) -> NavItem {
            let page = site.pages[index]
            return NavItem(title: page.title, number: page.number, numberedTitle: page.numberedTitle,
                           url: "#" + URLEscaping.fragment(anchors.pages[index]), summary: page.summary.isEmpty ? nil : page.summary,
                           isCurrent: false, isOpen: false, children: page.children.map(item))
        }
        return item(0)
    }

    /// Renders `print.html` with the `print` template.
    /// - Parameters:
    ///   - templates: The templates.
    ///   - config: The site's settings (language, base URL).
    /// - Returns: The HTML, or `nil` when the templates have no `print.mustache`, and an error
    ///   when the rendering passed a limit of ``RenderGuard`` (partials without end).
    public func render(with templates: TemplateSet, config: SiteConfig = SiteConfig()) -> (html: String, problem: Diagnostic?)? {
        guard templates.has(TemplateSet.printName) else { return nil }
        let anchors = anchors()
        let context = context(anchors: anchors, templates: templates, config: config)
        let limits = PageRenderer.limits(for: site)
        // `octavo serve`: put together from the last render when only the sections' text changed.
        if let cache, let spliced = cache.splice(context, templates: templates, limits: limits, render: {
            templates.render($0, template: TemplateSet.printName, limits: limits, page: Self.path)
        }) {
            return spliced
        }
        return templates.render(context, template: TemplateSet.printName, limits: limits, page: Self.path)
    }

    /// The context of the `print` template.
    func context(anchors: Anchors, templates: TemplateSet, config: SiteConfig) -> PageContext {
        var context = PageRenderer(templates: templates, config: config).extraContext(path: Self.path, title: "Print edition", kind: "print", site: site)
        context.page.heading = ""
        context.toc = toc(anchors: anchors)
        cache?.begin()
        context.print = sections(anchors: anchors)
        cache?.end()
        if let terms { addIndex(terms, to: &context) }
        return context
    }

    private func section(_ index: Int, depth: Int, anchors: Anchors) -> PrintSection {
        let page = site.pages[index]
        let level = min(6, depth + 1)
        let paragraphs = anchors.paragraphs[index]
        if let marker {
            // Streamed (``PrintEdition/skeleton(with:config:)``): the text is written later, in place of its marker.
            let text = markedText(index, level: level, anchors: anchors, marker: marker)
            return PrintSection(
                id: anchors.pages[index], depth: depth, title: page.title, number: page.number, numberPath: page.numberPath,
                numberedTitle: page.numberedTitle, heading: sectionHeading(index, level: level, anchors: anchors),
                text: ({ text.body }, { text.closing }),
                children: page.children.map { section($0, depth: depth + 1, anchors: anchors) })
        }
        if cache != nil {
            // `octavo serve`: sections kept between builds (they are held anyway).
            let made = pieces(index, depth: depth, anchors: anchors)
            return PrintSection(
                id: anchors.pages[index], depth: depth, title: page.title, number: page.number, numberPath: page.numberPath,
                numberedTitle: page.numberedTitle, heading: made.heading, text: ({ made.body }, { made.closing }),
                children: page.children.map { section($0, depth: depth + 1, anchors: anchors) })
        }
        return PrintSection(
            id: anchors.pages[index], depth: depth, title: page.title, number: page.number, numberPath: page.numberPath,
            numberedTitle: page.numberedTitle, heading: sectionHeading(index, level: level, anchors: anchors),
            text: ({ [self] in self.writer(index, level: level, anchors: anchors).html(of: page.blocks, paragraphIDs: paragraphs[..<page.blocks.count]) },
                   { [self] in self.writer(index, level: level, anchors: anchors).html(of: page.closing, paragraphIDs: paragraphs[page.blocks.count...]) }),
            children: page.children.map { section($0, depth: depth + 1, anchors: anchors) })
    }

    /// The heading, text and closing text of page `index`'s section as HTML: from ``cache`` when
    /// what they are made of is unchanged.
    private func pieces(_ index: Int, depth: Int, anchors: Anchors) -> PrintCache.Pieces {
        guard let cache else { return makePieces(index, depth: depth, anchors: anchors) }
        let page = site.pages[index]
        var key = CacheKey()
        let version = versions.flatMap { index < $0.count ? $0[index] : nil }
        key.append(version)
        if version == nil { key.append(page) }
        key.append(depth)
        key.append(anchors.pages[index])
        let headings = anchors.headings[index].sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        key.append(headings.count)
        for (id, printed) in headings {
            key.append(id)
            key.append(printed)
        }
        key.append(anchors.paragraphs[index].count)
        for id in anchors.paragraphs[index] { key.append(id) }
        // What each link slot of the page's blocks is filled with: an href or a label.
        let writer = self.writer(index, level: 0, anchors: anchors)
        for block in (page.heading.map { [$0] } ?? []) + page.blocks + page.closing {
            for segment in block.content {
                switch segment {
                case .linkURL(let link): key.append(writer.link(link))
                case .linkLabel(let link): key.append(writer.label(link))
                default: break
                }
            }
        }
        return cache.pieces(path: page.path, key: key) { makePieces(index, depth: depth, anchors: anchors) }
    }

    /// The writer of page `index`'s blocks in the print edition, headings moved to `level`.
    func writer(_ index: Int, level: Int, anchors: Anchors) -> BlockHTML {
        let page = site.pages[index]
        var writer = BlockHTML()
        writer.headingShift = level - (page.heading?.headingLevel ?? 1)
        let headings = anchors.headings[index]
        writer.anchor = { headings[$0] ?? $0 }
        if let document = page.document {
            writer.label = { [links] in links.label(document: document, link: $0) }
            let targets = links.targets[document]
            let references = site.documents[document].links
            writer.link = { number in
                guard number < targets.count else { return nil }
                switch targets[number] {
                case .page(let target, let fragment):
                    return "#" + HTMLEscaping.escape(URLEscaping.fragment(anchors.id(page: target, fragment: fragment)))
                case .file, .unresolved:
                    return HTMLEscaping.escape(targets[number].url(from: Self.path, site: site, original: references[number].destination))
                }
            }
        }
        return writer
    }

    /// The heading of page `index`'s section, at `level`.
    private func sectionHeading(_ index: Int, level: Int, anchors: Anchors) -> String {
        let page = site.pages[index]
        return page.heading.map { writer(index, level: level, anchors: anchors).heading($0, level: level, id: anchors.pages[index]) }
            ?? HeadingMarkup.html(level: level, id: anchors.pages[index], content: HTMLEscaping.escape(page.title))
    }

    /// ``pieces(_:depth:anchors:)`` written out.
    private func makePieces(_ index: Int, depth: Int, anchors: Anchors) -> PrintCache.Pieces {
        let page = site.pages[index]
        let level = min(6, depth + 1)
        let writer = writer(index, level: level, anchors: anchors)
        let paragraphs = anchors.paragraphs[index]
        let heading = page.heading.map { writer.heading($0, level: level, id: anchors.pages[index]) }
            ?? HeadingMarkup.html(level: level, id: anchors.pages[index], content: HTMLEscaping.escape(page.title))
        return (heading, writer.html(of: page.blocks, paragraphIDs: paragraphs[..<page.blocks.count]),
                writer.html(of: page.closing, paragraphIDs: paragraphs[page.blocks.count...]))
    }
}
