import Foundation

/// The render stage: builds each page's ``PageContext`` and renders it with the `layout` template.
public struct PageRenderer: Sendable {
    /// The templates.
    public var templates: TemplateSet
    /// The site's settings (language, base URL …), with `--base-url` applied.
    public var config: SiteConfig
    /// The index of terms, for each page's topics and related pages; `nil` without `terms.yml`.
    public var terms: TermIndex?
    /// The HTML of earlier builds, reused for pages whose context and templates are unchanged
    /// (`octavo serve`); `nil`: every page is rendered.
    public var cache: RenderCache?
    /// Each page's number in a ``PageVersions`` kept with ``cache``, aligned with the site's pages;
    /// `nil`: the page's value is written out whole in its cache key.
    var versions: [Int]?

    /// Creates a renderer.
    public init(templates: TemplateSet, config: SiteConfig = SiteConfig()) {
        self.templates = templates
        self.config = config
    }

    /// The rendered pages and what rendering found.
    public struct Rendered: Sendable {
        /// `(path, html)` for each page, in reading order; paths relative to the site root.
        public var pages: [(path: String, html: String)]
        /// Template variables that no page context has (see ``TemplateLint``), and the first page
        /// whose rendering passed a limit of ``RenderGuard`` (partials without end).
        public var diagnostics: [Diagnostic]
    }

    /// Renders every page of the site, on all cores.
    ///
    /// - Parameters:
    ///   - site: The outlined site.
    ///   - links: The link stage's resolution of the site's links.
    /// - Returns: Each page's HTML, and an error for each unknown template variable.
    public func render(_ site: Site, links: LinkResolver.Resolution) -> Rendered {
        let limits = Self.limits(for: site)
        let generation = cache?.generation(of: templates)
        // What every page's context reads of the whole site: when it and a page's own part are as
        // in the last build, the page's HTML is reused without building its context.
        let siteInputs = siteInputs(site)
        var results = [(path: String, html: String)](repeating: ("", ""), count: site.pages.count)
        var problems = [Diagnostic?](repeating: nil, count: site.pages.count)
        results.withUnsafeMutableBufferPointer { buffer in
            problems.withUnsafeMutableBufferPointer { problemBuffer in
                let output = Unchecked.Buffer(buffer)
                let problemOutput = Unchecked.Buffer(problemBuffer)
                RenderThreads.concurrentPerform(iterations: site.pages.count) { index in
                    let rendered = page(index, site: site, links: links, limits: limits, generation: generation, siteInputs: siteInputs)
                    output.buffer[index] = (site.pages[index].path, rendered.html)
                    problemOutput.buffer[index] = rendered.problem
                }
            }
        }
        // Every page usually meets the same loop of partials: one error says it.
        let first = problems.lazy.compactMap { $0 }.first
        return Rendered(pages: results, diagnostics: (first.map { [$0] } ?? []) + TemplateLint.diagnostics(for: templates))
    }

    /// What every page's context reads of the whole site, as ``RenderCache/site(of:)`` numbers it;
    /// `nil` without a cache (or with an index of terms). See ``page(_:site:links:limits:generation:siteInputs:)``.
    func siteInputs(_ site: Site) -> Int? {
        cache.flatMap { cache in
            ContextInputs.site(site, config: config, templates: templates, terms: terms).map { cache.site(of: $0) }
        }
    }

    /// The HTML of page `index` (from ``cache`` when it has it), and the problem of a render
    /// stopped by ``RenderGuard``; `limits` are ``limits(for:)`` of the site, `generation` the
    /// cache's ``RenderCache/generation(of:)`` of the templates, `siteInputs` ``siteInputs(_:)``:
    /// when it and the page's own part are as in the last build, the page's HTML is reused without
    /// building its context. Safe on any render thread.
    func page(_ index: Int, site: Site, links: LinkResolver.Resolution, limits: RenderGuard.Limits, generation: Int?,
              siteInputs: Int?) -> (html: String, problem: Diagnostic?) {
        let path = site.pages[index].path
        var inputs: (site: Int, key: CacheKey)?
        if let siteInputs {
            var key = CacheKey()
            key.append(TemplateSet.layoutName)
            ContextInputs.page(index, site: site, links: links, version: versions?[index], into: &key)
            if let generation, let reused = cache?.reuse(page: path, generation: generation, site: siteInputs, inputs: key, limits: limits) {
                return reused
            }
            inputs = (siteInputs, key)
        }
        let context = context(for: index, site: site, links: links)
        if let cache, let generation {
            return cache.render(context, template: TemplateSet.layoutName, templates: templates, generation: generation, limits: limits, page: path,
                                inputs: inputs)
        }
        return templates.render(context, template: TemplateSet.layoutName, limits: limits, page: path)
    }

    /// The limits of ``RenderGuard`` for the pages of a site: partial nesting grows with the depth
    /// of its outline (a contents list includes a partial per level), lookups with its pages.
    static func limits(for site: Site) -> RenderGuard.Limits {
        var deepest = 0
        for page in site.pages {
            var depth = 0
            var current = page.parent
            while let parent = current, depth <= site.pages.count {
                depth += 1
                current = site.pages[parent].parent
            }
            deepest = max(deepest, depth)
        }
        return .forSite(depth: deepest, pages: site.pages.count)
    }

    /// The context of page `index`.
    public func context(for index: Int, site: Site, links: LinkResolver.Resolution) -> PageContext {
        let page = site.pages[index]
        let path = page.path
        let lineage = ancestors(of: index, in: site)
        // A set, so that marking open items costs O(1) each, not O(depth), on deep outlines.
        let open = Set(lineage + [index])
        func item(_ target: Int, children: [NavItem] = []) -> NavItem {
            // Fields read one by one: binding `site.pages[target]` copied the whole page (its
            // blocks too) for every entry of every page's navigation.
            let summary = site.pages[target].summary
            return NavItem(title: site.pages[target].title, number: site.pages[target].number, numberedTitle: site.pages[target].numberedTitle,
                           url: URLEscaping.path(RelativePath.from(path, to: site.pages[target].path)), summary: summary.isEmpty ? nil : summary,
                           isCurrent: target == index, isOpen: open.contains(target),
                           children: children)
        }
        func tree(_ target: Int) -> NavItem {
            item(target, children: site.pages[target].children.map(tree))
        }
        // Long lists show a bounded window around the open entry (NavWindow), so a page's size
        // does not grow with the site. The entries left out are one link away: a part's items on
        // the part's page, the parts in the contents on the home page.
        let contents = URLEscaping.path(RelativePath.from(path, to: site.pages[0].path)) + (templates.reservedIDs.contains("octavo.toc-title") ? "#octavo.toc-title" : "")
        func windowed(_ parent: Int, _ make: (Int) -> NavItem) -> [NavItem] {
            let list = site.pages[parent].children
            // Children are in reading order, so their page indices ascend: the open one (the page
            // or its ancestor in this list) is found by binary search, not a scan of a long list.
            let openPosition = ([index] + lineage).lazy.compactMap { Self.position(of: $0, in: list) }.first
            return NavWindow(count: list.count, open: openPosition).items({ make(list[$0]) }) { count in
                let title = parent == 0 ? "… \(count) more in the contents" : "… \(count) more in \(site.pages[parent].numberedTitle)"
                let url = parent == 0 ? contents : URLEscaping.path(RelativePath.from(path, to: site.pages[parent].path))
                return NavItem(title: title, number: nil, numberedTitle: title, url: url, summary: nil,
                               isCurrent: false, isOpen: false, children: [], more: count)
            }
        }
        // Open down to the current page, as mdBook's and MkDocs' sidebars are: the current page and
        // every ancestor show their (windowed) children, so a page's sidebar holds at most its
        // depth times a window.
        func branch(_ target: Int) -> NavItem {
            open.contains(target) ? item(target, children: windowed(target, branch)) : item(target)
        }
        let sidebar = windowed(0, branch)
        let paragraphIDs = page.paragraphIDs  // once for the body and the closing text
        let body = html(of: page, closing: false, paragraphIDs: paragraphIDs, site: site, links: links)
        let closing = html(of: page, closing: true, paragraphIDs: paragraphIDs, site: site, links: links)
        let info = PageInfo(title: page.title, number: page.number, numberPath: page.numberPath, numberedTitle: page.numberedTitle,
                            kind: page.kind.rawValue, isHome: page.kind == .home, url: URLEscaping.path(path),
                            description: page.description, summary: page.summary,
                            heading: heading(of: page, site: site, links: links),
                            body: body, closing: closing, children: page.children.map { item($0) },
                            canonical: config.baseURL.map { $0 + Self.canonicalPath(path) },
                            editURL: config.editURL.flatMap { prefix in page.document.map { prefix + URLEscaping.path(site.documents[$0].path) } },
                            date: page.document.flatMap { site.documents[$0].rootPage == index ? site.documents[$0].frontMatter.date : nil })
        let onThisPage = HeadingItem.nested((page.blocks + page.closing).compactMap { block -> HeadingItem? in
            guard let level = block.headingLevel, let id = block.id else { return nil }
            return HeadingItem(title: block.text, id: id, level: Self.displayLevel(level, on: page))
        })
        var context = PageContext(
            site: siteContext(site, from: path),
            page: info,
            breadcrumbs: lineage.reversed().map { item($0) },
            prev: index > 0 ? item(index - 1) : nil,
            next: index + 1 < site.pages.count ? item(index + 1) : nil,
            sidebar: sidebar,
            toc: page.kind == .home ? tree(0) : nil,
            onThisPage: onThisPage)
        context.citation = Citation(page: index, site: site, config: config).map { CitationContext($0, withLine: page.numberPath != nil) }
        if let terms {
            context.topics = topics(of: index, in: terms, site: site)
            context.related = terms.related(to: index).map { item($0) }
        }
        return context
    }

    /// The position of page `target` in `list`, a list of page indices in ascending order.
    /// - Complexity: O(log n).
    static func position(of target: Int, in list: [Int]) -> Int? {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] == target ? low : nil
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
        let info = PageInfo(title: title, number: nil, numberPath: nil, numberedTitle: title, kind: kind, isHome: false, url: URLEscaping.path(path),
                            description: nil, summary: "", heading: HeadingMarkup.html(level: 1, id: HeadingIDGenerator.titleID, content: HTMLEscaping.escape(title)),
                            body: "", closing: "", children: [])
        return PageContext(site: siteContext(site, from: path), page: info, breadcrumbs: [item(0)], prev: nil, next: nil,
                           sidebar: site.pages[0].children.map(item), toc: nil, onThisPage: [])
    }

    /// `site` as seen from the page at `path`; `root` replaces the relative way up when given
    /// (the 404 page, served at any depth, uses the base URL).
    func siteContext(_ site: Site, from path: String, root: String? = nil) -> SiteContext {
        let root = root ?? RelativePath.root(from: path)
        return SiteContext(title: site.title, root: root, home: root + "index.html", generator: "Octavo",
                           search: templates.has(TemplateSet.searchName) ? root + GeneratedPaths.search : nil,
                           print: templates.has(TemplateSet.printName) ? root + GeneratedPaths.printEdition : nil,
                           language: config.language, dir: SiteConfig.isRightToLeft(config.language) ? "rtl" : nil,
                           baseURL: config.baseURL, description: config.description, author: config.author,
                           favicon: config.favicon.map { root + URLEscaping.path($0) })
    }

    /// The path of a page under the base URL: `iii/3/index.html` → `iii/3/`, as servers show a
    /// folder's index page; percent-encoded.
    public static func canonicalPath(_ path: String) -> String {
        let folder = path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
        return URLEscaping.path(folder)
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
    private func heading(of page: Page, site: Site, links: LinkResolver.Resolution) -> String {
        if let heading = page.heading, let id = heading.id {
            return writer(for: page, site: site, links: links).heading(heading, level: 1, id: id)
        }
        return HeadingMarkup.html(level: 1, id: HeadingIDGenerator.titleID, content: HTMLEscaping.escape(page.title))
    }

    /// The HTML-escaped URL, as written on `page`, of each internal link of the page's document.
    func linkURL(for page: Page, site: Site, links: LinkResolver.Resolution) -> (Int) -> String? {
        guard let document = page.document else { return { _ in nil } }
        let targets = links.targets[document]
        let references = site.documents[document].links
        return { number in
            guard number < targets.count else { return nil }
            return HTMLEscaping.escape(targets[number].url(from: page.path, site: site, original: references[number].destination))
        }
    }

    /// The level a heading of the page's text is shown at. A page cut out of a longer document
    /// shows its own heading as `<h1>`, so its sub-headings move up by as many levels
    /// (`### Item` → h1, `#### Detail` → h2), and no page skips a level the source did not skip.
    static func displayLevel(_ level: Int, on page: Page) -> Int {
        guard let own = page.heading?.headingLevel, own > 1 else { return level }
        return max(2, level - (own - 1))
    }

    /// The HTML of the page's body (`closing: false`) or closing text, with headings given ids,
    /// paragraphs anchors, and link slots filled with URLs and labels.
    private func html(of page: Page, closing: Bool, paragraphIDs: [String?], site: Site, links: LinkResolver.Resolution) -> String {
        let blocks = closing ? page.closing : page.blocks
        let ids = closing ? paragraphIDs[page.blocks.count...] : paragraphIDs[..<page.blocks.count]
        var writer = writer(for: page, site: site, links: links)
        if let own = page.heading?.headingLevel, own > 1 { writer.headingShift = 1 - own }
        return writer.html(of: blocks, paragraphIDs: ids)
    }

    /// The writer of the page's blocks: links as URLs relative to the page, labels of the link stage.
    private func writer(for page: Page, site: Site, links: LinkResolver.Resolution) -> BlockHTML {
        var writer = BlockHTML()
        writer.link = linkURL(for: page, site: site, links: links)
        if let document = page.document { writer.label = { links.label(document: document, link: $0) } }
        return writer
    }
}
