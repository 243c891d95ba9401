import Foundation

// The steps of ``Pipeline/render()``, in the order data flows. Each takes the values of the steps
// before it and hands a plain value to the next; the work is done by the stage's own type.
extension Pipeline {
    /// What the load step read: the content, the templates and the 404 page's source.
    struct Loaded: Sendable {
        /// The content folder's Markdown files (but `404.md`), assets, `site.yml` and `terms.yml`.
        var content: LoadedContent
        /// The templates.
        var templates: TemplateSet
        /// `Content/404.md`, the 404 page, which is no page of the reading order.
        var notFound: SourceFile?
        /// mdBook's `SUMMARY.md`, which gives the reading order and the tree; it is no page itself.
        var summary: SourceFile?
        /// The errors found while loading, reported with any that stop the build later.
        var errors: [Diagnostic]
        /// The source paths of the pages marked `draft: true` that are left out (empty when drafts are published).
        var drafts: Set<String>
        /// The load stage's notes and warnings, then the templates'.
        var diagnostics: [Diagnostic]
    }

    /// What the outline step made: the site in reading order and the index of terms.
    struct Outlined: Sendable {
        /// The pages in reading order.
        var site: Site
        /// The index of terms of `terms.yml`, if there is one.
        var terms: TermIndex?
        /// The diagnostics of the steps so far, in order: load, parse and outline.
        var diagnostics: [Diagnostic]
        /// Each page's number in ``BuildCache/pages`` (`octavo serve`), aligned with `site.pages`; `nil` without a cache.
        var versions: [Int]? = nil
    }

    /// Files a step made, and the problems it met.
    struct Made: Sendable {
        /// The files.
        var files: [OutputFile] = []
        /// The problems, for example a render stopped by ``RenderGuard``.
        var problems: [Diagnostic] = []
    }

    /// What the render step made: the pages, the files beside them, and the problems met.
    struct Rendered: Sendable {
        /// What the audit read of each page's HTML (see ``PageScanner``), in reading order.
        var scans: [PageScan]
        /// The pages' files, the index of terms, `404.html`, the sitemap and the citation files.
        var files: [OutputFile]
        /// Problems of rendering the pages (templates).
        var pageProblems: [Diagnostic]
        /// Problems of rendering the index of terms.
        var termsProblems: [Diagnostic]
        /// Problems of rendering `404.html`.
        var notFoundProblems: [Diagnostic]
        /// Broken links of `404.md`.
        var linkProblems: [Diagnostic]
    }

    /// What the load step read of the content, while the templates are still being read and
    /// parsed on another thread (they are not needed before the outline); ``loaded()`` joins them.
    struct Loading {
        /// As ``Loaded/content``.
        var content: LoadedContent
        /// As ``Loaded/notFound``.
        var notFound: SourceFile?
        /// As ``Loaded/summary``.
        var summary: SourceFile?
        /// As ``Loaded/errors``.
        var errors: [Diagnostic]
        /// As ``Loaded/drafts``.
        var drafts: Set<String>
        /// The load stage's notes and warnings, to which the templates' are added.
        var diagnostics: [Diagnostic]
        /// The templates, or the error that stopped reading them.
        let templates: BackgroundStep<Swift.Result<TemplateSet, Error>>
        /// The templates' ``TemplateSet/reservedIDs`` once they are read, before they are parsed;
        /// an empty set when reading them failed (``loaded()`` then throws).
        let reservedIDs: Unchecked.Locked<Set<String>?>

        /// The templates' ``TemplateSet/reservedIDs``, or `nil` when the templates could not be read.
        func readReservedIDs() -> Set<String>? {
            let ids = reservedIDs.wait { $0 }
            return ids.isEmpty ? nil : ids
        }

        /// The load step's result, once the templates are read.
        /// - Throws: ``BuildError`` for templates that cannot be read or parsed, after ``errors``.
        func loaded() throws -> Loaded {
            let templates: TemplateSet
            do {
                templates = try self.templates.value.get()
            } catch var error as BuildError {
                error.diagnostics = errors + error.diagnostics
                throw error
            }
            return Loaded(content: content, templates: templates, notFound: notFound, summary: summary, errors: errors, drafts: drafts,
                          diagnostics: (diagnostics + templates.diagnostics).map { $0.from(.load) })
        }
    }

    /// Load: the content folder, `site.yml` and `--base-url`; the templates are read and parsed on
    /// another thread meanwhile (they need only `site.yml`, for the boundary of symbolic links), and
    /// joined by ``Loading/loaded()`` once the Markdown is parsed, which needs none of them.
    /// With `sharingHeaps` (the heaps limited by ``HeapTrim/limitHeaps()``), a content folder of
    /// less than ``Pipeline/sharedHeapsBytes`` lifts the limit before its files are read.
    /// - Throws: ``BuildError`` when input cannot be read.
    func load(sharingHeaps: Bool = false) throws -> Loading {
        var loader = ContentLoader(root: input.content, displayRoot: input.displayContent.text)
        loader.cache = cache?.sources
        if sharingHeaps { loader.onListed = { if $0 < Self.sharedHeapsBytes { HeapTrim.unlimitHeaps() } } }
        let config = try loader.config()
        let boundary = LinkBoundary(content: input.content, allowsOutside: config.allowOutsideLinks)
        // The reserved ids are known once the templates are read: the outline needs no more.
        let reservedIDs = Unchecked.Locked<Set<String>?>(nil)
        let templates = BackgroundStep { [input] in
            let set = Swift.Result {
                try TemplateSet(root: input.templates, displayRoot: input.displayTemplates.text, boundary: boundary, builtIn: input.builtInTheme,
                                read: { ids in reservedIDs.withLock { $0 = ids } })
            }
            reservedIDs.withLock { $0 = $0 ?? [] }
            return set
        }
        var content: LoadedContent
        do {
            content = try loader.load(config: config)
        } catch {
            _ = templates.value
            throw error
        }
        let drafts = input.drafts == .published ? [] : Set(content.sources.filter(\.frontMatter.draft).map(\.path))
        if input.drafts == .leftOut { content.sources.removeAll { drafts.contains($0.path) } }
        let errors = content.diagnostics.filter { $0.severity == .error }.map { $0.from(.load) }
        if content.config.title == nil, let title = input.bookTitle { content.config.title = title }
        if let given = input.baseURL {
            guard let url = SiteConfig.baseURL(given) else {
                // The templates' errors come first, as they would were the templates read first.
                if case .failure(var error as BuildError) = templates.value {
                    error.diagnostics = errors + error.diagnostics
                    throw error
                }
                throw BuildError(file: "--base-url", SiteConfig.baseURLProblem(for: given))
            }
            content.config.baseURL = url
        } else if content.config.baseURL == nil, let url = input.generator?.baseURL.flatMap(SiteConfig.baseURL) {
            content.config.baseURL = url
        }
        let notFound = content.sources.firstIndex { $0.path == NotFoundPage.sourcePath }.map { content.sources.remove(at: $0) }
        let summary = content.sources.firstIndex { $0.path == SummaryEntry.fileName }.map { content.sources.remove(at: $0) }
        var diagnostics = content.diagnostics
        if content.config.allowOutsideLinks {
            diagnostics.insert(Diagnostic(file: input.displayContent.appending(SiteConfig.fileName).text, severity: .note,
                                          message: "symbolic links may lead outside the site ('allow_outside_links: true'): build only branches you trust"), at: 0)
        }
        if content.config.unsafe {
            diagnostics.insert(Diagnostic(file: input.displayContent.appending(SiteConfig.fileName).text, severity: .note,
                                          message: "raw HTML and unsafe links are kept ('unsafe: true'): publish only Markdown you trust"), at: 0)
        }
        return Loading(content: content, notFound: notFound, summary: summary, errors: errors, drafts: drafts, diagnostics: diagnostics,
                       templates: templates, reservedIDs: reservedIDs)
    }

    /// Parse: every Markdown file, on all cores. It needs no template: the theme's ids hold a `.`,
    /// which no heading id can, and an id of a user's template that a heading also gets is the
    /// audit's "id more than once" warning, so a page's parse depends on its own bytes only.
    /// `octavo build` parses a batch at a time and lets go of each batch's bodies once they are
    /// parsed and in the parse cache (they are not read again), so that the bodies and the
    /// documents of a large site are not held together; `content`'s bodies are emptied.
    func parse(_ content: inout LoadedContent) -> [Outliner.Input] {
        var sources = content.sources
        var settings = MarkdownParser(unsafe: content.config.unsafe, gfm: content.config.gfm)
        // Only the index of terms reads the prose (and `octavo serve`, whose next build may have one).
        settings.makesProse = content.terms != nil || cache != nil
        let parser = settings
        // Files whose bytes an earlier build parsed (`octavo serve`) are not parsed again.
        let known = cache?.parse.documents(of: sources, parser: parser) ?? []
        let releases = cache == nil
        if releases { for index in content.sources.indices { content.sources[index].body = "" } }
        parseCacheFile?.begin(count: sources.count, parser: parser)
        var inputs = [Outliner.Input?](repeating: nil, count: sources.count)
        // A batch goes into the parse cache file on this queue while the next batch is parsed;
        // only one waits there at a time, so that the bodies of only one more batch are held.
        let caching = DispatchQueue(label: "octavo.parse-cache")
        for start in stride(from: 0, to: sources.count, by: Self.parseBatch) {
            let range = start..<min(start + Self.parseBatch, sources.count)
            inputs.withUnsafeMutableBufferPointer { buffer in
                let output = Unchecked.Buffer(buffer)
                DispatchQueue.concurrentPerform(iterations: range.count) { [sources] offset in
                    let index = range.lowerBound + offset
                    if index < known.count, let document = known[index] {
                        output.buffer[index] = Outliner.Input(source: sources[index], markdown: document)
                        return
                    }
                    // Files whose bytes the last `octavo build` into the output folder parsed are read back.
                    if let document = parseCacheFile?.document(for: sources[index], parser: parser) {
                        output.buffer[index] = Outliner.Input(source: sources[index], markdown: document)
                        return
                    }
                    var ids = HeadingIDGenerator()
                    output.buffer[index] = Outliner.Input(source: sources[index], markdown: parser.parse(sources[index].body, ids: &ids))
                }
            }
            if let parseCacheFile {
                let batch = Array(sources[range]), documents = range.compactMap { inputs[$0]?.markdown }
                caching.sync {}
                caching.async { parseCacheFile.add(batch, documents: documents) }
            }
            if releases {
                for index in range {
                    sources[index].body = ""
                    inputs[index]?.source.body = ""
                }
            }
        }
        caching.sync {}
        parseCacheFile?.finish()
        var parsed = inputs.compactMap { $0 }
        cache?.parse.keep(sources, documents: parsed.map(\.markdown), parser: parser)
        // What later stages do not read is let go: a site of 10,000 pages would hold tens of
        // megabytes of bodies until its pages are written (the caches keep their own).
        for index in parsed.indices { parsed[index].source.body = "" }
        return parsed
    }

    /// How many Markdown files are parsed together (on all cores) before their bodies are let go.
    static let parseBatch = 256

    /// What the outline step makes before the templates are parsed.
    struct EarlyOutline {
        /// The site, or the error that stopped its outline.
        var site: Swift.Result<Site, Error>
        /// The index of terms, when there is one and the templates could be read (its entries
        /// avoid their ids, ``Loading/readReservedIDs()``); else made by ``Pipeline/outline(_:_:)-(EarlyOutline,_)``.
        var terms: TermIndex?
    }

    /// Outline, the part that needs no parsed template: pages in reading order, the site's title,
    /// and the index of terms found in them. Made while the templates are parsed on another thread.
    func outline(_ parsed: [Outliner.Input], _ loading: Loading) -> EarlyOutline {
        let content = loading.content
        let site = Swift.Result { () throws -> Site in
            let summary = loading.summary.map { source in
                var ids = HeadingIDGenerator()
                return SummaryEntry.entries(of: MarkdownParser(unsafe: false).parse(source.body, ids: &ids), bodyFirstLine: source.bodyFirstLine)
            }
            var site = try withErrors(loading.errors) {
                var outliner = Outliner()
                outliner.summaries = cache?.summaries
                outliner.ignoredKeys = Set(content.config.ignoredFrontMatter).union(input.generator == nil ? [] : GeneratorConfig.frontMatterKeys)
                return try outliner.outline(parsed, assets: content.assets, contentRoot: input.displayContent.text, summary: summary, sections: content.sections)
            }
            if let summarySource = loading.summary, let summary {
                // A draft the list names is left out of it, as out of the site.
                let known = Set(content.sources.map(\.path)).union(loading.notFound.map { [$0.path] } ?? []).union(loading.drafts)
                for entry in summary where entry.part == nil && !known.contains(entry.path) {
                    site.diagnostics.append(Diagnostic(file: summarySource.displayPath, line: entry.line, column: entry.column, severity: content.config.brokenLinkSeverity,
                                                       message: "link target '\(entry.path)' does not exist: fix the path in \(SummaryEntry.fileName) (it is relative to the content folder)"))
                }
            }
            if let title = content.config.title, !title.trimmingSpaces().isEmpty { site.title = title }
            return site
        }
        guard case .success(let outlined) = site, let terms = content.terms, let reserved = loading.readReservedIDs() else {
            return EarlyOutline(site: site, terms: nil)
        }
        return EarlyOutline(site: site, terms: TermIndex(list: terms, site: outlined, reserved: reserved))
    }

    /// Outline, finished once the templates are parsed.
    /// - Throws: ``BuildError`` for pages whose paths clash.
    func outline(_ early: EarlyOutline, _ loaded: Loaded) throws -> Outlined {
        let site = try early.site.get()
        let terms = early.terms ?? loaded.content.terms.map { TermIndex(list: $0, site: site, reserved: loaded.templates.reservedIDs) }
        var found = site.diagnostics
        if loaded.content.sources.isEmpty {
            found.append(Diagnostic(file: input.displayContent.text, severity: .warning,
                                    message: "holds no Markdown file (.md): the site is only a generated home page"))
        }
        let outlined = (found + (terms?.diagnostics ?? [])).map { $0.from(.outline) }
        return Outlined(site: site, terms: terms, diagnostics: loaded.diagnostics + outlined, versions: cache?.pages.versions(of: site.pages))
    }

    /// Link: every internal link resolved to a page, anchor or file, or reported.
    func link(_ outlined: Outlined, _ loaded: Loaded) -> LinkResolver.Resolution {
        let templates = loaded.templates
        var built = Set(templates.assets.map(\.path) + templates.builtInAssets.map(\.path)).union([GeneratedPaths.notFound])
        if outlined.terms != nil { built.insert(GeneratedPaths.terms) }
        if templates.has(TemplateSet.searchName) { built.formUnion([GeneratedPaths.search, GeneratedPaths.searchIndex]) }
        if templates.has(TemplateSet.printName) { built.insert(GeneratedPaths.printEdition) }
        if loaded.content.config.baseURL != nil { built.formUnion([GeneratedPaths.sitemap, GeneratedPaths.robots]) }
        var resolver = LinkResolver(builtFiles: built, pageIDs: templates.reservedIDs.subtracting([HeadingIDGenerator.titleID]))
        resolver.drafts = loaded.drafts
        resolver.htmlNamesMarkdown = loaded.summary != nil
        // Hugo and Zola copy `static/` (beside `content/`) to the site's root; Octavo reads only the content folder.
        let unread = input.content.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("static")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: unread.path, isDirectory: &isFolder), isFolder.boolValue {
            let shownUnread = input.displayContent.parent.appending("static"), shownContent = input.displayContent
            resolver.unreadFolderHint = { path in
                guard !path.isEmpty, FileManager.default.fileExists(atPath: unread.appendingPathComponent(path).path) else { return nil }
                return ": \(shownUnread.appending(path)) is there, but Octavo reads only the content folder (not Hugo's or Zola's static/): move it to \(shownContent.appending(path))"
            }
        }
        var links = resolver.resolve(outlined.site)
        // `broken_links: warn` publishes a site with known broken links; `--strict` still fails.
        for index in links.diagnostics.indices where links.diagnostics[index].severity == .error {
            links.diagnostics[index].severity = loaded.content.config.brokenLinkSeverity
        }
        return links
    }

    /// Render: every page, the index of terms, `404.html`, the sitemap and the citation files.
    /// With `beside`, the files but the pages are made on another thread while the pages render
    /// (a small site, whose build is over in milliseconds: see ``Pipeline/overlappedPages``).
    /// - Throws: ``BuildError`` when `favicon` of `site.yml` names no file.
    func renderPages(_ outlined: Outlined, _ links: LinkResolver.Resolution, _ loaded: Loaded, stage: FileStage, beside: Bool = false) throws -> Rendered {
        let site = outlined.site
        let others = beside ? BackgroundStep { [self] in Swift.Result { try otherFiles(outlined, loaded, stage: stage) } } : nil
        let pages = renderPageFiles(outlined, links, loaded, stage: stage)
        cache?.render.keep(only: Set(site.pages.map(\.path)))
        let made = try others?.value.get() ?? otherFiles(outlined, loaded, stage: stage)
        return Rendered(scans: pages.scans, files: pages.files + made.files, pageProblems: pages.diagnostics.map { $0.from(.render) },
                        termsProblems: made.termsProblems.map { $0.from(.render) }, notFoundProblems: (made.renderProblem.map { [$0] } ?? []).map { $0.from(.render) },
                        linkProblems: made.linkProblems.map { $0.from(.link) })
    }

    /// The files of the render step but the pages: the index of terms, `404.html`, the sitemap and
    /// the citation files, with the problems of rendering the first two and the broken links of `404.md`.
    /// - Throws: ``BuildError`` when `favicon` of `site.yml` names no file.
    private func otherFiles(_ outlined: Outlined, _ loaded: Loaded, stage: FileStage)
        throws -> (files: [OutputFile], termsProblems: [Diagnostic], renderProblem: Diagnostic?, linkProblems: [Diagnostic]) {
        let site = outlined.site
        var files: [OutputFile] = []
        var termsProblems: [Diagnostic] = []
        if let terms = outlined.terms {
            let page = renderer(outlined, loaded).termsPage(terms, site: site)
            files.append(OutputFile(path: GeneratedPaths.terms, contents: .bytes(Array(page.html.utf8))))
            termsProblems += page.problem.map { [$0] } ?? []
        }
        let extra = try extraFiles(site: site, renderer: renderer(outlined, loaded), config: loaded.content.config, notFound: loaded.notFound)
        files += extra.files
        files += Self.staged(Citation.files(site: site, config: loaded.content.config), stage: stage)
        return (files, termsProblems, extra.renderProblem, extra.diagnostics)
    }

    /// `files` staged on all cores (see ``FileStage/stage(_:)``): creating a file is most of what
    /// writing a small one costs (two citation files a page), and the write stage then only renames
    /// them, where it would create each in turn.
    static func staged(_ files: [OutputFile], stage: FileStage) -> [OutputFile] {
        guard stage.folder != nil, files.count > 1 else { return files }
        var staged = files
        staged.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            RenderThreads.concurrentPerform(iterations: files.count) { index in
                output.buffer[index] = stage.stage(files[index])
            }
        }
        return staged
    }

    /// How many pages are rendered together before their scans are read; only their HTML is
    /// held at once (each page's bytes go to the stage as soon as it is rendered). Two batches
    /// are held at a time: the one being rendered and the one being scanned (three for a small
    /// site, whose next batch is queued too).
    static let renderBatch = 128

    /// The pages of a batch for a site of `pages` pages: ``renderBatch``, or fewer for a small
    /// site, so that even a site of a few dozen pages has several batches to overlap.
    static func renderBatch(pages: Int) -> Int {
        min(renderBatch, max(4, pages / 8))
    }

    /// Every page of the reading order rendered on all cores, a batch at a time: each page's HTML
    /// is tokenized for the audit and handed to `stage` on the thread that rendered it, then let go.
    /// The scans, which must be made in page order on one thread, are made on this one while the
    /// render threads go on with the next batches.
    /// Returns the pages' files and scans, and the first problem of a render stopped by
    /// ``RenderGuard`` (every page usually meets the same loop of partials) with ``TemplateLint``'s.
    func renderPageFiles(_ outlined: Outlined, _ links: LinkResolver.Resolution, _ loaded: Loaded,
                         stage: FileStage) -> (files: [OutputFile], scans: [PageScan], diagnostics: [Diagnostic]) {
        let site = outlined.site
        let renderer = renderer(outlined, loaded)
        let limits = PageRenderer.limits(for: site)
        let generation = cache?.render.generation(of: loaded.templates)
        let siteInputs = renderer.siteInputs(site)
        var scanner = PageScanner(site: site, links: links, cache: cache?.audit)
        var files: [OutputFile] = []
        var scans: [PageScan] = []
        var problem: Diagnostic?
        files.reserveCapacity(site.pages.count)
        scans.reserveCapacity(site.pages.count)
        typealias Made = (file: OutputFile, tokens: HTMLTokenizer?, known: PageScan?, html: String?, problem: Diagnostic?)
        let keepsHTML = cache != nil
        let batch = Self.renderBatch(pages: site.pages.count)
        // Starts rendering the batch of pages from `start`; its results are read once the group is left.
        func render(from start: Int) -> (range: Range<Int>, made: UnsafeMutableBufferPointer<Made?>, done: DispatchGroup) {
            let range = start..<min(start + batch, site.pages.count)
            let made = UnsafeMutableBufferPointer<Made?>.allocate(capacity: range.count)
            made.initialize(repeating: nil)
            let output = Unchecked.Buffer(made)
            let done = RenderThreads.start(iterations: range.count) { [scanner] offset in
                let index = range.lowerBound + offset
                let rendered = renderer.page(index, site: site, links: links, limits: limits, generation: generation, siteInputs: siteInputs)
                let known = scanner.cached(index, html: rendered.html)
                let tokens = known == nil ? HTMLTokenizer(html: rendered.html) : nil
                let file = stage.file(site.pages[index].path, text: rendered.html, source: site.location(ofPage: index).file)
                output.buffer[offset] = (file, tokens, known, keepsHTML ? rendered.html : nil, rendered.problem)
            }
            return (range, made, done)
        }
        // A small site's batches (a few pages each) are queued two at a time, so that the render
        // threads find the next one waiting when they finish one, not only once this thread has
        // woken up to queue it; a large site's batches last long enough not to need it, and hold
        // one batch of HTML less so.
        let depth = site.pages.count < Self.overlappedPages ? 2 : 1
        var queued: [(range: Range<Int>, made: UnsafeMutableBufferPointer<Made?>, done: DispatchGroup)] = []
        var start = 0
        func queue() {
            while queued.count < depth, start < site.pages.count {
                queued.append(render(from: start))
                start = queued[queued.count - 1].range.upperBound
            }
        }
        queue()
        // The templates' lint needs no page: made here while the first batches render.
        let lint = TemplateLint.diagnostics(for: loaded.templates)
        while !queued.isEmpty {
            let current = queued.removeFirst()
            current.done.wait()
            queue()
            for (offset, page) in current.made.enumerated() {
                guard let page else { continue }
                files.append(page.file)
                scans.append(scanner.scan(current.range.lowerBound + offset, tokens: page.tokens, known: page.known, html: page.html))
                if problem == nil { problem = page.problem }
            }
            current.made.deinitialize()
            current.made.deallocate()
        }
        scanner.finish()
        return (files, scans, (problem.map { [$0] } ?? []) + lint)
    }

    /// Search: the search page and its index, when the templates have `search.mustache`.
    func searchFiles(_ outlined: Outlined, _ loaded: Loaded, stage: FileStage) -> Made {
        let templates = loaded.templates
        guard templates.has(TemplateSet.searchName) else { return Made() }
        let site = outlined.site
        let context = renderer(outlined, loaded).extraContext(path: GeneratedPaths.search, title: "Search", kind: "search", site: site)
        let search = templates.render(context, template: TemplateSet.searchName, limits: PageRenderer.limits(for: site), page: GeneratedPaths.search)
        var indexed = site
        if let terms = outlined.terms { indexed.pages.append(terms.searchPage()) }
        var index = SearchIndex(site: indexed)
        index.cache = cache?.search
        index.versions = outlined.versions
        return Made(files: [stage.file(GeneratedPaths.search, text: search.html)] + index.files(stage: stage.stage),
                    problems: (search.problem.map { [$0] } ?? []).map { $0.from(.search) })
    }

    /// Print: the whole document on one page, when the templates have `print.mustache`.
    func printEdition(_ outlined: Outlined, _ links: LinkResolver.Resolution, _ loaded: Loaded, stage: FileStage) -> Made {
        var edition = PrintEdition(site: outlined.site, links: links)
        edition.terms = outlined.terms
        edition.cache = cache?.print
        edition.versions = outlined.versions
        // `octavo build`: written a section at a time, never held whole (see ``PrintSkeleton``).
        if cache == nil, stage.streams, let skeleton = edition.skeleton(with: loaded.templates, config: loaded.content.config),
           let file = stage.streamedFile(GeneratedPaths.printEdition, write: skeleton.write(to:)) {
            return Made(files: [file])
        }
        guard let print = edition.render(with: loaded.templates, config: loaded.content.config) else { return Made() }
        return Made(files: [stage.file(GeneratedPaths.printEdition, text: print.html)],
                    problems: (print.problem.map { [$0] } ?? []).map { $0.from(.print) })
    }

    /// Checks every path before anything is written, so that `check` finds what a build would
    /// fail on part-way (a name written twice, a file where a folder must be, a name too long),
    /// and returns every file sorted by path, the assets added.
    /// - Throws: ``BuildError`` with every path problem.
    func checkPaths(_ made: [OutputFile], _ outlined: Outlined, _ loaded: Loaded) throws -> [OutputFile] {
        let site = outlined.site
        let templates = loaded.templates
        var paths = OutputPaths()
        let pagePaths = Set(site.pages.map(\.path))
        for file in made where !pagePaths.contains(file.path) {
            paths.add(file.path, .generated("a file the build makes itself (the search page, its index, the print edition, the index of terms, a citation file, 404.html, sitemap.xml or robots.txt)"))
        }
        for (index, page) in site.pages.enumerated() {
            let location = site.location(ofPage: index)
            paths.add(page.path, .page(file: location.file, line: location.line))
        }
        for asset in templates.assets {
            let file = input.displayTemplates.appending(asset.path).text
            paths.add(asset.path, .themeAsset(file: file, replacement: file, builtIn: false))
        }
        for asset in templates.builtInAssets {
            paths.add(asset.path, .themeAsset(file: DisplayPath(BuiltInTheme.displayRoot).appending(asset.path).text,
                                              replacement: input.displayTemplates.appending(asset.path).text, builtIn: true))
        }
        for asset in site.assets { paths.add(asset.path, .asset(file: input.displayContent.appending(asset.path).text)) }
        let problems = paths.problems().map { $0.from(.write) }
        if !problems.isEmpty { throw BuildError(loaded.errors + problems) }
        var files = made
        files += site.assets.map { OutputFile(path: $0.path, contents: .copy($0.sourceURL), source: input.displayContent.appending($0.path).text) }
            + templates.assets.map { OutputFile(path: $0.path, contents: .copy($0.sourceURL), source: input.displayTemplates.appending($0.path).text) }
            + templates.builtInAssets.map { OutputFile(path: $0.path, contents: .bytes($0.bytes), source: DisplayPath(BuiltInTheme.displayRoot).appending($0.path).text) }
        files.sort { $0.path < $1.path }
        return files
    }

    /// The page renderer of the site's templates and settings.
    private func renderer(_ outlined: Outlined, _ loaded: Loaded) -> PageRenderer {
        var renderer = PageRenderer(templates: loaded.templates, config: loaded.content.config)
        renderer.terms = outlined.terms
        renderer.cache = cache?.render
        renderer.versions = outlined.versions
        return renderer
    }

    /// Runs `step`; a ``BuildError`` it throws is reported after `errors` found while loading.
    private func withErrors<T>(_ errors: [Diagnostic], _ step: () throws -> T) throws -> T {
        do { return try step() } catch var error as BuildError {
            error.diagnostics = errors + error.diagnostics
            throw error
        }
    }
}
