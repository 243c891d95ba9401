import Foundation

/// Runs the whole pipeline: load → parse → outline → link → render → write.
///
/// Everything is rendered and every path checked before any file of the output folder is
/// replaced, so a build that fails on its input leaves the output folder exactly as it was: pages
/// wait in a staging folder (``FileStage``) until the whole build has succeeded, so that the site
/// is never held in memory. Only the file system can fail after the first file is replaced (a
/// full disk, a file removed meanwhile); the error then says what was written (``BuildError/written``).
public struct Pipeline: Sendable {
    /// What a build reads: the content and templates folders, and settings that override `site.yml`.
    public struct Input: Sendable {
        /// The content folder.
        public var content: URL
        /// The templates folder.
        public var templates: URL
        /// How messages name the content folder (as the user gave it).
        public var displayContent: DisplayPath
        /// How messages name the templates folder.
        public var displayTemplates: DisplayPath
        /// The URL the site is published at (`--base-url`); overrides `base_url` of `site.yml`.
        public var baseURL: String?
        /// Whether the built-in theme (``BuiltInTheme``) provides the templates and assets the
        /// templates folder lacks, and all of them when there is no such folder (the CLI's way).
        public var builtInTheme = false
        /// What to do with pages marked `draft: true`.
        public var drafts = DraftMode.leftOut
        /// The site's title when `site.yml` gives none: mdBook's `book.toml` title (``BookConfig``),
        /// or a Hugo or Zola site's (``GeneratorConfig``), beside the content folder, read by the
        /// command line.
        public var bookTitle: String?
        /// The configuration of the Hugo or Zola site the content folder belongs to, read by the
        /// command line: its base URL applies when `site.yml` and ``baseURL`` give none (and
        /// ``SiteConfig/baseURL(_:)`` takes it), and that generator's front matter keys are not
        /// warned about (``GeneratorConfig/frontMatterKeys``).
        public var generator: GeneratorConfig?
        /// The folder the command was started in, when the command line moved to the site's root
        /// folder to build it (run from a subfolder): a path a message suggests typing is given
        /// from there.
        public var startFolder: URL?

        /// Creates the input of a build; display names default to the folders' paths relative to
        /// the current folder.
        public init(content: URL, templates: URL, displayContent: String? = nil, displayTemplates: String? = nil, baseURL: String? = nil) {
            self.content = content
            self.templates = templates
            self.displayContent = displayContent.map { DisplayPath($0) } ?? DisplayPath(url: content)
            self.displayTemplates = displayTemplates.map { DisplayPath($0) } ?? DisplayPath(url: templates)
            self.baseURL = baseURL
        }
    }

    /// What a build writes: the output folder, and the zip and EPUB made beside it. `check` has none.
    public struct Destination: Sendable {
        /// The output folder.
        public var output: URL
        /// How messages name the output folder (as the user gave it).
        public var displayOutput: DisplayPath
        /// Whether warnings fail the build.
        public var strict: Bool
        /// A zip file to write the whole site into as well (see ``ZipBundle``), or `nil`.
        public var bundle: URL?
        /// How messages name the bundle (as the user gave it).
        public var displayBundle: DisplayPath?
        /// An EPUB file to write the document into as well (see ``EpubBook``); overrides `epub` of `site.yml`.
        public var epub: URL?
        /// How messages name the EPUB file.
        public var displayEpub: DisplayPath?
        /// Whether to build into an output folder that is not empty and that Octavo did not make
        /// (`--force`); without it such a folder is refused (see ``Pipeline/outputOwnershipProblem(_:)``).
        /// It also builds when nothing changed since the last build (see ``BuildStamp``).
        public var force = false

        /// Creates the destination of a build; display names default to the paths relative to the current folder.
        public init(output: URL, displayOutput: String? = nil, strict: Bool = false, bundle: URL? = nil, displayBundle: String? = nil,
                    epub: URL? = nil, displayEpub: String? = nil) {
            self.output = output
            self.displayOutput = displayOutput.map { DisplayPath($0) } ?? DisplayPath(url: output)
            self.strict = strict
            self.bundle = bundle
            self.displayBundle = displayBundle.map { DisplayPath($0) } ?? bundle.map { DisplayPath(url: $0) }
            self.epub = epub
            self.displayEpub = displayEpub.map { DisplayPath($0) } ?? epub.map { DisplayPath(url: $0) }
        }
    }

    /// What a build reads and where it writes, in one value (as `octavo build` and `serve` give them).
    public struct Options: Sendable {
        /// What the build reads.
        public var input: Input
        /// Where the build writes.
        public var destination: Destination

        /// Creates options; display names default to the paths relative to the current folder.
        public init(content: URL, templates: URL, output: URL, displayContent: String? = nil,
                    displayTemplates: String? = nil, displayOutput: String? = nil, strict: Bool = false, bundle: URL? = nil, baseURL: String? = nil,
                    epub: URL? = nil, displayEpub: String? = nil, displayBundle: String? = nil) {
            input = Input(content: content, templates: templates, displayContent: displayContent, displayTemplates: displayTemplates, baseURL: baseURL)
            destination = Destination(output: output, displayOutput: displayOutput, strict: strict, bundle: bundle, displayBundle: displayBundle,
                                      epub: epub, displayEpub: displayEpub)
        }

        /// The content folder.
        public var content: URL { input.content }
        /// The templates folder.
        public var templates: URL { input.templates }
        /// How messages name the templates folder (see ``Input/displayTemplates``).
        public var displayTemplates: DisplayPath {
            get { input.displayTemplates }
            set { input.displayTemplates = newValue }
        }
        /// The output folder (see ``Destination/output``).
        public var output: URL {
            get { destination.output }
            set { destination.output = newValue }
        }
        /// The EPUB file to write as well (see ``Destination/epub``).
        public var epub: URL? {
            get { destination.epub }
            set { destination.epub = newValue }
        }
        /// The URL the site is published at (see ``Input/baseURL``).
        public var baseURL: String? {
            get { input.baseURL }
            set { input.baseURL = newValue }
        }
        /// The zip file to write as well (see ``Destination/bundle``).
        public var bundle: URL? {
            get { destination.bundle }
            set { destination.bundle = newValue }
        }
        /// Whether the built-in theme fills in the templates folder (see ``Input/builtInTheme``).
        public var builtInTheme: Bool {
            get { input.builtInTheme }
            set { input.builtInTheme = newValue }
        }
        /// What to do with drafts (see ``Input/drafts``).
        public var drafts: DraftMode {
            get { input.drafts }
            set { input.drafts = newValue }
        }
    }

    /// What a build did.
    public struct Report: Sendable {
        /// Pages rendered.
        public var pages: Int
        /// Files in the output (pages and assets).
        public var files: Int
        /// Warnings and notes (errors throw instead).
        public var diagnostics: [Diagnostic]
        /// What the write stage did; `nil` for a build in memory.
        public var write: OutputWriter.Report?
        /// The size of the zip bundle in bytes; `nil` when none was asked for.
        public var bundleBytes: Int?
        /// The EPUB as messages name it and its size in bytes; `nil` when none was asked for.
        public var epub: (path: String, bytes: Int?)?
        /// Whether nothing the build reads or wrote had changed since the last successful build
        /// into the same output folder with the same options, so nothing was rendered or written
        /// (see ``BuildStamp``); the rest of the report is that build's.
        public var upToDate = false
        /// How many Markdown files this build parsed; the others came from the parse cache of the
        /// output folder (see ``ParseCacheFile``). `nil` when not counted (a build with a ``BuildCache``).
        public var parsedFiles: Int?
    }

    /// A site rendered in memory: the output files and every diagnostic, nothing written.
    public struct Result: Sendable {
        /// The outlined site.
        public var site: Site
        /// Every file the build would write, sorted by path.
        public var files: [OutputFile]
        /// Every diagnostic, errors and warnings, in the order of the stages.
        public var diagnostics: [Diagnostic]
        /// The EPUB's files and where to write them, when `--epub` or `epub` of `site.yml` asks for one.
        public var epub: EpubOutput? = nil
        /// How many Markdown files marked `draft: true` were left out of the site (0 with
        /// ``DraftMode/published``).
        public var leftOutDrafts = 0
        /// The zip bundle being written by ``Pipeline/zipping``: its temporary file, or why it
        /// could not be written; `nil` without a bundle.
        var zip: BackgroundStep<Swift.Result<URL, Error>>? = nil
    }

    /// What the build reads.
    public var input: Input
    /// Where the build writes; `nil` for a build in memory only (`check`).
    public var destination: Destination?
    /// What earlier builds of the same site left to reuse (`octavo serve`); `nil`: everything is
    /// parsed and rendered. The output is the same either way.
    public var cache: BuildCache?
    /// The parse cache on disk of `octavo build` (``ParseCacheFile``), which ``build()`` opens in
    /// the output folder when it has no ``cache``; `nil`: every file is parsed.
    var parseCacheFile: ParseCacheFile?
    /// Writes the zip bundle of the files a build makes, into a temporary file, and returns where
    /// (``ZipBundle/prepare(_:for:display:)``); `nil`: no bundle. ``prepare()`` sets it, so that
    /// the zip is written on another core while the site is audited.
    var zipping: (@Sendable ([OutputFile]) -> Swift.Result<URL, Error>)?

    /// Creates a builder that renders in memory only (``render()``), as `check` does.
    public init(input: Input) {
        self.input = input
        self.destination = nil
    }

    /// Creates a builder that can write (``build()``).
    public init(options: Options) {
        self.input = options.input
        self.destination = options.destination
    }

    /// The number of pages from which `octavo build` makes the search index, the print edition
    /// and the pages one after the other, for memory, rather than at the same time.
    static let overlappedPages = 2_000

    /// The size of the content folder's files, in bytes, from which `octavo build`'s threads keep
    /// sharing a few malloc heaps (``HeapTrim/limitHeaps()``, for the peak memory of a large site):
    /// 16 MiB, some 2,000 pages of the benchmark's corpus. A smaller site's threads get heaps of
    /// their own again once its files are listed, and do not wait for one (about 0.9 ms of the
    /// real document's cold build).
    static let sharedHeapsBytes: Int64 = 16 << 20

    /// Builds the site in memory.
    /// - Throws: ``BuildError`` when input cannot be read or parsed (the load stage's errors).
    ///   Problems found later (broken links) are returned as diagnostics.
    public func render() throws -> Result {
        try render(stage: .memory)
    }

    /// Builds the site, handing the bytes of pages and other large files to `stage` as they are
    /// made (see ``FileStage``); ``render()`` keeps them in memory.
    /// - Throws: as ``render()``.
    func render(stage: FileStage) throws -> Result {
        let sharesHeaps = cache == nil && stage.folder != nil
        if sharesHeaps { HeapTrim.limitHeaps() }
        var loading = try load(sharingHeaps: sharesHeaps)                   // Load/: SourceFile, SiteConfig (TemplateSet beside)
        var parsed = parse(&loading.content)                                // Parse/: MarkdownDocument per file
        for index in loading.content.sources.indices { loading.content.sources[index].body = "" }  // parsed: not read again
        let early = outline(parsed, loading)                                // Outline/: Site (+ Terms/: TermIndex), while the templates parse
        parsed = []                                                         // the site's pages hold what is read from here on
        let loaded = try loading.loaded()                                   // Render/: TemplateSet
        var outlined = try outline(consume early, loaded)                  // (let go: the site's text is freed once indexed)
        let links = link(outlined, loaded)                                  // Link/: LinkResolver.Resolution
        // The print edition and the search index need only the outline and the links. `octavo
        // serve`, and a build of a site of fewer than ``overlappedPages`` pages, make them on other
        // cores while the pages are rendered (most of the print edition's time is the template
        // writing the whole site out, which no cache spares). A larger `octavo build` makes the
        // search index and then the print edition first, so that their large values are not held
        // beside the pages' scans; the blocks' text is let go once indexed; and each step's freed
        // memory goes back to the system before the next (``HeapTrim``).
        let read = loaded
        let overlaps = cache != nil || outlined.site.pages.count < Self.overlappedPages
        let printing = overlaps ? BackgroundStep { [self, outlined] in printEdition(outlined, links, read, stage: stage) } : nil
        let searching = overlaps && cache == nil ? BackgroundStep { [self, outlined] in searchFiles(outlined, read, stage: stage) } : nil
        defer { _ = printing?.value; _ = searching?.value }
        let trims = !overlaps && stage.folder != nil
        if trims { HeapTrim.returnFreed() }
        let searchedFirst = searching == nil ? searchFiles(outlined, loaded, stage: stage) : nil   // Search/: search page and index
        if trims {
            outlined.site.forgetIndexedText()
            HeapTrim.returnFreed()
        }
        let printedFirst = trims ? printEdition(outlined, links, loaded, stage: stage) : nil
        if trims { HeapTrim.returnFreed() }
        let pages = try renderPages(outlined, links, loaded, stage: stage, beside: overlaps && cache == nil)  // Render/: pages, 404, sitemap, citations
        if trims { HeapTrim.returnFreed() }
        let print = printing?.value ?? printedFirst ?? printEdition(outlined, links, loaded, stage: stage)  // Print/: print.html
        let search = searchedFirst ?? searching!.value
        let files = try checkPaths(pages.files + search.files + print.files, outlined, loaded)
        // The zip needs only the files: written while the audit runs, and removed again should
        // anything below throw (a build whose audit fails removes it in `prepare`).
        let zip = zipping.map { make in BackgroundStep { make(files) } }
        var zipHandedOver = false
        defer { if !zipHandedOver, case .success(let temporary)? = zip?.value { unlink(temporary.path) } }
        var audit = SiteAudit(site: outlined.site, links: links, pages: outlined.site.pages.map { ($0.path, "") }, files: Set(files.map(\.path)),
                              templates: TemplateLinkLocator(sources: loaded.templates.sources, displayRoot: input.displayTemplates.text,
                                                             builtInNames: loaded.templates.builtInNames))
        audit.templateIDs = TemplateIDLocator(sources: loaded.templates.sources, displayRoot: input.displayTemplates.text)
        audit.scanned = pages.scans
        let epub = try makeEpub(site: outlined.site, links: links, templates: loaded.templates, content: loaded.content)
        // A loop of partials meets every page the same way: one error per place in the templates.
        var places: Set<String> = []
        let renderDiagnostics = (pages.pageProblems + search.problems + pages.termsProblems + print.problems + pages.notFoundProblems
                                 + (epub?.diagnostics ?? []).map { $0.from(.epub) }).filter {
            $0.severity != .error || places.insert("\($0.file):\($0.line ?? 0):\($0.column ?? 0)").inserted
        }
        var result = Result(site: outlined.site, files: files,
                            diagnostics: outlined.diagnostics + links.diagnostics.map { $0.from(.link) } + pages.linkProblems + renderDiagnostics
                              + audit.diagnostics().map { $0.from(.audit) },
                            epub: epub)
        result.zip = zip
        result.leftOutDrafts = loaded.drafts.count
        zipHandedOver = true
        return result
    }

    /// Builds the site and writes it to the output folder.
    /// - Throws: ``BuildError`` with every error (and, with `strict`, every warning); nothing is
    ///   written then. ``BuildError`` with ``BuildError/written`` set when the file system fails
    ///   after the first write (the output folder or the zip).
    public func build() throws -> Report {
        guard let destination else {
            throw BuildError(file: "--output", "no output folder was given: a build in memory only is `render()`")
        }
        try checkOutputFolder(destination)
        // The preview server keeps a cache between its builds and watches the inputs itself: the
        // stamp would cost it an `lstat` of every input and output on each rebuild, and answering
        // its first build from the stamp would leave the cache empty for the first edit. A stamp an
        // earlier `octavo build` wrote stays true, or stops matching by itself once an input changes.
        let stamped = cache == nil
        let inputs = stamped ? inputDescription(destination) : nil
        // `--force` is also the way to build again when nothing changed (as `make -B`).
        if stamped, !destination.force, let report = upToDateReport(destination, inputs: inputs) { return report }
        return try prepare(destination, stamped: stamped, inputs: inputs).commit()
    }

    /// Renders the site and stages its files without changing the output folder; the
    /// ``PreparedBuild``'s `commit()` writes them (what ``build()`` does in one go), its `discard()`
    /// drops them. `octavo serve` starts a rebuild this way as soon as a save is seen, and writes it
    /// only if nothing changed again while it was being made.
    /// - Throws: as ``build()``, but for the errors of writing, which `commit()` throws.
    public func prepare() throws -> PreparedBuild {
        guard let destination else {
            throw BuildError(file: "--output", "no output folder was given: a build in memory only is `render()`")
        }
        try checkOutputFolder(destination)
        return try prepare(destination, stamped: cache == nil, inputs: cache == nil ? inputDescription(destination) : nil)
    }

    /// ``prepare()`` once the output folder is checked. `stamped`: whether the build reads and
    /// writes the stamp and the parse cache file (a build without ``cache``); `inputs`: the
    /// stamp's description of the inputs.
    private func prepare(_ destination: Destination, stamped: Bool, inputs: String?) throws -> PreparedBuild {
        // Read before anything is written: a date the zip cannot hold is an error, not a trap.
        let bundle = destination.bundle == nil ? ZipBundle() : try ZipBundle(environment: ProcessInfo.processInfo.environment)
        let ownership = outputOwnershipProblem(destination)
        // Pages go to a staging folder in the output folder as they are rendered; it is gone
        // once the build is committed or discarded, or has failed.
        let stage = FileStage(root: destination.output, known: cache?.written, bundling: destination.bundle != nil)
        var staged = false
        defer { if !staged { stage.discard() } }
        // Files whose bytes the last build into this folder parsed are not parsed again.
        var pipeline = self
        pipeline.parseCacheFile = stamped ? openParseCache(destination, stage: stage) : nil
        if let url = destination.bundle {
            let display = destination.displayBundle?.text
            pipeline.zipping = { [bundle, deflated = stage.deflated] files in
                Swift.Result { try bundle.prepare(files, for: url, display: display, deflated: deflated) }
            }
        }
        var result: Result
        do {
            result = try pipeline.render(stage: stage)
        } catch var error as BuildError {
            if let ownership { error.diagnostics.append(ownership) }
            throw error
        }
        if let url = destination.bundle, let warning = Self.bundleNameWarning(url, display: destination.displayBundle) {
            result.diagnostics.append(warning)
        }
        if let url = destination.epub, let warning = Self.epubNameWarning(url, display: destination.displayEpub) {
            result.diagnostics.append(warning)
        }
        let fails = { (diagnostic: Diagnostic) in diagnostic.severity == .error || (destination.strict && diagnostic.severity == .warning) }
        let failing = result.diagnostics.filter(fails) + (ownership.map { [$0] } ?? [])
        if !failing.isEmpty {
            if case .success(let temporary)? = result.zip?.value { unlink(temporary.path) }
            var error = BuildError(failing)
            error.otherDiagnostics = result.diagnostics.filter { !fails($0) }
            throw error
        }
        let zip = try destination.bundle.map { url in
            try (url: url, temporary: result.zip?.value.get() ?? bundle.prepare(result.files, for: url, display: destination.displayBundle?.text, deflated: stage.deflated))
        }
        let book: (epub: EpubOutput, temporary: URL)?
        do {
            book = try result.epub.map { ($0, try prepareEpub($0)) }
        } catch {
            if let zip { try? FileManager.default.removeItem(at: zip.temporary) }
            throw error
        }
        staged = true
        return PreparedBuild(pipeline: pipeline, destination: destination, stamped: stamped, inputs: inputs, stage: stage, result: result,
                             bundle: bundle, zip: zip, book: book)
    }

    /// The warning for a `--bundle` whose name does not end in `.zip` (any letter case): the file
    /// is a zip whatever its name, and `site.tar` or `site` would not open as one. `nil` otherwise.
    static func bundleNameWarning(_ url: URL, display: DisplayPath?) -> Diagnostic? {
        nameWarning(url, display: display, ending: "zip", stem: "site", kind: "a zip archive")
    }

    /// The warning for an `--epub` whose name does not end in `.epub`, as ``bundleNameWarning(_:display:)``
    /// (`epub` of `site.yml` must end so: see ``SiteConfig``).
    static func epubNameWarning(_ url: URL, display: DisplayPath?) -> Diagnostic? {
        nameWarning(url, display: display, ending: "epub", stem: "book", kind: "an EPUB book")
    }

    /// The warning for a file written as `kind` whose name does not end in `.ending`.
    private static func nameWarning(_ url: URL, display: DisplayPath?, ending: String, stem fallback: String, kind: String) -> Diagnostic? {
        let shown = (display ?? DisplayPath(url: url)).text
        let name = url.lastPathComponent
        guard !name.lowercased().hasSuffix("." + ending) else { return nil }
        let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        let suggestion = String(shown.dropLast(name.count)) + (stem.isEmpty ? fallback : stem) + "." + ending
        return Diagnostic(file: shown, severity: .warning,
                          message: "is written as \(kind), whatever its name: name it '\(suggestion)' so that it opens as one")
    }

    /// A folder `site` beside `folder` (both real paths), as a path from `current`, the current
    /// folder: what `--output` should be given to put the site next to the folder it is built from.
    static func siteBeside(_ folder: String, from current: String) -> String {
        SiteRoot.relativePath(from: URL(fileURLWithPath: current), to: URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent("site"))
    }

    /// Checks the output folder, the zip and the EPUB as ``build()`` does before reading anything,
    /// so that `octavo serve` can refuse them at once (and exit) instead of serving nothing.
    /// - Throws: ``BuildError`` naming the folder or file as the user gave it.
    public func checkDestination() throws {
        if let destination { try checkOutputFolder(destination) }
    }

    /// Refuses an output folder that would overwrite the input: the content or templates folder,
    /// the current folder, `/`, or a folder that contains any of them.
    func checkOutputFolder(_ destination: Destination) throws {
        let output = Self.realPath(destination.output)
        let display = destination.displayOutput.text
        // Each folder the build reads, with how a message names it (never its absolute path).
        let protected = [(Self.realPath(input.content), "'\(input.displayContent)'"), (Self.realPath(input.templates), "'\(input.displayTemplates)'"),
                         (Self.realPath(URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), "the current folder")]
        for (path, name) in protected where output == "/" || path == output || path.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
            throw BuildError(file: display, "cannot be the output folder: it is or contains \(name), which the build reads")
        }
        for (path, name) in protected.dropLast() where output.hasPrefix(path.hasSuffix("/") ? path : path + "/") {
            throw BuildError(file: display, "cannot be the output folder: it is inside \(name), which the build reads, so every build would read the one before: "
                             + "pass --output with a folder outside it, such as --output \(Self.siteBeside(path, from: input.startFolder.map(Self.realPath) ?? protected[2].0))")
        }
        if let bundleURL = destination.bundle {
            let bundle = Self.realPath(bundleURL)
            let display = (destination.displayBundle ?? DisplayPath(url: bundleURL)).text
            for (path, name) in protected.dropLast() where bundle == path || bundle.hasPrefix(path.hasSuffix("/") ? path : path + "/") {
                throw BuildError(file: display, "cannot be the bundle: it is inside \(name), which the build reads")
            }
            // The output folder is Octavo's to rewrite and clean (leftover temporary files, stale
            // pages): a zip there would be removed half-made, or packed into itself.
            if bundle == output || bundle.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
                throw BuildError(file: display, "cannot be the bundle: it is inside the output folder \(destination.displayOutput); "
                                 + "put it beside it (for example --bundle site.zip), or copy it in after the build")
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: bundle, isDirectory: &isFolder), isFolder.boolValue {
                throw BuildError(file: display, "cannot be the bundle: it is a folder; name a file such as site.zip")
            }
            try Self.checkFolderExists(of: bundleURL, display: display)
        }
        if let epub = destination.epub {
            let display = (destination.displayEpub ?? DisplayPath(url: epub)).text
            try Self.checkNotTheBundle(epub, display: display, bundle: destination.bundle, setting: "--epub")
            try Self.checkNotInOutput(epub, display: display, destination: destination)
            try Self.checkFolderExists(of: epub, display: display)
        }
    }

    /// Fails when the EPUB would be written inside the output folder, which is Octavo's to rewrite
    /// and clean, as the bundle is refused there.
    static func checkNotInOutput(_ epub: URL, display: String, destination: Destination) throws {
        let output = realPath(destination.output), book = realPath(epub)
        guard book == output || book.hasPrefix(output.hasSuffix("/") ? output : output + "/") else { return }
        throw BuildError(file: display, "cannot be the EPUB: it is inside the output folder \(destination.displayOutput); "
                         + "put it beside it (for example --epub book.epub), or copy it in after the build")
    }

    /// Fails when the EPUB would be written to the bundle's file, which would be one or the other.
    /// - Parameter setting: What named the EPUB (`--epub`, or `epub` of `site.yml`), for the message.
    static func checkNotTheBundle(_ epub: URL, display: String, bundle: URL?, setting: String) throws {
        guard let bundle, realPath(bundle) == realPath(epub) else { return }
        throw BuildError(file: display, "is named by both \(setting) and --bundle: the EPUB and the zip need a file each, such as --bundle site.zip and \(setting == "--epub" ? "--epub book.epub" : "epub: book.epub")")
    }

    /// Fails, before anything is built, when the folder a zip or EPUB is to be written in does not
    /// exist: the build makes no folder for them (a typo in the path would otherwise make one).
    static func checkFolderExists(of file: URL, display: String) throws {
        var isFolder: ObjCBool = false
        let folder = file.standardizedFileURL.deletingLastPathComponent()
        guard !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) || !isFolder.boolValue else { return }
        let shown = display.contains("/") ? String(display[..<display.lastIndex(of: "/")!]) : "."
        throw BuildError(file: display, "cannot be written: its folder '\(shown.isEmpty ? "/" : shown)' does not exist; create it first, or name a file in a folder that exists")
    }
}

extension Pipeline {
    /// The path of `url` with every symbolic link resolved, also when its last parts do not exist
    /// yet (`link/site.zip`, where `link` leads to the output folder): the deepest folder that
    /// exists is resolved, and the rest appended.
    static func realPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while LinkBoundary.realPath(existing.path) == nil, existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let base = LinkBoundary.realPath(existing.path) ?? existing.path
        return rest.reduce(base) { $0.hasSuffix("/") ? $0 + $1 : $0 + "/" + $1 }
    }
}
