import Foundation
import Testing
@testable import Octavo

/// The output folder's protections, tested in one place: Output unchanged when a build fails (and
/// the command saying so truthfully), folders that may not be the output, files in the way, the
/// manifest of what Octavo wrote, files of the user (refused unless `--force`), and a write
/// stopped part-way (every file old or new; the real SIGKILL run is `InterruptedBuildTests`, slow).
@Suite("Output folder: protected on failure, manifest, ownership, interrupted write")
struct OutputFolderProtectionTests {
    // MARK: A failed build leaves Output as it was

    @Test func failedBuildLeavesOutputUntouched() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[ok](a.md)\n", "a.md": "# A\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let before = folder.snapshot("Output")
        #expect(before["a/index.html"] != nil)

        try folder.write(["index.md": "# Home\n\n[broken](missing.md)\n"], under: "Content")
        #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        try folder.write(["index.md": "# Home\n", "a.md": "---\ntitle: [unclosed\n---\n"], under: "Content")
        #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        try folder.writeBytes([0xFF, 0xFE], to: "Content/a.md")
        #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        #expect(folder.snapshot("Output") == before)
    }

    /// Every way the file system can fail after the first write: the error says what was written,
    /// and what it names is what changed.
    @Test func aWriteThatFailsPartWaySaysExactlyWhatItChanged() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("out")
        let writer = OutputWriter(root: root, displayRoot: "out")
        _ = try writer.write([OutputFile(path: "a.html", contents: .bytes(Array("old a".utf8))),
                              OutputFile(path: "z.html", contents: .bytes(Array("old z".utf8)))])
        let before = folder.snapshot("out")

        // A file to copy that vanished after rendering: a.html was already replaced.
        let vanished = OutputFile(path: "b.txt", contents: .copy(folder.url.appendingPathComponent("gone.txt")), source: "Content/gone.txt")
        let copyError = #expect(throws: BuildError.self) {
            try writer.write([OutputFile(path: "a.html", contents: .bytes(Array("new a".utf8))), vanished,
                              OutputFile(path: "z.html", contents: .bytes(Array("new z".utf8)))])
        }
        #expect(copyError?.diagnostics.map(\.description) == ["Content/gone.txt: error: cannot be read: check its permissions"])
        #expect(copyError?.written == "out was changed before the error: 1 file was written (a.html); every other file is as it was. Build again once the error is fixed.")
        var after = folder.snapshot("out")
        #expect(after["a.html"] == Data("new a".utf8) && after["z.html"] == before["z.html"])
        #expect(after[OutputWriter.manifestName] == before[OutputWriter.manifestName])

        // A new file written before the error: the manifest now lists it, and the message says so.
        let newError = #expect(throws: BuildError.self) {
            try writer.write([OutputFile(path: "a.html", contents: .bytes(Array("new a".utf8))),
                              OutputFile(path: "n.html", contents: .bytes(Array("n".utf8))), vanished])
        }
        #expect(newError?.written == "out was changed before the error: 1 file was written (n.html), and .octavo-manifest was updated to list them; "
                + "every other file is as it was. Build again once the error is fixed.")
        #expect(folder.snapshot("out")[OutputWriter.manifestName].map { String(decoding: $0, as: UTF8.self).contains("\"n.html\"") } == true)

        // A name the file system refuses, after a file that was written.
        let long = String(repeating: "x", count: 300)
        let nameError = #expect(throws: BuildError.self) {
            try writer.write([OutputFile(path: "a.html", contents: .bytes(Array("newer a".utf8))),
                              OutputFile(path: long, contents: .bytes([]))])
        }
        #expect(nameError?.written?.hasPrefix("out was changed before the error: 1 file was written (a.html)") == true)
        after = folder.snapshot("out")
        #expect(after["a.html"] == Data("newer a".utf8))

        // Nothing changed before the error: no claim of a change.
        let untouched = #expect(throws: BuildError.self) { try writer.write([vanished]) }
        #expect(untouched?.written == nil)
        #expect(folder.snapshot("out")["a.html"] == Data("newer a".utf8))

        // The manifest cannot be replaced (a folder stands there): every file was written, and said so.
        let other = folder.url.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other.appendingPathComponent(OutputWriter.manifestName), withIntermediateDirectories: true)
        let manifestError = #expect(throws: BuildError.self) {
            _ = try OutputWriter(root: other, displayRoot: "other").write([OutputFile(path: "p.html", contents: .bytes(Array("p".utf8)))])
        }
        #expect(manifestError?.diagnostics.first?.file == "other/.octavo-manifest")
        #expect(manifestError?.written == "other was changed before the error: 1 file was written (p.html); every other file is as it was. Build again once the error is fixed.")
        #expect(FileManager.default.contents(atPath: other.appendingPathComponent("p.html").path) == Data("p".utf8))
    }

    @Test func outputFolderMayNotHoldTheInput() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        for output in [folder.url.appendingPathComponent("Content"), folder.url, URL(fileURLWithPath: "/")] {
            var bad = options(in: folder)
            bad.output = output
            let error = #expect(throws: BuildError.self) { try Pipeline(options: bad).build() }
            #expect(error?.diagnostics.first?.message.contains("cannot be the output folder") == true)
        }
        // Inside the content folder: the message says what to pass instead.
        var inside = options(in: folder)
        inside.output = folder.url.appendingPathComponent("Content/Output")
        let error = #expect(throws: BuildError.self) { try Pipeline(options: inside).build() }
        #expect(error?.diagnostics.first?.message.hasSuffix("pass --output with a folder outside it, such as --output \(Pipeline.siteBeside(Pipeline.realPath(folder.url.appendingPathComponent("Content")), from: Pipeline.realPath(packageRoot)))") == true)
        // The folder suggested is beside the content folder, as a path from where the command runs.
        #expect(Pipeline.siteBeside("/r/docs", from: "/r/docs/guide") == "../../site")
        #expect(Pipeline.siteBeside("/r/docs", from: "/r/docs") == "../site")
        #expect(Pipeline.siteBeside("/r/docs", from: "/r") == "site")
        #expect(Pipeline.siteBeside("/r/Content", from: "/other/place") == "../../r/site")
    }

    /// A zip or EPUB in a folder that does not exist is refused before anything is built, with the
    /// folder as typed, not an error's internal name.
    @Test func aBundleOrEpubInAMissingFolderIsRefusedFirst() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        for (flag, file) in [("--bundle", "nodir/x.zip"), ("--epub", "nodir/x.epub")] {
            let result = try runOctavo(["build", "--templates", realTemplates.path, flag, file], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("\(file): error: cannot be written: its folder 'nodir' does not exist; create it first"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
        }
    }

    /// Run from a subfolder, the command builds the site above it; the suggested --output is a path
    /// from the folder it was run in, so that typing it there works.
    @Test func theSuggestedOutputFolderWorksFromASubfolder() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "guide/a.md": "# A\n", "site.yml": "title: Docs\n"], under: "docs")
        let guide = folder.url.appendingPathComponent("docs/guide")
        let refused = try runOctavo(["build", "--output", "out"], in: guide)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("such as --output ../../site"), "\(refused.stderr)")
        let built = try runOctavo(["build", "--quiet", "--output", "../../site"], in: guide)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site/index.html").path))
    }

    /// The command prints "not changed" only when nothing was; else what the build wrote.
    @Test func theBuildCommandSaysNotChangedOnlyWhenTrue() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Output/" + OutputWriter.manifestName), withIntermediateDirectories: true)
        let run = try runOctavo(["build", "--templates", realTemplates.path], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Build failed: Output was changed before the error: "), "\(run.stderr)")
        #expect(!run.stderr.contains("not changed"))
        try folder.write(["index.md": "# Home\n\n[x](missing.md)\n"], under: "Content")
        let refused = try runOctavo(["build", "--templates", realTemplates.path], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasSuffix("Build failed: Output was not changed.\n"), "\(refused.stderr)")
    }

    @Test func bundleInsideTheContentFolderIsRefusedAndAFailedBuildWritesNoBundle() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[broken](missing.md)\n"], under: "Content")
        var inside = options(in: folder)
        inside.bundle = folder.url.appendingPathComponent("Content/site.zip")
        let error = #expect(throws: BuildError.self) { try Pipeline(options: inside).build() }
        #expect(error?.diagnostics.first?.message.contains("cannot be the bundle") == true)

        var failing = options(in: folder)
        failing.bundle = folder.url.appendingPathComponent("site.zip")
        #expect(throws: BuildError.self) { try Pipeline(options: failing).build() }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site.zip").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["Content"])
    }

    /// A zip inside the output folder (by any path, through a link too) is refused before anything
    /// is written; the command says so and that Output was not changed, which is then true.
    @Test(arguments: ["Output/site.zip", "Output/sub/site.zip", "Output", "link/site.zip", "./Output/../Output/x.zip"])
    func bundleInsideTheOutputFolderIsRefusedBeforeAnythingIsWritten(_ bundle: String) throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nOld text.\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "Output")
        let before = folder.snapshot("Output")
        try folder.write(["index.md": "# Home\n\nNew text.\n"], under: "Content")
        let run = try runOctavo(["build", "--templates", realTemplates.path, "--bundle", bundle], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(bundle): error: cannot be the bundle: it is inside the output folder Output") || bundle == "Output", "\(run.stderr)")
        #expect(run.stderr.contains("cannot be the bundle"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("Build failed: Output was not changed.\n"))
        #expect(folder.snapshot("Output") == before)
    }

    // MARK: Folders that may not be the output, files in the way

    @Test func outputFolderThatHoldsTheInput() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        try folder.write(["layout.mustache": "{{{page.body}}}"], under: "Templates")
        let content = folder.url.appendingPathComponent("Content")
        let before = folder.snapshot("")
        for output in [content, folder.url.appendingPathComponent("Templates"), folder.url, URL(fileURLWithPath: "/"),
                       URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var bad = options(in: folder, templates: folder.url.appendingPathComponent("Templates"))
            bad.output = output
            let error = #expect(throws: BuildError.self) { try Pipeline(options: bad).build() }
            #expect(error?.diagnostics.first?.message.contains("cannot be the output folder") == true)
        }
        #expect(folder.snapshot("") == before)
    }

    @Test func anOutputFolderInsideTheContentFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n"], under: "Content")
        var inside = options(in: folder)
        inside.output = folder.url.appendingPathComponent("Content/out")
        let error = #expect(throws: BuildError.self) { try Pipeline(options: inside).build() }
        #expect(error?.diagnostics.first?.message.contains("is inside") == true)
        #expect(!FileManager.default.fileExists(atPath: inside.output.path))
    }

    @Test func aFileInTheWayOfAFolderStopsTheBuildBeforeAnyWrite() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[n](notes.md)\n", "notes.md": "# Notes\n"], under: "Content")
        try folder.write(["notes": "a file of mine"], under: "Output")
        var forced = options(in: folder)
        forced.destination.force = true  // a folder Octavo did not make is refused without it
        let error = #expect(throws: BuildError.self) { try Pipeline(options: forced).build() }
        #expect(error?.diagnostics.first?.message.contains("is a file Octavo did not write, where the build needs a folder") == true)
        #expect(folder.snapshot("Output") == ["notes": Data("a file of mine".utf8)])
    }

    @Test func aFileOfAnEarlierBuildInTheWayIsReplaced() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[n](notes)\n"], under: "Content")
        try folder.writeBytes(Array("old asset".utf8), to: "Content/notes")
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(try folder.read("Output/notes") == "old asset")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/notes"))
        try folder.write(["index.md": "# Home\n\n[n](notes.md)\n", "notes.md": "# Notes\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(try folder.read("Output/notes/index.html").contains("Notes"))
    }

    // MARK: The manifest (issue 19) and files of the user (issue 21, item 5)

    @Test func aNameWithALineBreakCannotMakeARebuildDeleteTheUsersFile() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        try folder.write(["CNAME": "example.org\n"], under: "Output")
        try folder.writeBytes(Array("data".utf8), to: "Content/x\nCNAME")
        let error = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        #expect(error?.diagnostics.first?.file == "Content/x\\nCNAME")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/x\nCNAME"))
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(try folder.read("Output/CNAME") == "example.org\n")
    }

    @Test func manifestRoundTripsEveryNameAndRefusesTamperedOnes() {
        let manifest = OutputManifest(files: ["a/index.html", "x\nCNAME", "q\"uote\\back", "ü/\u{7F}"])
        #expect(OutputManifest.read(manifest.encoded()) == .current(manifest))
        #expect(String(decoding: manifest.encoded(), as: UTF8.self).split(separator: "\n").count == 5)
        for entry in ["../x", "/etc/passwd", "a/../../x", "a//b", "./a", "", ".octavo-manifest", "a/", "nul\0"] {
            let bytes = Array((OutputManifest.versionLine + "\n\"ok.html\"\n" + OutputManifest.encodeJSONString(entry) + "\n").utf8)
            guard case .damaged = OutputManifest.read(bytes) else {
                Issue.record("accepted \(entry)")
                continue
            }
        }
        for text in ["octavo-manifest 3\n", "octavo-manifest 2\nplain\n", "octavo-manifest 2\n\"a\\qb\"\n", "octavo-manifest 2\n\"\\ud800\"\n", "", "../x\n"] {
            guard case .damaged = OutputManifest.read(Array(text.utf8)) else {
                Issue.record("accepted \(text.debugDescription)")
                continue
            }
        }
        #expect(OutputManifest.read(Array("a.html\nb/c.html\n".utf8)) == .legacy(files: ["a.html", "b/c.html"]))
        #expect(OutputManifest.read([0xFF]) == .damaged(reason: "it is not UTF-8"))
    }

    @Test func aTamperedManifestRemovesNothingOutsideTheOutputFolder() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try outside.write(["victim": "keep", "link/victim": "keep"])
        try folder.write(["x": "keep"])
        let writer = OutputWriter(root: folder.url.appendingPathComponent("Output"), displayRoot: "Output")
        let page = OutputFile(path: "a/index.html", contents: .bytes(Array("A".utf8)))
        _ = try writer.write([page, OutputFile(path: "b.html", contents: .bytes(Array("B".utf8)))])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("Output/link").path,
                                                   withDestinationPath: outside.url.appendingPathComponent("link").path)
        let manifestPath = "Output/" + OutputWriter.manifestName
        let forged = ["../x", outside.url.appendingPathComponent("victim").path, "a/../../x", "link/victim", "b.html"]
        // A forged format-2 manifest and a forged old one: untrusted, nothing removed, a warning.
        for manifest in [OutputManifest.versionLine + "\n" + forged.map(OutputManifest.encodeJSONString).joined(separator: "\n") + "\n",
                         forged.joined(separator: "\n") + "\n"] {
            try folder.write([manifestPath: manifest])
            let report = try writer.write([page])
            #expect(report.removed == 0)
            #expect(report.diagnostics.map(\.file) == [manifestPath])
            #expect(try folder.read("Output/b.html") == "B")
            try folder.write([manifestPath: manifest])
        }
        // A build refuses to replace files when it cannot tell they are its own, and says why.
        let error = #expect(throws: BuildError.self) { try writer.write([OutputFile(path: "a/index.html", contents: .bytes(Array("new".utf8)))]) }
        #expect(error?.diagnostics.map(\.file) == ["Output/a/index.html", manifestPath])
        // A well-formed manifest listing a path through a link out of the folder, and a real stale file.
        try folder.write([manifestPath: String(decoding: OutputManifest(files: ["link/victim", "b.html", "a/index.html"]).encoded(), as: UTF8.self)])
        let report = try writer.write([page])
        #expect(report.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/b.html").path))
        #expect(try outside.read("victim") == "keep")
        #expect(try outside.read("link/victim") == "keep")
        #expect(try folder.read("x") == "keep")
        #expect(OutputManifest.read(Array(try folder.read(manifestPath).utf8)) == .current(OutputManifest(files: ["a/index.html"])))
    }

    @Test func aFileOfTheUserIsNeverOverwrittenOrRemoved() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        try folder.write(["robots.txt": "mine\n"], under: "Output")
        let before = folder.snapshot("Output")
        try folder.write(["robots.txt": "theirs\n"], under: "Content")
        let error = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        #expect(error?.diagnostics.first?.file == "Output/robots.txt")
        #expect(error?.diagnostics.first?.message.contains("is a file Octavo did not write") == true)
        #expect(error?.diagnostics.first?.message.contains("Content/robots.txt would replace it") == true)
        #expect(folder.snapshot("Output") == before)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/robots.txt"))
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(try folder.read("Output/robots.txt") == "mine\n")
    }

    /// A folder Octavo did not make (no manifest) that is not empty is refused, before anything is
    /// written; with `--force` the build goes on, and still keeps what it would replace.
    @Test func aFirstBuildIntoAFolderWithoutManifestIsRefusedUnlessForcedAndKeepsWhatItWouldReplace() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        try folder.write(["index.html": "an old site", "notes.txt": "mine"], under: "Output")
        let refused = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        #expect(refused?.diagnostics.map(\.description) == [
            "Output: error: is not empty (it holds 'index.html', 'notes.txt') and Octavo did not make it (it has no .octavo-manifest): "
                + "pick another --output, empty the folder, or pass --force to build into it (no file of yours is overwritten or removed)",
        ])
        #expect(folder.snapshot("Output") == ["index.html": Data("an old site".utf8), "notes.txt": Data("mine".utf8)])
        var forced = options(in: folder)
        forced.destination.force = true
        let error = #expect(throws: BuildError.self) { try Pipeline(options: forced).build() }
        #expect(error?.diagnostics.map(\.file) == ["Output/index.html"])
        #expect(error?.diagnostics.first?.message.contains("pick another --output") == true)
        #expect(folder.snapshot("Output") == ["index.html": Data("an old site".utf8), "notes.txt": Data("mine".utf8)])

        // A copy of a build without its manifest has the very bytes: adopted, nothing refused.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Output"))
        _ = try Pipeline(options: options(in: folder)).build()
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Output/" + OutputWriter.manifestName))
        let report = try Pipeline(options: forced).build()
        #expect(report.write?.written == 0)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/" + OutputWriter.manifestName).path))
    }

    @Test func foldersAreRemovedOnlyWhenRemovingOctavosFilesEmptiedThem() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(root: folder.url.appendingPathComponent("out"))
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out/empty"), withIntermediateDirectories: true)
        try folder.write(["kept/mine.txt": "x"], under: "out")
        _ = try writer.write([OutputFile(path: "kept/a.html", contents: .bytes([65])), OutputFile(path: "new/b/c.html", contents: .bytes([66]))])
        _ = try writer.write([])
        #expect(Set(folder.snapshot("out").keys) == ["kept/mine.txt", OutputWriter.manifestName])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out/new").path))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out/empty").path))
    }
}

@Suite("Write: a write stopped part-way")
struct InterruptedWriteTests {
    struct Stop: Error {}

    /// A write stopped before its fourth file (as by a full disk): every file is the old or the new
    /// one, none is lost or truncated, no temporary file stays after the next write, the manifest
    /// still lists every file of both builds, and the next write completes the new site.
    @Test func everyFileIsOldOrNewAfterAWriteStopsPartWay() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("out")
        func site(_ version: String) -> [OutputFile] {
            (1...8).map { OutputFile(path: "p\($0)/index.html", contents: .bytes(Array("\(version) \($0)".utf8))) }
        }
        _ = try OutputWriter(root: root).write(site("old"))
        let old = folder.snapshot("out")

        var stopping = OutputWriter(root: root)
        let count = Counter()
        stopping.willReplace = { _ in if count.next() == 4 { throw Stop() } }
        #expect(throws: Stop.self) { try stopping.write(site("new")) }
        let after = folder.snapshot("out")
        let new = Dictionary(uniqueKeysWithValues: site("new").map { file -> (String, Data) in
            guard case .bytes(let bytes) = file.contents else { return (file.path, Data()) }
            return (file.path, Data(bytes))
        })
        var changed = 0
        for (path, bytes) in after where path != OutputWriter.manifestName {
            #expect(bytes == old[path] || bytes == new[path], "\(path) is neither the old nor the new file")
            if bytes != old[path] { changed += 1 }
        }
        #expect(changed == 3)
        #expect(Set(after.keys) == Set(old.keys))

        let report = try OutputWriter(root: root).write(site("new"))
        #expect(report == OutputWriter.Report(written: 5, unchanged: 3, removed: 0))
        var expected = new
        expected[OutputWriter.manifestName] = old[OutputWriter.manifestName]
        #expect(folder.snapshot("out") == expected)
    }

    /// A first build killed while writing (no `defer` runs then: the hook only looks) must leave a
    /// manifest that already owns every file it may have written, so the next build needs no `--force`.
    @Test func theManifestListsEveryFileBeforeTheFirstIsWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "guide.md": "# Guide\n"], under: "Content")
        let options = options(in: folder)
        let result = try Pipeline(input: options.input).render()
        let manifestPath = folder.url.appendingPathComponent("Output/\(OutputWriter.manifestName)").path
        var writer = OutputWriter(root: options.output)
        let seen = Seen()
        writer.willReplace = { path in
            seen.record(path, FileManager.default.contents(atPath: manifestPath).map { OutputManifest.read(Array($0)) } ?? nil)
        }
        _ = try writer.write(result.files)
        let first = try #require(seen.first)
        #expect(first.manifest == .current(OutputManifest(files: Set(result.files.map(\.path)))))
        // As if killed then: the files written so far and that manifest; the next build goes on.
        #expect(Pipeline(options: options).outputOwnershipProblem(options.destination) == nil)
    }

    /// A write stopped before its first file leaves the folder as it was, manifest included.
    @Test func aWriteStoppedBeforeItsFirstFileChangesNothing() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("out")
        _ = try OutputWriter(root: root).write([OutputFile(path: "a/index.html", contents: .bytes(Array("A".utf8)))])
        let before = folder.snapshot("out")
        var stopping = OutputWriter(root: root)
        stopping.willReplace = { _ in throw Stop() }
        #expect(throws: Stop.self) { try stopping.write([OutputFile(path: "b/index.html", contents: .bytes(Array("B".utf8)))]) }
        #expect(folder.snapshot("out") == before)
    }

    /// What the writer's hook saw first: the path and the manifest on disk at that moment.
    final class Seen: @unchecked Sendable {
        private(set) var first: (path: String, manifest: OutputManifest.Reading?)?
        private let lock = NSLock()
        func record(_ path: String, _ manifest: OutputManifest.Reading?) { lock.withLock { if first == nil { first = (path, manifest) } } }
    }

    /// Counts calls from the writer's hook.
    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
