import Foundation

// A build whose inputs and outputs are as the last successful build left them does nothing: the
// stamp `.octavo-stamp` (``BuildStamp``) records both, and `build()` compares before rendering.
extension Pipeline {
    /// The report of the last build, when nothing it read or wrote has changed since; `nil` when
    /// the site must be built. Costs one `lstat` per input and output file.
    /// - Parameter inputs: ``inputDescription(_:)``, taken before the build reads anything.
    func upToDateReport(_ destination: Destination, inputs: String?) -> Report? {
        guard let inputs, let bytes = FileManager.default.contents(atPath: destination.output.appendingPathComponent(BuildStamp.fileName, isDirectory: false).path),
              let stamp = BuildStamp.read(Array(bytes)), stamp.inputs == BuildStamp.digest(inputs),
              let outputs = outputDescription(destination, writtenOutside: stamp.writtenOutside), stamp.outputs == BuildStamp.digest(outputs)
        else { return nil }
        var report = Report(pages: stamp.pages, files: stamp.files, diagnostics: stamp.diagnostics,
                            write: OutputWriter.Report(written: 0, unchanged: stamp.files, removed: 0), bundleBytes: stamp.bundleBytes, epub: stamp.epub)
        report.upToDate = true
        return report
    }

    /// Records a successful build's report in the output folder. A stamp that cannot be written
    /// only means a full build next time, so a failure here is not the build's.
    ///
    /// A failed build leaves the stamp as it was: what it read differs from what the stamp
    /// describes (a file's status-change time cannot be set back), and any file it wrote has a new
    /// inode, so the stamp no longer matches either way.
    /// - Parameters:
    ///   - inputs: ``inputDescription(_:)`` as it was before the build read its inputs, so that a
    ///     file saved during the build makes the next build a full one.
    ///   - writtenOutside: the files written outside the output folder (the zip, the EPUB).
    ///   - files: the paths of the files written, as the manifest lists them, sorted by `<`.
    func writeStamp(_ report: Report, _ destination: Destination, inputs: String?, writtenOutside: [URL], files: [String]) {
        let url = destination.output.appendingPathComponent(BuildStamp.fileName, isDirectory: false)
        // From the output folder (`../site.zip`), so that the stamp holds no absolute path.
        let outside = writtenOutside.map { SiteRoot.relativePath(from: destination.output, to: $0) }
        guard let inputs, let outputs = outputDescription(destination, writtenOutside: outside, files: files) else {
            unlink(url.path)
            return
        }
        let stamp = BuildStamp(inputs: BuildStamp.digest(inputs), outputs: BuildStamp.digest(outputs), pages: report.pages, files: report.files,
                               bundleBytes: report.bundleBytes, epub: report.epub, diagnostics: report.diagnostics, writtenOutside: outside)
        // A temporary file renamed over the stamp, as the write stage does (`Data`'s atomic write
        // would also `fsync` it, which costs a cold build milliseconds of waiting for the disk; no
        // other file of the build is synced, and a stamp that did not reach the disk only means a full build).
        let temporary = destination.output.appendingPathComponent("." + BuildStamp.fileName + OutputWriter.temporarySuffix, isDirectory: false).path
        if !OutputWriter.writeFile(temporary, stamp.encoded()) || rename(temporary, url.path) != 0 {
            unlink(temporary)
            unlink(url.path)
        }
    }

    /// Everything a build's result depends on, as text: Octavo's own binary (its size, times and
    /// inode, so a rebuilt Octavo builds again), the options, `SOURCE_DATE_EPOCH`, and
    /// every path below the content and templates folders (see ``SourceSnapshot``). `nil` when a
    /// symbolic link is among them: what it leads to may change without any of this changing.
    func inputDescription(_ destination: Destination) -> String? {
        let content = SourceSnapshot(of: [input.content])
        let templates = SourceSnapshot(of: [input.templates])
        guard !content.hasSymbolicLinks, !templates.hasSymbolicLinks,
              let executable = RunningExecutable.path, let binary = SourceSnapshot.line(of: executable) else { return nil }
        let options: [String] = [
            "octavo \(binary)",
            "content \(Self.realPath(input.content)) \(input.displayContent)",
            "templates \(Self.realPath(input.templates)) \(input.displayTemplates) built-in \(input.builtInTheme)",
            "base-url \(input.baseURL ?? "-") drafts \(input.drafts) book-title \(input.bookTitle ?? "-") generator \(input.generator.map { "\($0.title ?? "-") \($0.baseURL ?? "-")" } ?? "-")",
            "output \(Self.realPath(destination.output)) \(destination.displayOutput) strict \(destination.strict) force \(destination.force)",
            "bundle \(destination.bundle.map(Self.realPath) ?? "-") \(destination.displayBundle?.text ?? "-")",
            "epub \(destination.epub.map(Self.realPath) ?? "-") \(destination.displayEpub?.text ?? "-")",
            // `getenv`: Foundation's `environment` builds a dictionary of every variable first.
            "SOURCE_DATE_EPOCH \(getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) } ?? "-")",
        ]
        return (options + ["content:", content.text(relativeTo: input.content.standardizedFileURL.path),
                           "templates:", templates.text(relativeTo: input.templates.standardizedFileURL.path)]).joined(separator: "\n")
    }

    /// What the last build wrote, as text: size, times and inode of the manifest, of every file it
    /// lists, and of the files written outside the output folder (the zip, the EPUB; paths from the
    /// output folder, `../site.zip`). `nil` when one of them is missing or the manifest cannot be read, so that a file
    /// removed or edited in the output folder is written again.
    /// `files`, when given, are the manifest's paths sorted by `<` (the build that just wrote it
    /// knows them); else the manifest is read.
    func outputDescription(_ destination: Destination, writtenOutside: [String], files given: [String]? = nil) -> String? {
        let manifestPath = destination.output.appendingPathComponent(OutputWriter.manifestName, isDirectory: false).path
        let files: [String]
        if let given {
            files = given
        } else {
            guard let bytes = FileManager.default.contents(atPath: manifestPath), case .current(let manifest) = OutputManifest.read(Array(bytes)) else { return nil }
            files = manifest.files.sorted()
        }
        guard let manifestLine = SourceSnapshot.line(of: manifestPath) else { return nil }
        var lines = ["manifest \(manifestLine)"]
        let base = destination.output.path + "/"
        for path in files {
            guard let line = SourceSnapshot.line(of: base + path) else { return nil }
            lines.append("\(line) \(path)")
        }
        for path in writtenOutside {
            guard let line = SourceSnapshot.line(of: destination.output.standardizedFileURL.appendingPathComponent(path).standardizedFileURL.path) else { return nil }
            lines.append("\(line) \(path)")
        }
        return lines.joined(separator: "\n")
    }
}
