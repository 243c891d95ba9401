import Foundation
import Testing
@testable import Octavo

/// A build whose inputs and outputs are as the last build left them does nothing (``BuildStamp``);
/// any change to what it reads or wrote builds again.
@Suite("Write: nothing changed, nothing done")
struct BuildStampTests {
    /// A small site with a warning (an unknown front matter key), built once.
    static func builtSite() throws -> (TemporaryFolder, Pipeline.Options, Pipeline.Report) {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nSee [the guide](guide.md).\n", "guide.md": "---\ncolour: red\n---\n# Guide\n\nText.\n",
                          "extra.md": "# Extra\n"], under: "Content")
        let options = options(in: folder)
        let report = try Pipeline(options: options).build()
        return (folder, options, report)
    }

    @Test func aSecondBuildWithNothingChangedDoesNothingAndReportsTheSameWarnings() throws {
        let (folder, options, first) = try Self.builtSite()
        #expect(!first.upToDate)
        #expect(first.diagnostics.contains { $0.message.contains("colour") })
        let before = folder.snapshot("Output")
        let second = try Pipeline(options: options).build()
        #expect(second.upToDate)
        #expect(second.pages == first.pages && second.files == first.files)
        #expect(second.write == OutputWriter.Report(written: 0, unchanged: first.files, removed: 0))
        #expect(second.diagnostics == first.diagnostics)
        #expect(folder.snapshot("Output") == before)
    }

    /// The zip written beside the output folder is in the stamp by its path from there, so the
    /// stamp holds no absolute path; removing the zip builds again.
    @Test func theStampNamesTheZipByItsPathFromTheOutputFolder() throws {
        let (folder, plain, _) = try Self.builtSite()
        var options = plain
        options.bundle = folder.url.appendingPathComponent("site.zip")
        _ = try Pipeline(options: options).build()
        let stamp = String(decoding: try #require(FileManager.default.contents(atPath: folder.url.appendingPathComponent("Output/.octavo-stamp").path)), as: UTF8.self)
        #expect(stamp.contains("\nwritten ../site.zip\n"), "\(stamp)")
        #expect(!stamp.contains(folder.url.path))
        #expect(try Pipeline(options: options).build().upToDate)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("site.zip"))
        #expect(try !Pipeline(options: options).build().upToDate)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site.zip").path))
    }

    /// Each change, made after a first build, must make the next build a real one whose output is
    /// what a build into an empty folder writes.
    @Test(arguments: ["same-size edit", "new page", "removed page", "template", "output edited", "output removed", "base URL", "force"])
    func anyChangeBuildsAgain(_ change: String) throws {
        let (folder, first, _) = try Self.builtSite()
        var options = first
        let templates = try TemporaryFolder()
        switch change {
        case "same-size edit":
            // Same size, and the same modification time: only the status-change time and the bytes differ.
            let url = folder.url.appendingPathComponent("Content/guide.md")
            let time = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            try Data("---\ncolour: red\n---\n# Gyide\n\nText.\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: time as Any], ofItemAtPath: url.path)
        case "new page": try folder.write(["more.md": "# More\n"], under: "Content")
        case "removed page": try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/extra.md"))
        case "template":
            try FileManager.default.copyItem(at: realTemplates, to: templates.url.appendingPathComponent("T"))
            options.input.templates = templates.url.appendingPathComponent("T")
            _ = try Pipeline(options: options).build()
            let layout = templates.url.appendingPathComponent("T/layout.mustache")
            try (String(contentsOf: layout, encoding: .utf8) + "<!-- changed -->").write(to: layout, atomically: true, encoding: .utf8)
        case "output edited": try folder.write(["guide/index.html": "mine"], under: "Output")
        case "output removed": try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Output/guide/index.html"))
        case "base URL": options.baseURL = "https://example.org/docs/"
        default: options.destination.force = true
        }
        let report = try Pipeline(options: options).build()
        #expect(!report.upToDate)
        let fresh = try TemporaryFolder()
        var again = options
        again.output = fresh.url.appendingPathComponent("Output")
        _ = try Pipeline(options: again).build()
        #expect(folder.snapshot("Output") == fresh.snapshot("Output"))
    }

    @Test func aSymbolicLinkAmongTheInputsAlwaysBuilds() throws {
        let (folder, options, _) = try Self.builtSite()
        try folder.write(["notes/real.md": "# Real\n"], under: "Content")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("Content/alias.md").path, withDestinationPath: "notes/real.md")
        let first = try Pipeline(options: options).build()
        #expect(!first.upToDate)
        // What a link leads to may change with no change below the content folder: no stamp vouches for it.
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/\(BuildStamp.fileName)").path))
        #expect(try !Pipeline(options: options).build().upToDate)
    }

    /// The preview server's builds keep a cache: they render (filling it) and leave the stamp alone.
    @Test func aBuildWithACacheNeitherTrustsNorWritesTheStamp() throws {
        let (folder, options, _) = try Self.builtSite()
        let stamp = try folder.read("Output/\(BuildStamp.fileName)")
        var cached = Pipeline(options: options)
        cached.cache = BuildCache()
        #expect(try !cached.build().upToDate)
        try folder.write(["more.md": "# More\n"], under: "Content")
        #expect(try !cached.build().upToDate)
        #expect(try folder.read("Output/\(BuildStamp.fileName)") == stamp)
        // That stamp no longer matches the inputs: the next build without a cache builds.
        #expect(try !Pipeline(options: options).build().upToDate)
    }

    @Test func aDamagedStampOnlyMeansAFullBuild() throws {
        let (folder, options, first) = try Self.builtSite()
        try folder.write([BuildStamp.fileName: "octavo-stamp 1\ninputs x\nfiles many\n"], under: "Output")
        let report = try Pipeline(options: options).build()
        #expect(!report.upToDate)
        #expect(report.write == OutputWriter.Report(written: 0, unchanged: first.files, removed: 0))
        #expect(try Pipeline(options: options).build().upToDate)
    }

    @Test func theStampReadsBackWhatItWrote() throws {
        let stamp = BuildStamp(inputs: "ab", outputs: "cd", pages: 3, files: 9, bundleBytes: 1_234, epub: ("site.epub", 99),
                               diagnostics: [Diagnostic(file: "Content/a b.md", line: 2, column: 5, severity: .warning, message: "line\nbreak \"quoted\"")],
                               writtenOutside: ["/tmp/site.zip"])
        #expect(BuildStamp.read(stamp.encoded()) == stamp)
        #expect(BuildStamp.read(Array("octavo-stamp 2\ninputs ab\n".utf8)) == nil)
    }
}
