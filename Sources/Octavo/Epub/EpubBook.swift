import Foundation

// The EPUB edition: the same pages as the site and the print edition, one XHTML file per page in
// reading order, with links rewritten to `chapter.xhtml#fragment`. EpubContainer zips the files.

/// Builds the files of an EPUB 3.3 book from the site: chapters through the theme's `epub/`
/// templates, the navigation document, the NCX, the package document and the images the pages use.
///
/// The book's files sit in ``folder``: `content.opf`, `nav.xhtml`, `toc.ncx`, `style.css`, the
/// chapters (`index.xhtml` for the home page, then `i.xhtml`, `ii-1.xhtml` … from the pages' numbers
/// or paths) and `media/` with the assets the pages use, under their paths in the site.
public struct EpubBook: Sendable {
    /// The folder of the container that holds the book's files.
    public static let folder = "OEBPS"
    /// The folder, inside ``folder``, of the assets the pages use.
    public static let mediaFolder = "media"

    /// The site.
    public var site: Site
    /// The link stage's resolution of the site's links.
    public var links: LinkResolver.Resolution
    /// The theme's templates; `epub/chapter` and `epub/style.css` default to ``EpubTemplates``.
    public var templates: TemplateSet
    /// The site's settings (language, base URL).
    public var config: SiteConfig
    /// What the package document says about the book.
    public var metadata: EpubMetadata

    /// Creates a book.
    public init(site: Site, links: LinkResolver.Resolution, templates: TemplateSet, config: SiteConfig, metadata: EpubMetadata) {
        self.site = site
        self.links = links
        self.templates = templates
        self.config = config
        self.metadata = metadata
    }

    /// The chapters in reading order: each page's heading and body, then the pages below it, then
    /// its closing text when it has one. File names come from the pages' numbers (`iii-3.xhtml`) or
    /// paths (`guide-intro.xhtml`), `page-N.xhtml` when those are not plain ASCII; all unique.
    public func chapters() -> [EpubChapter] {
        var used: Set<String> = ["nav", "toc", "content", "style"]
        func name(_ stem: String) -> String {
            var candidate = stem
            var count = 1
            while !used.insert(candidate).inserted {
                count += 1
                candidate = stem + "-\(count)"
            }
            return candidate + ".xhtml"
        }
        var result: [EpubChapter] = []
        var pending = site.pages.isEmpty ? [] : [(page: 0, closing: false)]
        // An explicit stack, not recursion: a deep tree of folders cannot overflow the machine stack.
        while let (index, closing) = pending.popLast() {
            let page = site.pages[index]
            let stem = Self.stem(of: page, index: index)
            if closing {
                result.append(EpubChapter(page: index, isClosing: true, file: name(stem + "-closing")))
                continue
            }
            result.append(EpubChapter(page: index, isClosing: false, file: name(stem)))
            if page.closing.contains(where: { $0.kind != .closingMarker }) { pending.append((index, true)) }
            pending += page.children.reversed().map { ($0, false) }
        }
        return result
    }

    /// The file name without `.xhtml` of a page's chapter, before making it unique.
    static func stem(of page: Page, index: Int) -> String {
        if page.kind == .home { return "index" }
        var stem = PrintEdition.paragraphPrefix(of: page)
        if stem.hasSuffix("-") { stem.removeLast() }
        let plain = !stem.isEmpty && stem.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        return plain && stem.utf8.count <= 100 ? stem : "page-\(index)"
    }

    /// The book's files, paths relative to the container's root, and what making them found.
    ///
    /// - Returns: The files (without `mimetype` and `META-INF/container.xml`, which
    ///   ``EpubContainer`` adds), and errors for chapters that are not well-formed XML (raw HTML
    ///   with `unsafe: true`, or a template) or whose rendering passed a limit; warnings for links
    ///   to files that a reader cannot open from the book.
    /// - Throws: ``BuildError`` when the built-in templates cannot be added to the theme's.
    public func files() throws -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let templates = try Self.withDefaults(templates)
        let chapters = chapters()
        var bodyFile = [String](repeating: "", count: site.pages.count)
        var closingFile = [String?](repeating: nil, count: site.pages.count)
        for chapter in chapters {
            if chapter.isClosing { closingFile[chapter.page] = chapter.file } else { bodyFile[chapter.page] = chapter.file }
        }
        let media = mediaFiles()
        let targets = Targets(site: site, bodyFile: bodyFile, closingFile: closingFile)
        let limits = PageRenderer.limits(for: site)
        var rendered = [(html: String, problem: Diagnostic?)](repeating: ("", nil), count: chapters.count)
        let book = self
        rendered.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            RenderThreads.concurrentPerform(iterations: chapters.count) { index in
                let context = book.context(for: chapters[index], targets: targets, media: media.links)
                output.buffer[index] = templates.render(context, template: EpubTemplates.chapterName, limits: limits, page: chapters[index].file)
            }
        }
        var diagnostics = media.diagnostics
        if let problem = rendered.lazy.compactMap(\.problem).first { diagnostics.append(problem) }
        for (chapter, result) in zip(chapters, rendered) {
            if let problem = XMLCheck.problem(in: result.html) {
                let location = site.location(ofPage: chapter.page)
                diagnostics.append(Diagnostic(file: location.file, line: location.line, message:
                    "its EPUB chapter \(chapter.file) is not well-formed XML (\(problem.message), at line \(problem.line), column \(problem.column) of \(chapter.file)); EPUB needs XHTML: write raw HTML as XML (<br />, quoted attributes, &#160; rather than &nbsp;) or check the theme's epub/chapter.mustache"))
            }
        }
        let stylesheetContext = context(for: EpubChapter(page: 0, isClosing: false, file: "style.css"), targets: targets, media: media.links)
        let stylesheet = templates.render(stylesheetContext, template: EpubTemplates.stylesheetName, limits: limits, page: "style.css")
        diagnostics += stylesheet.problem.map { [$0] } ?? []
        let navigation = EpubNavigation(site: site, metadata: metadata, bodyFile: bodyFile)
        let package = EpubPackage(metadata: metadata, chapters: chapters.map(\.file),
                                  media: media.files.map { ($0.path, EpubMediaType.of($0.path)) },
                                  rightToLeft: SiteConfig.isRightToLeft(metadata.language))
        func file(_ path: String, _ text: String) -> OutputFile {
            OutputFile(path: Self.folder + "/" + path, contents: .bytes(Array(text.utf8)))
        }
        var files = [file(EpubPackage.path, package.document()), file(EpubNavigation.navPath, navigation.navDocument()),
                     file(EpubNavigation.ncxPath, navigation.ncx()), file("style.css", stylesheet.html)]
        files += zip(chapters, rendered).map { file($0.file, $1.html) }
        files += media.files.map { OutputFile(path: Self.folder + "/" + Self.mediaFolder + "/" + $0.path, contents: .copy($0.sourceURL), source: DisplayPath(site.contentRoot).appending($0.path).text) }
        return (files.sorted { $0.path < $1.path }, diagnostics)
    }

    /// The theme's templates with the built-in `epub/` ones it lacks.
    static func withDefaults(_ templates: TemplateSet) throws -> TemplateSet {
        guard EpubTemplates.defaults.keys.contains(where: { !templates.has($0) }) else { return templates }
        let sources = templates.sources.merging(EpubTemplates.defaults) { theme, _ in theme }
        return try TemplateSet(sources: sources, displayRoot: templates.displayRoot, assets: templates.assets,
                               builtInNames: templates.builtInNames, builtInAssets: templates.builtInAssets)
    }

    /// Where each page's anchors are in the book.
    struct Targets: Sendable {
        var site: Site
        var bodyFile: [String]
        var closingFile: [String?]

        /// The href (not yet HTML-escaped) of page `index`, or of `fragment` on it: the file of its
        /// closing text when the fragment is there, and the page's file without the fragment when
        /// the page has no such anchor.
        func href(page index: Int, fragment: String?) -> String {
            let page = site.pages[index]
            let file = URLEscaping.path(bodyFile[index])
            guard let fragment, !fragment.isEmpty else { return file }
            let paragraphs = page.paragraphIDs
            let closingIDs = page.closing.flatMap { ($0.id.map { [$0] } ?? []) + $0.nestedIDs } + paragraphs[page.blocks.count...].compactMap { $0 }
            if let closing = closingFile[index], closingIDs.contains(fragment) {
                return URLEscaping.path(closing) + "#" + URLEscaping.fragment(fragment)
            }
            let ids = page.anchors + paragraphs.compactMap { $0 } + (page.heading == nil ? [HeadingIDGenerator.titleID] : [])
            return ids.contains(fragment) ? file + "#" + URLEscaping.fragment(fragment) : file
        }
    }

    /// The context the `epub/chapter` template renders a chapter with.
    func context(for chapter: EpubChapter, targets: Targets, media: [String: String]) -> PageContext {
        let page = site.pages[chapter.page]
        var writer = BlockHTML()
        if let own = page.heading?.headingLevel, own > 1 { writer.headingShift = 1 - own }
        writer.link = link(on: page, targets: targets, media: media)
        // An empty link to a number (`[](#III.3)`) gets its target's label, as on the site.
        if let document = page.document { writer.label = { [links] in links.label(document: document, link: $0) } }
        let paragraphs = page.paragraphIDs
        let heading: String
        let body: String
        if chapter.isClosing {
            heading = ""
            body = writer.html(of: page.closing, paragraphIDs: paragraphs[page.blocks.count...])
        } else {
            if let own = page.heading, let id = own.id {
                heading = writer.heading(own, level: 1, id: id)
            } else {
                heading = HeadingMarkup.html(level: 1, id: HeadingIDGenerator.titleID, content: HTMLEscaping.escape(page.title))
            }
            body = writer.html(of: page.blocks, paragraphIDs: paragraphs[..<page.blocks.count])
        }
        let readerBody = Self.linkingRemoteImages(body)
        let info = PageInfo(title: page.title, number: page.number, numberPath: page.numberPath, numberedTitle: page.numberedTitle,
                            kind: chapter.isClosing ? "closing" : page.kind.rawValue, isHome: page.kind == .home && !chapter.isClosing,
                            url: URLEscaping.path(chapter.file), description: page.description, summary: page.summary,
                            heading: heading, body: readerBody, closing: "", children: [], canonical: nil, editURL: nil)
        let siteContext = SiteContext(title: site.title, root: "", home: targets.bodyFile.first ?? "", generator: "Octavo", search: nil, print: nil,
                                      language: metadata.language, dir: SiteConfig.isRightToLeft(metadata.language) ? "rtl" : nil,
                                      baseURL: config.baseURL, description: config.description, author: metadata.creator, favicon: nil)
        return PageContext(site: siteContext, page: info, breadcrumbs: [], prev: nil, next: nil, sidebar: [], toc: nil, onThisPage: [])
    }

    /// The HTML-escaped URL in the book of each internal link of the page's document.
    private func link(on page: Page, targets: Targets, media: [String: String]) -> (Int) -> String? {
        guard let document = page.document else { return { _ in nil } }
        let resolved = links.targets[document]
        let references = site.documents[document].links
        return { number in
            guard number < resolved.count else { return nil }
            switch resolved[number] {
            case .page(let target, let fragment):
                return HTMLEscaping.escape(targets.href(page: target, fragment: fragment))
            case .file(let path, let fragment):
                guard references[number].isImage else {
                    // Readers open only chapters (epubcheck: RSC-010 for a link to any other file in
                    // the book): the published copy with `base_url`, else a link that leads nowhere.
                    return media[path].map { HTMLEscaping.escape($0 + (fragment.map { "#" + URLEscaping.fragment($0) } ?? "")) } ?? ""
                }
                return HTMLEscaping.escape(Self.mediaFolder + "/" + URLEscaping.path(path) + (fragment.map { "#" + URLEscaping.fragment($0) } ?? ""))
            case .unresolved:
                // Reported by the link stage (a warning with `broken_links: warn`); in the book it
                // would name a file that is not there (epubcheck: RSC-007).
                return ""
            }
        }
    }

    /// The assets the pages use (images, and files they link to), the URL for links to files
    /// outside the book, and a warning for each file a reader cannot open from the book and each
    /// remote image.
    ///
    /// Readers follow links only to chapters: a link (not an image) to a file of the site goes to
    /// the published copy when `base_url` is set, and leads nowhere otherwise (`href=""`, its text
    /// kept), the file left out of the book.
    func mediaFiles() -> (files: [Asset], links: [String: String], diagnostics: [Diagnostic]) {
        let assets = Dictionary(site.assets.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var used: [String: Asset] = [:]
        var external: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let documents = Set(site.pages.compactMap(\.document)).sorted()
        for document in documents {
            let references = site.documents[document].links
            for (number, target) in links.targets[document].enumerated() {
                guard case .file(let path, _) = target, number < references.count else { continue }
                let reference = references[number]
                // A file the build makes (the search page, the print edition, the theme's assets)
                // is no file of the book either.
                guard let asset = assets[path] else {
                    guard !reference.isImage else { continue }
                    if let base = config.baseURL {
                        external[path] = base + URLEscaping.path(path)
                    } else {
                        let file = site.documents[document]
                        diagnostics.append(Diagnostic(file: file.displayPath, line: file.bodyFirstLine + reference.line - 1, column: reference.column, severity: .warning,
                                                      message: "'\(reference.destination)' cannot be opened from the EPUB: EPUB readers open only the book's chapters, so the EPUB keeps the link's text without a target: set base_url in site.yml to link to the published copy"))
                    }
                    continue
                }
                let type = EpubMediaType.of(path)
                if reference.isImage { used[path] = asset }
                if reference.isImage, EpubMediaType.isCore(type) { continue }
                if !reference.isImage, let base = config.baseURL {
                    external[path] = base + URLEscaping.path(path)
                    continue
                }
                let file = site.documents[document]
                let advice = reference.isImage
                    ? "EPUB readers show only PNG, JPEG, GIF, SVG and WebP images: convert it"
                    : "EPUB readers open only the book's chapters, so the EPUB keeps the link's text without a target: set base_url in site.yml to link to the published copy"
                diagnostics.append(Diagnostic(file: file.displayPath, line: file.bodyFirstLine + reference.line - 1, column: reference.column,
                                              severity: .warning, message: "'\(reference.destination)' cannot be opened from the EPUB: \(advice)"))
            }
        }
        // Readers load no remote image (EPUB 3.3 §3.6 allows remote audio, video and fonts only).
        for document in documents {
            let file = site.documents[document]
            for reference in file.externalLinks where reference.isImage {
                diagnostics.append(Diagnostic(file: file.displayPath, line: file.bodyFirstLine + reference.line - 1, column: reference.column, severity: .warning,
                                              message: "'\(reference.destination)' is a remote image, which EPUB readers do not load: the EPUB links to it instead; put a copy in the content folder to show it"))
            }
        }
        return (used.values.sorted { $0.path < $1.path }, external, diagnostics)
    }
}
