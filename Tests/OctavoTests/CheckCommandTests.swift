// Runs the built `octavo check` and `octavo build` as CI would: exit status and printed lines.
import Foundation
import Testing

@Suite("CLI: octavo check and build")
struct CheckCommandTests {
    func brokenSite() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(CheckTests.brokenSite, under: "Content")
        return folder
    }

    @Test func checkPrintsCompilerStyleLinesAndExits1() throws {
        let folder = try brokenSite()
        let result = try runOctavo(["check", "--templates", realTemplates.path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count == 2)
        #expect(result.stdout.hasPrefix("Content/index.md:5:5: error: link target 'nope.md' does not exist\n"))
        #expect(result.stderr == "Checked 2 pages: 2 errors, 0 warnings\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    @Test func checkInGitHubFormatPrintsTwoAnnotations() throws {
        let folder = try brokenSite()
        let result = try runOctavo(["check", "--templates", realTemplates.path, "--format", "github"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("::error file=Content/index.md,line=") }.count == 2)
    }

    @Test func theRealDocumentChecksCleanAndStrict() throws {
        let result = try runOctavo(["check", "--strict"], in: packageRoot)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Checked 36 pages: 0 errors, 0 warnings\n")
    }

    @Test func failedBuildExits1NamesTheFileAndKeepsOutput() throws {
        let folder = try brokenSite()
        try folder.write(["keep.txt": "mine"], under: "Output")
        let result = try runOctavo(["build", "--templates", realTemplates.path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/index.md:5:5: error: link target 'nope.md' does not exist"))
        #expect(result.stderr.hasSuffix("Build failed: Output was not changed.\n"))
        #expect(folder.snapshot("Output") == ["keep.txt": Data("mine".utf8)])
    }

    /// With `--strict`, warnings fail the command and are printed as the errors they count as, so
    /// that the log (and GitHub's annotations) says why; the last line names `--strict`.
    @Test func strictPrintsWarningsAsErrorsAndSaysWhy() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\nwieght: 1\n---\n# Home\n\nText.\n"], under: "Content")
        let check = try runOctavo(["check", "--strict", "--templates", realTemplates.path, "--format", "github"], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("::error file=Content/index.md,line=2"), "\(check.stdout)")
        let text = try runOctavo(["check", "--strict", "--templates", realTemplates.path], in: folder.url)
        #expect(text.stdout.hasPrefix("Content/index.md:2:1: error: front matter key 'wieght'"), "\(text.stdout)")
        #expect(text.stderr == "Checked 1 page: 0 errors, 1 warning (errors with --strict)\n")
        let build = try runOctavo(["build", "--strict", "--templates", realTemplates.path], in: folder.url)
        #expect(build.status == 1)
        #expect(build.stderr.contains("Content/index.md:2:1: error: front matter key 'wieght'"), "\(build.stderr)")
        // There was no output folder, and the failed build did not make one.
        #expect(build.stderr.hasSuffix("Build failed: Output was not created. The problems above are warnings, which --strict counts as errors.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
        // Without --strict the same line is a warning and the build succeeds.
        let plain = try runOctavo(["check", "--templates", realTemplates.path], in: folder.url)
        #expect(plain.status == 0 && plain.stdout.hasPrefix("Content/index.md:2:1: warning: "))
    }

    /// A page that cannot be placed stops the check before any page is made: the summary says so
    /// rather than "Checked 0 pages".
    @Test func aCheckStoppedBeforeThePagesSaysSo() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "guide/index.md": "# Guide\n", "guide/Index.md": "# Guide too\n"], under: "Content")
        let check = try runOctavo(["check", "--templates", realTemplates.path], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stderr == "Checked the site, stopped before its pages were made: 1 error, 0 warnings\n", "\(check.stderr)")
    }

    /// A second build beside the same output folder waits for the first (here: a lock the test
    /// holds) and says so, rather than clearing its staging folder mid-build; it builds once the
    /// lock is let go.
    @Test func aBuildWaitsForAnotherBuildIntoTheSameFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nText.\n"], under: "Content")
        let held = open(folder.url.path, O_RDONLY | O_DIRECTORY)
        #expect(held >= 0 && flock(held, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = try #require(octavoExecutable, "no octavo executable: run `swift build --product octavo` first")
        process.arguments = ["build", "--templates", realTemplates.path]
        process.currentDirectoryURL = folder.url
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Read what it prints until it says it waits (the read blocks; no timing involved).
        var printed = Data()
        while !String(decoding: printed, as: UTF8.self).contains("\n") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        #expect(String(decoding: printed, as: UTF8.self) == "Waiting for another octavo build (or serve) beside Output to finish…\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
        close(held)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/index.html").path))
    }

    /// `check` and `build` print the same problems in the same order, by file, line and column,
    /// whatever stage found each one (here the load, link and audit stages, in other orders).
    @Test func checkAndBuildListProblemsByFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\n[x](nope.md) [a](a.md)\n\n#### Deep\n",
            "a.md": "---\nwieght: 1\n---\n# A\n\n[y](gone.md)\n",
        ], under: "Content")
        let check = try runOctavo(["check", "--templates", realTemplates.path], in: folder.url)
        let build = try runOctavo(["build", "--templates", realTemplates.path], in: folder.url)
        let expected = [
            "Content/a.md:2:1: warning: front matter key 'wieght' is not used by Octavo: did you mean 'weight'?",
            "Content/a.md:6:1: error: link target 'gone.md' does not exist",
            "Content/index.md:3:1: error: link target 'nope.md' does not exist",
            "Content/index.md:5:1: warning: heading level 4 skips level 2: use ##",
        ]
        #expect(check.stdout.split(separator: "\n").map(String.init) == expected)
        #expect(build.stderr.split(separator: "\n").map(String.init) == expected + ["Build failed: Output was not created."])
    }

    /// `check` sees the site `build` makes, drafts left out (and with `--drafts`, as `build
    /// --drafts` makes it), so that a check that passes is a build that passes and the other way
    /// round: a link to a folder of drafts only fails both; a draft home and section page give way
    /// to made ones in both; a draft's own broken link fails neither until `--drafts`.
    @Test(arguments: [
        ["index.md": "# Home\n\nSee [blog](blog/).\n", "blog/post.md": "---\ntitle: Post\ndraft: true\n---\nText.\n"],
        ["index.md": "---\ndraft: true\n---\n# Home\n\n[a](sec/a.md)\n", "sec/_index.md": "---\ndraft: true\n---\n# Sec\n",
         "sec/a.md": "# A\n\n[up](_index.md) [home](../index.md)\n"],
        ["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A\n", "wip.md": "---\ndraft: true\n---\n# WIP\n\n[x](nope.md)\n"],
    ])
    func checkAndBuildAgreeAboutDrafts(_ files: [String: String]) throws {
        for drafts in [[], ["--drafts"]] {
            let folder = try TemporaryFolder()
            try folder.write(files, under: "Content")
            let check = try runOctavo(["check", "--strict", "--templates", realTemplates.path] + drafts, in: folder.url)
            let build = try runOctavo(["build", "--strict", "--templates", realTemplates.path] + drafts, in: folder.url)
            #expect(check.status == build.status, "check: \(check.stdout)\(check.stderr)\nbuild: \(build.stderr)")
            let errors = check.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(errors.allSatisfy { build.stderr.contains($0) }, "\(errors) not in \(build.stderr)")
            if drafts.isEmpty {
                #expect(check.stderr.contains("left out, as build leaves"), "\(check.stderr)")
            } else {
                #expect(!check.stderr.contains("left out"))
            }
        }
    }

    /// The warnings of a build that fails on an error are printed too, with the errors in file order.
    @Test func failedBuildPrintsItsWarningsToo() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\nwieght: 1\n---\n# Home\n\n[x](nope.md)\n"], under: "Content")
        let result = try runOctavo(["build", "--templates", realTemplates.path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            Content/index.md:2:1: warning: front matter key 'wieght' is not used by Octavo: did you mean 'weight'?
            Content/index.md:6:1: error: link target 'nope.md' does not exist
            Build failed: Output was not created.

            """)
    }

    @Test func strictBuildFailsOnAWarningAndQuietBuildPrintsNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\ntitel: typo\n---\n# Home\n"], under: "Content")
        let strict = try runOctavo(["build", "--strict", "--templates", realTemplates.path], in: folder.url)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("Content/index.md:2:1: error: front matter key 'titel' is not used by Octavo"))
        let quiet = try runOctavo(["build", "--quiet", "--templates", realTemplates.path], in: folder.url)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.contains("warning: front matter key 'titel'"))
    }

    /// `build` is the default subcommand, so a mistyped one would otherwise be "Unexpected argument".
    @Test func unknownSubcommandSuggestsTheOneMeantAndHelpOfAnUnknownOneFails() throws {
        let folder = try TemporaryFolder()
        let serv = try runOctavo(["serv"], in: folder.url)
        #expect(serv.status == 64)
        #expect(serv.stderr.hasPrefix("Error: unknown command 'serv': did you mean 'serve'?\n"))
        let help = try runOctavo(["help", "nope"], in: folder.url)
        #expect(help.status == 64)
        #expect(help.stderr.hasPrefix("Error: help: unknown command 'nope': the commands are build, check, "))
        #expect(try runOctavo(["help", "check"], in: folder.url).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }
}
