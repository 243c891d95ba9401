import Foundation
import Testing
@testable import Octavo

@Suite("Write: atomic, incremental, manifest")
struct WriteTests {
    @Test func unchangedFilesAreNotRewrittenAndStaleOnesRemoved() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(root: folder.url.appendingPathComponent("out"))
        let first = try writer.write([
            OutputFile(path: "a/index.html", contents: .bytes(Array("A".utf8))),
            OutputFile(path: "b/index.html", contents: .bytes(Array("B".utf8))),
        ])
        #expect(first == OutputWriter.Report(written: 2, unchanged: 0, removed: 0))
        let aURL = folder.url.appendingPathComponent("out/a/index.html")
        let old = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: aURL.path)
        try folder.write(["CNAME": "example.org", ".nojekyll": "", ".git/HEAD": "ref"], under: "out")

        let second = try writer.write([OutputFile(path: "a/index.html", contents: .bytes(Array("A".utf8)))])
        #expect(second == OutputWriter.Report(written: 0, unchanged: 1, removed: 1))
        let modified = try FileManager.default.attributesOfItem(atPath: aURL.path)[.modificationDate] as? Date
        #expect(modified == old)
        let files = Set(folder.snapshot("out").keys)
        #expect(files == ["a/index.html", "CNAME", ".nojekyll", ".git/HEAD", ".octavo-manifest"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out/b").path))
    }

    /// A file recorded by ``WrittenFiles`` is not read again while it and the bytes asked for are
    /// as recorded; a change of either, or of the file by hand (even to the same size and time),
    /// has it compared again.
    @Test func writtenFilesAreReadAgainWhenTheFileOrTheBytesChange() throws {
        let folder = try TemporaryFolder()
        try folder.write(["a.html": "Old"])
        let path = folder.url.appendingPathComponent("a.html").path
        let known = WrittenFiles(settling: 0)
        var reads = 0
        func holds(_ text: String) -> Bool {
            known.file("a.html", at: path, holds: Array(text.utf8)) {
                reads += 1
                return FileStream.file(path, holds: Array(text.utf8))
            }
        }
        #expect(holds("Old") && reads == 1)
        #expect(holds("Old") && reads == 1)
        #expect(!holds("New") && reads == 2)
        #expect(holds("Old") && reads == 3)
        // Changed by hand to bytes of the same size, its modification time set back.
        let time = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate]
        try folder.write(["a.html": "Odd"])
        try FileManager.default.setAttributes([.modificationDate: time as Any], ofItemAtPath: path)
        #expect(!holds("Old") && reads == 4)
        // Just written: read again while the file system's clock may not have moved on.
        let settling = WrittenFiles()
        settling.wrote("a.html", at: path, bytes: Array("Odd".utf8))
        var compared = false
        #expect(settling.file("a.html", at: path, holds: Array("Odd".utf8)) { compared = true; return true } && compared)
    }

    /// A rebuild that keeps ``WrittenFiles`` writes again a page edited by hand in the output folder.
    @Test func aPageEditedByHandIsWrittenAgainWithARecord() throws {
        let folder = try TemporaryFolder()
        var writer = OutputWriter(root: folder.url.appendingPathComponent("out"))
        writer.known = WrittenFiles(settling: 0)
        let files = [OutputFile(path: "a/index.html", contents: .bytes(Array("A1".utf8))), OutputFile(path: "b.html", contents: .bytes(Array("B1".utf8)))]
        #expect(try writer.write(files) == OutputWriter.Report(written: 2, unchanged: 0, removed: 0))
        #expect(try writer.write(files) == OutputWriter.Report(written: 0, unchanged: 2, removed: 0))
        #expect(try writer.write(files) == OutputWriter.Report(written: 0, unchanged: 2, removed: 0))
        try folder.write(["a/index.html": "A2"], under: "out")
        #expect(try writer.write(files) == OutputWriter.Report(written: 1, unchanged: 1, removed: 0))
        #expect(folder.snapshot("out")["a/index.html"] == Data("A1".utf8))
    }

    /// Pages are staged in the output folder as they are rendered (``FileStage``): a staging folder
    /// a killed build left is Octavo's and goes away; only changed pages are replaced; a failing
    /// build leaves no staging folder, and makes no output folder that was not there.
    @Test func pagesAreStagedAndOnlyChangedOnesReplaced() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[a](a.md) [b](b.md)\n", "a.md": "# A\n", "b.md": "# B\n\nFirst.\n"], under: "Content")
        try folder.write([".7.octavo-tmp": "left by a killed build"], under: "Output/" + FileStage.folderName)
        let staging = folder.url.appendingPathComponent("Output/" + FileStage.folderName).path
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(!FileManager.default.fileExists(atPath: staging))
        let a = folder.url.appendingPathComponent("Output/a/index.html").path
        let old = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: a)

        try folder.write(["b.md": "# B\n\nFirst.\n\nSecond.\n"], under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(try FileManager.default.attributesOfItem(atPath: a)[.modificationDate] as? Date == old)
        #expect(String(decoding: folder.snapshot("Output")["b/index.html"] ?? Data(), as: UTF8.self).contains("Second."))
        #expect((report.write?.written ?? 0) > 0 && (report.write?.unchanged ?? 0) > 0)

        let before = folder.snapshot("Output")
        try folder.write(["b.md": "# B\n\nFirst.\n\n[gone](gone.md)\n"], under: "Content")
        #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        #expect(folder.snapshot("Output") == before)
        #expect(!FileManager.default.fileExists(atPath: staging))
        var elsewhere = options(in: folder)
        elsewhere.output = folder.url.appendingPathComponent("New")
        #expect(throws: BuildError.self) { try Pipeline(options: elsewhere).build() }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("New").path))
    }

    /// A killed build's temporary files (`.NAME.octavo-tmp`, at any depth) go; a user's file that
    /// only ends like one, and anything behind a symbolic link, stay.
    @Test func leftoverTemporaryFilesAreRemovedAtAnyDepth() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(root: folder.url.appendingPathComponent("out"))
        let file = OutputFile(path: "a/index.html", contents: .bytes(Array("A".utf8)))
        _ = try writer.write([file])
        try folder.write([".index.html.octavo-tmp": "x", "a/b/c/.index.html.octavo-tmp": "x", "notes.octavo-tmp": "mine"], under: "out")
        try folder.write([".page.octavo-tmp": "elsewhere"], under: "other")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out/link").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("other").path)
        _ = try writer.write([file])
        let files = Set(folder.snapshot("out").keys)
        #expect(!files.contains(".index.html.octavo-tmp") && !files.contains("a/b/c/.index.html.octavo-tmp"))
        #expect(files.contains("notes.octavo-tmp"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("other/.page.octavo-tmp").path))
    }

    /// An output folder whose parent folders are missing too is made with them and staged into
    /// as any new folder (the parse cache is kept); a build there that fails leaves none of them.
    @Test func anOutputFolderBelowMissingFoldersIsStagedAndRemovedWithThemOnFailure() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A\n"], under: "Content")
        var nested = options(in: folder)
        nested.output = folder.url.appendingPathComponent("Missing/deeper/site")
        let report = try Pipeline(options: nested).build()
        #expect(report.write?.written ?? 0 > 0)
        let site = folder.url.appendingPathComponent("Missing/deeper/site")
        #expect(folder.snapshot("Missing/deeper/site")["a/index.html"] != nil)
        // Kept only by a build that staged its files (one kept in memory wrote none).
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(ParseCacheFile.fileName).path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(FileStage.folderName).path))

        try folder.write(["a.md": "# A\n\n[gone](gone.md)\n"], under: "Content")
        var failing = options(in: folder)
        failing.output = folder.url.appendingPathComponent("Gone/deeper/site")
        #expect(throws: BuildError.self) { try Pipeline(options: failing).build() }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Gone").path))
    }

    /// Into an output folder the build makes, files are staged at their own paths and put in
    /// place by renaming the entries at the top of the stage (the folder `a` is the one staged,
    /// the same inode); files given as bytes are written into the moved folder, also one that
    /// comes before the staged ones in path order.
    @Test func aNewOutputFolderTakesTheStagedEntriesWhole() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("out")
        let stage = FileStage(root: root)
        let site = try #require(stage.site)
        let staged = [stage.file("a/b/index.html", text: "AB"), stage.file("index.html", text: "I"), stage.file("a/c.css", text: "C")]
        for file in staged {
            guard case .staged(let url, unchanged: false) = file.contents else {
                Issue.record("\(file.path) was not staged")
                continue
            }
            #expect(url.path == site.path + "/" + file.path)
        }
        #expect(stage.siteFiles == 3)
        let inode = try inodeNumber(site.appendingPathComponent("a").path)
        var writer = OutputWriter(root: root)
        writer.madeByThisBuild = stage.madeRoot
        writer.stagedSite = stage.site.map { ($0, stage.siteFiles) }
        let files = (staged + [OutputFile(path: "a/d.txt", contents: .bytes(Array("D".utf8))), OutputFile(path: "a/0.txt", contents: .bytes(Array("0".utf8)))])
            .sorted { $0.path < $1.path }
        let report = try writer.write(files)
        stage.discard()
        #expect(report == OutputWriter.Report(written: 5, unchanged: 0, removed: 0))
        #expect(try inodeNumber(root.appendingPathComponent("a").path) == inode)
        let written = folder.snapshot("out")
        #expect(Set(written.keys) == ["a/b/index.html", "index.html", "a/c.css", "a/d.txt", "a/0.txt", OutputWriter.manifestName])
        #expect(written["a/b/index.html"] == Data("AB".utf8) && written["index.html"] == Data("I".utf8) && written["a/d.txt"] == Data("D".utf8))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(FileStage.folderName).path))
    }

    /// A file staged at its path that the build does not write (it would come along with its
    /// folder) has every file renamed one by one instead: it is not published.
    @Test func aStagedFileThatIsNotWrittenStopsTheWholeMove() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("out")
        let stage = FileStage(root: root)
        let site = try #require(stage.site)
        let files = [stage.file("a/index.html", text: "A"), stage.file("b.html", text: "B")]
        _ = stage.file("a/extra.html", text: "not written")
        let inode = try inodeNumber(site.appendingPathComponent("a").path)
        var writer = OutputWriter(root: root)
        writer.madeByThisBuild = stage.madeRoot
        writer.stagedSite = stage.site.map { ($0, stage.siteFiles) }
        #expect(try writer.write(files) == OutputWriter.Report(written: 2, unchanged: 0, removed: 0))
        stage.discard()
        #expect(Set(folder.snapshot("out").keys) == ["a/index.html", "b.html", OutputWriter.manifestName])
        #expect(try inodeNumber(root.appendingPathComponent("a").path) != inode)
    }

    /// Only a plain relative path is staged at its own path: never one that could lead out of the stage.
    @Test(arguments: [("a/b.html", true), ("index.html", true), ("a.b/c d/é.html", true), ("", false), ("/a.html", false),
                      ("a//b.html", false), ("a/./b.html", false), ("../a.html", false), ("a/..", false), ("a/", false), ("a\0b", false)])
    func onlyPlainPathsAreStagedAtTheirPaths(_ path: String, plain: Bool) {
        #expect(FileStage.isPlainPath(path) == plain)
    }

    /// What a killed build left in the staging folder, files at any depth, goes when the next
    /// build stages; a symbolic link in it is removed as a link, and what it leads to stays.
    @Test func aKilledBuildsStagedFoldersAreRemoved() throws {
        let folder = try TemporaryFolder()
        let staging = "out/" + FileStage.folderName
        try folder.write(["site/a/b/index.html": "A", "site/index.html": "I", ".3.octavo-tmp": "x"], under: staging)
        try folder.write(["keep.html": "mine"], under: "other")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(staging + "/site/a/link").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("other").path)
        let stage = FileStage(root: folder.url.appendingPathComponent("out"))
        #expect(stage.folder != nil && stage.site == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent(staging).path).isEmpty)
        #expect(folder.snapshot("other")["keep.html"] == Data("mine".utf8))
        stage.discard()
    }

    private func inodeNumber(_ path: String) throws -> UInt64 {
        var info = stat()
        try #require(lstat(path, &info) == 0)
        return UInt64(info.st_ino)
    }

    /// With a record of what it wrote (`octavo serve`), the writer looks for a killed build's
    /// temporary files at its first write only: its own writes leave none.
    @Test func aWriterWithARecordSweepsOnce() throws {
        let folder = try TemporaryFolder()
        var writer = OutputWriter(root: folder.url.appendingPathComponent("out"))
        writer.known = WrittenFiles(settling: 0)
        let file = OutputFile(path: "a/index.html", contents: .bytes(Array("A".utf8)))
        try folder.write(["a/.index.html.octavo-tmp": "x"], under: "out")
        _ = try writer.write([file])
        #expect(folder.snapshot("out")["a/.index.html.octavo-tmp"] == nil)
        try folder.write(["a/.index.html.octavo-tmp": "x"], under: "out")
        _ = try writer.write([file])
        #expect(folder.snapshot("out")["a/.index.html.octavo-tmp"] != nil)
    }
}

@Suite("Write: assets copied in chunks")
struct FileStreamTests {
    /// An asset of several chunks is copied byte for byte; a rebuild leaves it alone; one byte
    /// changed at the end (same size) is noticed and copied again.
    @Test func largeAssetIsCopiedComparedAndRecopiedByChunks() throws {
        let folder = try TemporaryFolder()
        var bytes = (0..<(3 * FileStream.chunkSize + 5)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try folder.writeBytes(bytes, to: "in/video.bin")
        let source = folder.url.appendingPathComponent("in/video.bin")
        let writer = OutputWriter(root: folder.url.appendingPathComponent("out"))
        let file = OutputFile(path: "video.bin", contents: .copy(source))
        #expect(try writer.write([file]) == OutputWriter.Report(written: 1, unchanged: 0, removed: 0))
        #expect(folder.snapshot("out")["video.bin"] == Data(bytes))
        #expect(try writer.write([file]) == OutputWriter.Report(written: 0, unchanged: 1, removed: 0))
        bytes[bytes.count - 1] &+= 1
        try folder.writeBytes(bytes, to: "in/video.bin")
        #expect(try writer.write([file]) == OutputWriter.Report(written: 1, unchanged: 0, removed: 0))
        #expect(folder.snapshot("out")["video.bin"] == Data(bytes))
    }

    @Test func bytesAreComparedWithAFileByChunks() throws {
        let folder = try TemporaryFolder()
        let bytes = (0..<(FileStream.chunkSize + 1)).map { UInt8(truncatingIfNeeded: $0) }
        try folder.writeBytes(bytes, to: "a")
        let path = folder.url.appendingPathComponent("a").path
        #expect(FileStream.file(path, holds: bytes))
        #expect(!FileStream.file(path, holds: Array(bytes.dropLast())))
        #expect(!FileStream.file(path, holds: Array(bytes.dropLast()) + [bytes.last! &+ 1]))
    }
}
