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

    @Test func failedBuildLeavesOutputUntouched() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[ok](a.md)\n", "a.md": "# A\n"], under: "Content")
        _ = try SiteBuilder(options: options(in: folder)).build()
        let before = folder.snapshot("Output")
        #expect(before["a/index.html"] != nil)

        try folder.write(["index.md": "# Home\n\n[broken](missing.md)\n"], under: "Content")
        #expect(throws: BuildError.self) { try SiteBuilder(options: options(in: folder)).build() }
        try folder.write(["index.md": "# Home\n", "a.md": "---\ntitle: [unclosed\n---\n"], under: "Content")
        #expect(throws: BuildError.self) { try SiteBuilder(options: options(in: folder)).build() }
        try folder.writeBytes([0xFF, 0xFE], to: "Content/a.md")
        #expect(throws: BuildError.self) { try SiteBuilder(options: options(in: folder)).build() }
        #expect(folder.snapshot("Output") == before)
    }

    @Test func outputFolderMayNotHoldTheInput() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        for output in [folder.url.appendingPathComponent("Content"), folder.url, URL(fileURLWithPath: "/")] {
            var bad = options(in: folder)
            bad.output = output
            let error = #expect(throws: BuildError.self) { try SiteBuilder(options: bad).build() }
            #expect(error?.diagnostics.first?.message.contains("cannot be the output folder") == true)
        }
    }
}
