import Foundation
import Testing
@testable import Octavo

/// The real thing, slow (it builds 60 MB three times): `make test-slow` and CI run it; `swift test`
/// skips it unless OCTAVO_SLOW_TESTS=1. InterruptedWriteTests covers the same promise with a hook.
@Suite("A build killed while writing", .enabled(if: ProcessInfo.processInfo.environment["OCTAVO_SLOW_TESTS"] == "1"))
struct InterruptedBuildTests {
    @Test
    func everyFileIsOldOrNewNeverTruncated() throws {
        // 300 pages of about 200 KB each: rendering is quick, writing 60 MB takes long enough to interrupt.
        let folder = try TemporaryFolder()
        let paragraph = String(repeating: "A sentence of the interrupted build test. ", count: 12) + "\n\n"
        var files = ["index.md": "# Home\n"]
        for page in 1...300 {
            files["p\(page).md"] = "# Page \(page)\n\n" + String(repeating: paragraph, count: 400)
        }
        try folder.write(files, under: "Content")
        let executable = try #require(octavoExecutable, "no octavo executable: run `swift build --product octavo` first")
        let arguments = ["build", "--quiet", "--templates", realTemplates.path]

        // The old site, then the new one (every page changes with the site title) built elsewhere.
        #expect(try runOctavo(arguments, in: folder.url).status == 0)
        let old = folder.snapshot("Output")
        try folder.write(["site.yml": "title: A new title on every page\n"], under: "Content")
        #expect(try runOctavo(arguments + ["--output", "Expected"], in: folder.url).status == 0)
        let new = folder.snapshot("Expected")
        #expect(old.count == new.count)

        // Start the build and kill it as soon as it has replaced the first file.
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder.url
        try process.run()
        let watched = folder.url.appendingPathComponent("Output/index.html").path
        while process.isRunning, FileManager.default.contents(atPath: watched) == old["index.html"] {}
        let killedMidWrite = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(killedMidWrite, "the build finished before it could be killed; make the corpus larger")

        let after = folder.snapshot("Output")
        var changed = 0
        for (path, bytes) in after where !path.hasSuffix(".octavo-tmp") {
            #expect(bytes == old[path] || bytes == new[path], "\(path) is neither the old nor the new file")
            if bytes != old[path] { changed += 1 }
        }
        #expect(changed >= 1)
        #expect(changed < new.count, "every file was already replaced: the kill came too late to test anything")
        for path in old.keys { #expect(after[path] != nil, "\(path) disappeared") }

        // A rebuild completes the new site and leaves no temporary file behind.
        #expect(try runOctavo(arguments, in: folder.url).status == 0)
        #expect(folder.snapshot("Output") == new)
    }
}
