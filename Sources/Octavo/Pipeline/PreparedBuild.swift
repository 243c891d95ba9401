import Foundation

/// A build that is rendered and checked, its files staged in the output folder's staging folder
/// (and its zip and EPUB in temporary files beside them), but that has not changed the output
/// folder yet (see ``Pipeline/prepare()``). ``commit()`` writes it as ``Pipeline/build()`` would;
/// ``discard()`` leaves the output folder as it was. One of them must be called, once, before the
/// next build into the same output folder is prepared (its stage would remove this one's files).
public final class PreparedBuild: @unchecked Sendable {
    private let pipeline: Pipeline
    private let destination: Pipeline.Destination
    private let stamped: Bool
    private let inputs: String?
    private let stage: FileStage
    private let result: Pipeline.Result
    private let bundle: ZipBundle
    private let zip: (url: URL, temporary: URL)?
    private let book: (epub: EpubOutput, temporary: URL)?
    // Set by the one call of commit() or discard(), on the thread that makes it.
    private var finished = false

    init(pipeline: Pipeline, destination: Pipeline.Destination, stamped: Bool, inputs: String?, stage: FileStage, result: Pipeline.Result,
         bundle: ZipBundle, zip: (url: URL, temporary: URL)?, book: (epub: EpubOutput, temporary: URL)?) {
        self.pipeline = pipeline
        self.destination = destination
        self.stamped = stamped
        self.inputs = inputs
        self.stage = stage
        self.result = result
        self.bundle = bundle
        self.zip = zip
        self.book = book
    }

    deinit { discard() }

    /// Puts the staged files into the output folder (and the zip and EPUB in place), removes the
    /// files the build no longer makes, and says what was done.
    /// - Throws: ``BuildError`` when the file system fails; ``BuildError/written`` says what was written.
    public func commit() throws -> Pipeline.Report {
        precondition(!finished, "a prepared build is committed or discarded once")
        finished = true
        defer { stage.discard() }
        let write: OutputWriter.Report
        do {
            var writer = OutputWriter(root: destination.output, displayRoot: destination.displayOutput.text)
            writer.known = pipeline.cache?.written
            writer.madeByThisBuild = stage.madeRoot
            writer.stagedSite = stage.site.map { ($0, stage.siteFiles) }
            write = try writer.write(result.files)
        } catch {
            if let zip { try? FileManager.default.removeItem(at: zip.temporary) }
            if let book { try? FileManager.default.removeItem(at: book.temporary) }
            throw error
        }
        var bundleBytes: Int?
        if let zip {
            do {
                try bundle.commit(zip.temporary, to: zip.url, display: destination.displayBundle?.text)
            } catch var error as BuildError {
                if let book { try? FileManager.default.removeItem(at: book.temporary) }
                error.written = "\(destination.displayOutput) was built (\(write.written) files written, \(write.unchanged) unchanged, "
                    + "\(write.removed) removed), but the zip was not: build again once the error is fixed"
                throw error
            }
            bundleBytes = (try? FileManager.default.attributesOfItem(atPath: zip.url.path)[.size] as? Int) ?? nil
        }
        let epub: (path: String, bytes: Int?)?
        do {
            epub = try book.map { try pipeline.commitEpub($0.epub, temporary: $0.temporary) }
        } catch var error as BuildError {
            error.written = "\(destination.displayOutput) was built (\(write.written) files written, \(write.unchanged) unchanged, "
                + "\(write.removed) removed)\(zip == nil ? "" : " and the zip too"), but the EPUB was not: build again once the error is fixed"
            throw error
        }
        var report = Pipeline.Report(pages: result.site.pages.count, files: result.files.count,
                                     diagnostics: result.diagnostics.filter { $0.severity != .error } + write.diagnostics, write: write,
                                     bundleBytes: bundleBytes, epub: epub)
        if let parses = pipeline.parseCacheFile {
            report.parsedFiles = parses.counts.parsed
            pipeline.writeParseCache(parses, destination)
        }
        if stamped { pipeline.writeStamp(report, destination, inputs: inputs, writtenOutside: [zip?.url, book?.epub.url].compactMap { $0 },
                                            files: result.files.map(\.path)) }
        return report
    }

    /// Drops the staged files, the zip and the EPUB; the output folder stays as it was. Does
    /// nothing once the build is committed or discarded.
    public func discard() {
        guard !finished else { return }
        finished = true
        stage.discard()
        if let zip { try? FileManager.default.removeItem(at: zip.temporary) }
        if let book { try? FileManager.default.removeItem(at: book.temporary) }
    }
}
