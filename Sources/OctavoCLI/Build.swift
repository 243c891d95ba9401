import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine

/// `octavo build`: renders the site and writes it to the output folder.
struct Build: ParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            Everything is rendered and checked before anything is written: when the input has an \
            error, the output folder is left exactly as it was. Should the file system fail while \
            writing (a full disk), the message says which files were written. Files Octavo did not \
            write there are never overwritten or removed: an input that would replace one is an error.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .customLong("output"), help: ArgumentHelp("The folder to write the site to (default: Output, beside the content folder).", valueName: "dir"))
    var givenOutput: String?

    /// The output folder, relative to the current folder (the site's root once found).
    var output: String { givenOutput ?? site.inRoot("Output") }

    @Flag(name: .long, help: "Treat every warning as an error; write nothing when there is one.")
    var strict = false

    @Flag(name: .long, help: "Build even when nothing changed since the last build, and into an output folder that is not empty and has no .octavo-manifest (Octavo did not make it); files already there are still never overwritten or removed.")
    var force = false

    @Flag(name: .long, help: "Also build the pages marked draft: true in their front matter.")
    var drafts = false

    @Flag(name: [.short, .long], help: "Print nothing but errors and warnings.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "Also write the whole site into this zip file; the same input gives the same bytes (entry times: SOURCE_DATE_EPOCH, else 1980-01-01).",
        valueName: "file.zip"))
    var bundle: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also write the document as an EPUB 3 book to this file (overrides 'epub' of site.yml); the same input gives the same bytes.",
        valueName: "file.epub"))
    var epub: String?

    func validate() throws {
        if givenOutput?.isEmpty == true { throw ValidationError("--output needs a folder, such as --output Output") }
    }

    mutating func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var given = [givenOutput, bundle, epub]
        let startFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = site.enterSiteRoot(paths: &given)
        // Written at once, not buffered by print, so that it comes before any diagnostic in a log.
        if let root, !quiet { FileHandle.standardOutput.write(Data((root + "\n").utf8)) }
        (givenOutput, bundle, epub) = (given[0], given[1], given[2])
        var options = Pipeline.Options(
            content: SiteOptions.url(site.content), templates: SiteOptions.url(site.templates),
            output: SiteOptions.url(output), displayContent: site.content, displayTemplates: site.templates,
            displayOutput: output, strict: strict, bundle: bundle.map(SiteOptions.url), baseURL: site.baseURL,
            epub: epub.map(SiteOptions.url), displayEpub: epub, displayBundle: bundle)
        options.destination.force = force
        options.builtInTheme = true
        options.drafts = drafts ? .published : .leftOut
        options.input.bookTitle = site.bookTitle
        options.input.generator = site.generatorConfig
        if root != nil { options.input.startFolder = startFolder }
        let output = output
        let lock = OutputLock.take(output: SiteOptions.url(output)) { [quiet] in
            if !quiet { FileHandle.standardError.write(Data("Waiting for another octavo build (or serve) beside \(output) to finish…\n".utf8)) }
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let report = try Pipeline(options: options).build()
            Reporter.print(report.diagnostics)
            if !quiet {
                let elapsed = clock.now - start
                let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                let changes = report.write.map { ", \($0.written) written, \($0.unchanged) unchanged, \($0.removed) removed" } ?? ""
                let zip = zip(report.bundleBytes) + (report.epub.map { ", EPUB \($0.path) (\((($0.bytes ?? 0) + 512) / 1024) KB)" } ?? "")
                let pages = report.pages == 1 ? "1 page" : "\(report.pages) pages"
                let upToDate = report.upToDate ? ": nothing changed since the last build (--force builds again)" : ""
                print("Built \(pages) (\(report.files) files\(changes))\(zip) in \(milliseconds) ms\(upToDate)")
            }
            // The process ends here (exit flushes standard output, and the lock goes with the
            // process): freeing the build's values one by one, every page's file and scan, takes
            // longer than the system's taking back their memory at once.
            Foundation.exit(EXIT_SUCCESS)
        } catch let error as BuildError {
            let diagnostics = error.otherDiagnostics + error.diagnostics
            Reporter.print(strict ? Reporter.strict(diagnostics) : diagnostics)
            // Say "not changed" only when it is true: an error of the file system while writing
            // says what it had written, and an output folder that did not exist was not made.
            let made = FileManager.default.fileExists(atPath: SiteOptions.url(output).path)
            var outcome = error.written.map { "Build failed: \($0)" } ?? "Build failed: \(output) was not \(made ? "changed" : "created")."
            if strict, !diagnostics.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
                outcome += " The problems above are warnings, which --strict counts as errors."
            }
            FileHandle.standardError.write(Data((outcome + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// `, bundle site.zip (123 KB)`, or nothing without `--bundle`.
    private func zip(_ bytes: Int?) -> String {
        guard let bytes, let bundle else { return "" }
        return ", bundle \(bundle) (\((bytes + 512) / 1024) KB)"
    }
}
