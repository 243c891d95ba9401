import Foundation

/// Runs the whole pipeline: load → parse → outline → link → render → write.
///
/// Everything is rendered before anything is written, so a build that fails leaves the output
/// folder exactly as it was.
public struct SiteBuilder: Sendable {
    /// Where a build reads and writes.
    public struct Options: Sendable {
        /// The content folder.
        public var content: URL
        /// The templates folder.
        public var templates: URL
        /// The output folder.
        public var output: URL
        /// How the folders are named in messages (as the user gave them).
        public var displayContent: String
        /// How the templates folder is named in messages.
        public var displayTemplates: String
        /// Whether warnings fail the build.
        public var strict: Bool

        /// Creates options; display names default to the URLs' paths.
        public init(content: URL, templates: URL, output: URL, displayContent: String? = nil,
                    displayTemplates: String? = nil, strict: Bool = false) {
            self.content = content
            self.templates = templates
            self.output = output
            self.displayContent = displayContent ?? content.path
            self.displayTemplates = displayTemplates ?? templates.path
            self.strict = strict
        }
    }

    /// What a build did.
    public struct Report: Sendable {
        /// Pages rendered.
        public var pages: Int
        /// Files in the output (pages and assets).
        public var files: Int
        /// Warnings (errors throw instead).
        public var diagnostics: [Diagnostic]
        /// What the write stage did; `nil` for a build in memory.
        public var write: OutputWriter.Report?
    }

    /// A site rendered in memory: the output files and every diagnostic, nothing written.
    public struct Result: Sendable {
        /// The outlined site.
        public var site: Site
        /// Every file the build would write, sorted by path.
        public var files: [OutputFile]
        /// Every diagnostic, errors and warnings, in the order of the stages.
        public var diagnostics: [Diagnostic]
    }

    /// The options.
    public var options: Options

    /// Creates a builder.
    public init(options: Options) {
        self.options = options
    }

    /// Builds the site in memory.
    /// - Throws: ``BuildError`` when input cannot be read or parsed (the load stage's errors).
    ///   Problems found later (broken links) are returned as diagnostics.
    public func render() throws -> Result {
        let templates = try TemplateSet(root: options.templates, displayRoot: options.displayTemplates)
        let content = try ContentLoader(root: options.content, displayRoot: options.displayContent).load()
        var inputs = [Outliner.Input?](repeating: nil, count: content.sources.count)
        inputs.withUnsafeMutableBufferPointer { buffer in
            let output = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: content.sources.count) { index in
                let source = content.sources[index]
                var ids = HeadingIDGenerator(reserving: templates.reservedIDs)
                output.buffer[index] = Outliner.Input(source: source, markdown: MarkdownParser().parse(source.body, ids: &ids))
            }
        }
        let site = try Outliner().outline(inputs.compactMap { $0 }, assets: content.assets)
        let links = LinkResolver().resolve(site)
        let pages = PageRenderer(templates: templates).render(site, links: links)

        var files = pages.map { OutputFile(path: $0.path, contents: .bytes(Array($0.html.utf8))) }
        files += (site.assets + templates.assets).map { OutputFile(path: $0.path, contents: .copy($0.sourceURL)) }
        files.sort { $0.path < $1.path }
        return Result(site: site, files: files, diagnostics: site.diagnostics + links.diagnostics)
    }

    /// Builds the site and writes it to the output folder.
    /// - Throws: ``BuildError`` with every error (and, with `strict`, every warning); nothing is
    ///   written then.
    public func build() throws -> Report {
        try checkOutputFolder()
        let result = try render()
        let failing = result.diagnostics.filter { $0.severity == .error || options.strict }
        if !failing.isEmpty { throw BuildError(failing) }
        let write = try OutputWriter(root: options.output).write(result.files)
        return Report(pages: result.site.pages.count, files: result.files.count,
                      diagnostics: result.diagnostics.filter { $0.severity == .warning }, write: write)
    }

    /// Refuses an output folder that would overwrite the input: the content or templates folder,
    /// the current folder, `/`, or a folder that contains any of them.
    func checkOutputFolder() throws {
        let output = options.output.standardizedFileURL.resolvingSymlinksInPath().path
        let protected = [options.content, options.templates, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
            .map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        for path in protected where output == "/" || path == output || path.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
            throw BuildError(file: options.output.path, "cannot be the output folder: it is or contains '\(path)', which the build reads")
        }
    }
}

/// Lets `concurrentPerform` write each result to its own slot of one buffer.
struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
