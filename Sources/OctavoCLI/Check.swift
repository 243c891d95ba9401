import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine

/// `octavo check`: builds the site in memory and reports every problem; writes nothing.
struct Check: ParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site without writing anything.",
        discussion: """
            Reports links to missing pages, files and anchors, missing images, duplicate ids, pages \
            no link leads to, front matter keys Octavo does not read, headings that skip a level, \
            and template variables no page has. Exit status 0 when there is no error, 1 otherwise; \
            warnings count as errors with --strict.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Output format: text (FILE:LINE:COL: error: …), github (workflow commands) or json.")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Treat every warning as an error.")
    var strict = false

    @Flag(name: .long, help: "Also list external links (they are never fetched).")
    var external = false

    @Flag(name: .long, help: "Also check the pages marked draft: true, as build --drafts builds them.")
    var drafts = false

    mutating func run() throws {
        var none: [String?] = []
        if let root = site.enterSiteRoot(paths: &none) { FileHandle.standardError.write(Data((root + "\n").utf8)) }
        // `check` reads and writes nothing: it names no output folder.
        var input = Pipeline.Input(
            content: SiteOptions.url(site.content), templates: SiteOptions.url(site.templates),
            displayContent: site.content, displayTemplates: site.templates, baseURL: site.baseURL)
        input.builtInTheme = true
        input.bookTitle = site.bookTitle
        input.generator = site.generatorConfig
        // The site as `build` makes it (with `--drafts`, as `build --drafts` does), so that the two
        // agree: a folder of drafts only has no page, a draft index.md gives way to a made one.
        input.drafts = drafts ? .published : .leftOut
        let (diagnostics, pages, leftOut) = try Self.render(input, external: external)
        FileHandle.standardOutput.write(Data(format.format(strict ? Reporter.strict(diagnostics) : diagnostics).utf8))
        if format == .text {
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + (strict && warnings > 0 ? " (errors with --strict)" : "")
            // No page is made while a file fails to load or the outline fails: say so, not "0 pages".
            let unchecked = leftOut == 0 ? "" : " (\(leftOut) draft\(leftOut == 1 ? "" : "s") left out, as build leaves \(leftOut == 1 ? "it" : "them") out: --drafts checks \(leftOut == 1 ? "it" : "them") too)"
            let summary = pages > 0 ? "Checked \(pages) page\(pages == 1 ? "" : "s")\(unchecked): \(counts)\n" : "Checked the site, stopped before its pages were made: \(counts)\n"
            FileHandle.standardError.write(Data(summary.utf8))
        }
        let failing = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if failing { throw ExitCode.failure }
    }

    /// Renders the site in memory: its diagnostics (with the external links' notes when asked),
    /// its number of pages (0 when loading stopped it) and of drafts left out.
    /// - Throws: what ``Pipeline/render()`` throws but a ``BuildError`` (whose diagnostics it returns).
    private static func render(_ input: Pipeline.Input, external: Bool) throws -> (diagnostics: [Diagnostic], pages: Int, leftOut: Int) {
        do {
            let result = try Pipeline(input: input).render()
            return (result.diagnostics + (external ? result.externalLinkNotes : []), result.site.pages.count, result.leftOutDrafts)
        } catch let error as BuildError {
            return (error.diagnostics, 0, 0)
        }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
