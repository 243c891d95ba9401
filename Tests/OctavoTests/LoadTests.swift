import Foundation
import Testing
@testable import Octavo

@Suite("Load: front matter, encodings, line ends")
struct LoadTests {
    /// A folder of many Markdown files is read ahead (``ReadAhead``) while it is read: every file
    /// still comes back whole, in its place; a folder of few files gets no thread for it.
    @Test func aFolderOfManyFilesIsReadWholeWhileReadAhead() throws {
        let folder = try TemporaryFolder()
        let count = ReadAhead.manyFiles + 88
        var files: [String: String] = ["site.yml": "title: T\n", "a/logo.png": "not Markdown"]
        for number in 0..<count { files["s\(number % 7)/p\(number).md"] = "# Page \(number)\n\n" + String(repeating: "Word \(number). ", count: number % 50) + "\n" }
        try folder.write(files, under: "Content")
        let root = folder.url.appendingPathComponent("Content")
        let listing = try FolderWalker(root: root, displayRoot: "Content", boundary: LinkBoundary(content: root)).walk()
        let read = ContentLoader.readMarkdown(listing.entries, displayRoot: "Content")
        #expect(read.compactMap { $0 }.count == count)
        for (entry, made) in zip(listing.entries, read) {
            guard let expected = files[entry.path], entry.path.hasSuffix(".md") else {
                #expect(made == nil, "\(entry.path)")
                continue
            }
            #expect(made?.source.body == expected, "\(entry.path)")
            #expect(made?.source.path == entry.path)
        }
        #expect(ReadAhead.start(Array(repeating: root.path, count: ReadAhead.manyFiles - 1)) == nil)
        let ahead = try #require(ReadAhead.start(Array(repeating: root.appendingPathComponent("site.yml").path, count: ReadAhead.manyFiles)))
        ahead.stop()
    }

    @Test func splitsFrontMatterFromBody() throws {
        let file = try SourceFile(bytes: Array("---\ntitle: A\nweight: 3\nsplit: [1, 2]\n---\n# Hello\n".utf8),
                                  path: "a.md", displayPath: "Content/a.md")
        #expect(file.frontMatter.title == "A")
        #expect(file.frontMatter.weight == 3)
        #expect(file.frontMatter.split == [1, 2])
        #expect(file.body == "# Hello\n")
        #expect(file.bodyFirstLine == 6)
    }

    @Test func aCachedFileIsReadAgainOnlyWhenItsIdentityChanged() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nOne.\n", "a.md": "# A\n\nAaa.\n"], under: "Content")
        // Trusted at once (a test cannot wait for the file system's clock to settle).
        let cache = SourceCache(settling: 0)
        func load() throws -> [String: String] {
            var loader = ContentLoader(root: folder.url.appendingPathComponent("Content"), displayRoot: "Content")
            loader.cache = cache
            return Dictionary(uniqueKeysWithValues: try loader.load().sources.map { ($0.path, $0.body) })
        }
        #expect(try load()["a.md"] == "# A\n\nAaa.\n")
        #expect(cache.unreadCount == 0)
        #expect(try load()["a.md"] == "# A\n\nAaa.\n")
        #expect(cache.unreadCount == 2, "both files as recorded: neither read")
        // The same size, other bytes: the file's times (part of its identity) changed.
        try folder.write(["a.md": "# A\n\nBbb.\n"], under: "Content")
        #expect(try load()["a.md"] == "# A\n\nBbb.\n")
        #expect(cache.unreadCount == 3, "only index.md unread")
    }

    @Test func acceptsBOMAndCRLFAndLoneCR() throws {
        let crlf = try SourceFile(bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: T\r\n---\r\nline one\r\nline two\rthree".utf8),
                                  path: "a.md", displayPath: "a.md")
        #expect(crlf.frontMatter.title == "T")
        #expect(crlf.body == "line one\nline two\nthree")
    }

    /// Hugo and Zola write front matter in TOML between `+++` lines: the same keys are read,
    /// dates may be TOML dates, other keys and tables are reported as unread with their lines.
    @Test func tomlFrontMatterBetweenPlusLinesIsRead() throws {
        let file = try SourceFile(bytes: Array("+++\ntitle = \"Getting started\"\nweight = 3\ndate = 2023-02-21\nsplit = [1, 2]\ntemplate = \"page.html\"\n\n[extra]\nnote = \"x\"\n+++\n# Hello\n".utf8),
                                  path: "a.md", displayPath: "Content/a.md")
        #expect(file.frontMatter.draft == false)
        #expect(file.frontMatter.title == "Getting started")
        #expect(file.frontMatter.weight == 3)
        #expect(file.frontMatter.date == "2023-02-21")
        #expect(file.frontMatter.split == [1, 2])
        #expect(file.frontMatter.unreadKeys.map(\.key) == ["template", "extra"])
        #expect(file.frontMatter.unreadKeys.map(\.line) == [6, 8])
        #expect(file.body == "# Hello\n")
        #expect(file.bodyFirstLine == 11)
        // Zola accepts blank lines before the opening `+++`; lines still count from the file's top.
        let late = try SourceFile(bytes: Array("\n\n+++\ntitle = \"Late\"\ndate = 2023-07-27T22:20:55-07:00\n+++\nText\n".utf8), path: "b.md", displayPath: "Content/b.md")
        #expect(late.frontMatter.title == "Late")
        #expect(late.frontMatter.date == "2023-07-27")
        #expect(late.body == "Text\n" && late.bodyFirstLine == 7)
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("\n+++\ntitle = \"Late\"\nweight = \"x\"\n+++\n".utf8), path: "b.md", displayPath: "Content/b.md")
        }
        #expect(error?.diagnostics.first?.line == 4)
        // Zola's and Hugo's `draft = true` makes the page a draft, as YAML's `draft: true` does.
        let draft = try SourceFile(bytes: Array("+++\ndraft = true\n+++\n# Secret\n".utf8), path: "c.md", displayPath: "Content/c.md")
        #expect(draft.frontMatter.draft == true)
        #expect(draft.frontMatter.unreadKeys.isEmpty)
    }

    @Test(arguments: [
        ("+++\ntitle = \"x\"\nweight = \"many\"\n+++\n", "Content/a.md:3:1: error: front matter 'weight' must be a whole number, like weight = 3"),
        ("+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n", "Content/a.md:3:"),
        ("+++\ntitle = \"x\"\n# body\n", "Content/a.md:1: error: front matter is not closed: add a line '+++' after it"),
        ("+++\nweight = 1\ntitle = [1\n+++\n", "Content/a.md:3:"),
        ("+++\ntitle = \"x\"\ndraft = \"true\"\n+++\n", "Content/a.md:3:1: error: front matter 'draft' must be true or false, without quotes"),
        ("+++\ndate = \"2024-02-30\"\n+++\n", "Content/a.md:2:1: error: front matter 'date' 2024-02-30 is not a day of the calendar"),
    ])
    func badTOMLFrontMatterNamesFileAndLine(text: String, expected: String) {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array(text.utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.description.hasPrefix(expected) == true, "\(error?.description ?? "no error")")
    }

    /// A date is four digits, then optionally `-` and two digits, twice, naming a day the calendar
    /// has; a date-time (RFC 3339, YAML's timestamp) gives its day; one line end may follow (a YAML
    /// block scalar ends with one).
    @Test func frontMatterDatesAreYearMonthDay() throws {
        let days = ["2023": "2023", "2023-02": "2023-02", "2023-02-21": "2023-02-21", "2023-02-21\n": "2023-02-21", "2023\r\n": "2023",
                    "2024-02-29": "2024-02-29", "2000-02-29": "2000-02-29", "2023-02-21T10:00:00Z": "2023-02-21",
                    "2023-07-27T22:20:55-07:00": "2023-07-27", "2023-02-21 10:00:00.25": "2023-02-21", "2023-02-21t10:00:00 +01:00": "2023-02-21"]
        for (date, day) in days { #expect(FrontMatter.readDate(date) == .day(day), "\(date)") }
        for date in ["202", "2023-2", "2023-02-1", "2023/02/21", "2023-02-21T10:00", "２０２３", "2023\n\n", "2023-02-21 ", "",
                     "2023-02-21T25:00:00Z", "2023-02-21T10:00:00+0100", "2023-02-21T10:00:00.Z", "2023-02-21X10:00:00"] {
            #expect(FrontMatter.readDate(date) == .notADate, "\(date)")
        }
        for date in ["2024-13-45", "2024-02-30", "2023-02-29", "1900-02-29", "2024-00-10", "2024-99", "2024-04-31", "2024-01-00", "2024-13-01T10:00:00Z"] {
            #expect(FrontMatter.readDate(date) == .notInCalendar, "\(date)")
        }
        #expect(try FrontMatter(yaml: "date: 2023-02", file: "Content/a.md", firstLine: 2).date == "2023-02")
        #expect(try FrontMatter(yaml: "date: 2023-02-21T10:00:00Z", file: "Content/a.md", firstLine: 2).date == "2023-02-21")
        let error = #expect(throws: BuildError.self) { try FrontMatter(yaml: "date: 21.02.2023", file: "Content/a.md", firstLine: 2) }
        #expect(error?.diagnostics.first?.message.contains("must be a date like 2023-02-21") == true)
        let impossible = #expect(throws: BuildError.self) { try FrontMatter(yaml: "title: T\ndate: 2024-13-45", file: "Content/a.md", firstLine: 2) }
        #expect(impossible?.description.hasPrefix("Content/a.md:3:7: error: front matter 'date' 2024-13-45 is not a day of the calendar") == true,
                "\(impossible?.description ?? "no error")")
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let file = try SourceFile(bytes: Array("Just text\n".utf8), path: "a.md", displayPath: "a.md")
        #expect(file.frontMatter == FrontMatter())
        #expect(file.body == "Just text\n")
        #expect(file.bodyFirstLine == 1)
    }

    @Test func unclosedFrontMatterNamesFileAndLine() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("---\ntitle: x\n# body\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.description == "Content/a.md:1: error: front matter is not closed: add a line '---' after it")
    }

    /// Every wrong value of a front matter is reported at once, each at its place, not one build
    /// at a time.
    @Test func everyWrongFrontMatterValueIsReportedAtOnce() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("---\ndate: 2020-13-45\nslug: \"a/b\"\ntitle: ok\nweight: many\n---\n# X\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:7", "3:7", "5:9"])
        #expect(error?.diagnostics.map(\.message).map { $0.prefix(22) } == ["front matter 'date' 20", "slug 'a/b' is not one ", "front matter 'weight' "])
        // TOML front matter the same way.
        let toml = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("+++\ndate = \"2020-13-45\"\nslug = \"a/b\"\nweight = \"x\"\n+++\n# X\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(toml?.diagnostics.map { $0.line ?? 0 } == [2, 3, 4])
    }

    /// A bracket or quote left open is reported where it opens, saying where the file ran out of
    /// it; other YAML errors where libyaml found them.
    @Test func invalidYAMLGivesTheLineInTheFile() {
        func diagnostic(_ text: String) -> String? {
            do {
                _ = try SourceFile(bytes: Array(text.utf8), path: "a.md", displayPath: "Content/a.md")
                return nil
            } catch let error as BuildError {
                return error.diagnostics.first?.description
            } catch { return "\(error)" }
        }
        #expect(diagnostic("---\ntitle: ok\nbad: [unclosed\n---\n")
                == "Content/a.md:3:6: error: front matter is not valid YAML: the list opened with '[' starts here and is not closed (did not find expected ',' or ']' at line 4)")
        #expect(diagnostic("---\ntitle: \"open\ndate: 2020\n---\n# X\n")
                == "Content/a.md:2:8: error: front matter is not valid YAML: the quoted text starts here and is not closed (found unexpected end of stream at line 4)")
        #expect(diagnostic("---\ntags: {a: 1\n---\n")?.hasPrefix("Content/a.md:2:7: error: front matter is not valid YAML: the mapping opened with '{' starts here") == true)
        #expect(diagnostic("---\ntitle: a\n  b: c\n---\n") == "Content/a.md:3:4: error: front matter is not valid YAML: mapping values are not allowed in this context")
    }

    @Test func wrongTypeForKnownKeyIsAnError() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("---\nweight: many\n---\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.diagnostics.first?.line == 2)
        #expect(error?.diagnostics.first?.message.contains("'weight' must be a whole number") == true)
    }

    @Test func invalidUTF8GivesByteOffset() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("abc".utf8) + [0xC3, 0x28], path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.description == "Content/a.md:1:4: error: is not valid UTF-8 (bad byte 0xC3 at byte offset 3): it is probably Latin-1 or Windows-1252; "
                + "save it as UTF-8, or convert it with `iconv -f latin1 -t utf-8 Content/a.md > converted && mv converted Content/a.md`")
    }

    /// `--content` naming a file, or a folder whose name differs in letter case from the one there.
    @Test func contentThatIsAFileOrWhoseNameDiffersInCase() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "content")
        let file = #expect(throws: BuildError.self) {
            try ContentLoader(root: folder.url.appendingPathComponent("content/index.md"), displayRoot: "content/index.md").load()
        }
        #expect(file?.description == "content/index.md: error: is a file, not a folder: --content names the folder that holds the Markdown files (put a single file in a folder of its own)")
        let missing = #expect(throws: BuildError.self) {
            try ContentLoader(root: folder.url.appendingPathComponent("Content"), displayRoot: "Content").load()
        }
        #expect(missing?.description == "Content: error: content folder does not exist, but 'content' does: pass --content content, or rename that folder to 'Content'")
    }

    /// A repository's root (a `docs/` of Markdown) or its `docs/` itself (Markdown right there):
    /// the missing content folder's message says what to pass.
    @Test func aMissingContentFolderPointsAtTheMarkdownNearby() throws {
        func message(_ files: [String: String], content: String) throws -> String? {
            let folder = try TemporaryFolder()
            try folder.write(files)
            let error = #expect(throws: BuildError.self) { try ContentLoader(root: folder.url.appendingPathComponent(content), displayRoot: content).load() }
            return error?.diagnostics.first?.message
        }
        #expect(try message(["docs/guide.md": "# G\n", "README.md": "# R\n"], content: "Content")
                == "content folder does not exist: 'docs' holds Markdown files: pass --content docs, or create the content folder")
        #expect(try message(["README.md": "# R\n", "install.md": "# I\n", "usage.md": "# U\n"], content: "Content")
                == "content folder does not exist: this folder holds Markdown files (README.md, install.md, …): build them with --content . --output ../site, or create the content folder")
        #expect(try message(["notes.txt": "x"], content: "Content") == "content folder does not exist: create it, pass --content DIR, or start a site here with `octavo init`")
    }

    @Test func nulByteIsRefused() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("ab".utf8) + [0] + Array("c".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.diagnostics.first?.message.contains("NUL byte at byte offset 2") == true)
    }

    @Test func unknownKeysAreKeptWithTheirLines() throws {
        let file = try SourceFile(bytes: Array("---\ntitle: A\nwieght: 2\n---\n".utf8), path: "a.md", displayPath: "a.md")
        #expect(file.frontMatter.unreadKeys.map(\.key) == ["wieght"])
        #expect(file.frontMatter.unreadKeys.map(\.line) == [3])
    }

    @Test func loaderSeparatesMarkdownFromAssetsAndSkipsHiddenFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write(["a.md": "# A\n", "sub/b.md": "# B\n", "img/logo.png": "png", ".hidden.md": "x"], under: "Content")
        let loaded = try ContentLoader(root: folder.url.appendingPathComponent("Content"), displayRoot: "Content").load()
        #expect(loaded.sources.map(\.path) == ["a.md", "sub/b.md"])
        #expect(loaded.assets.map(\.path) == ["img/logo.png"])
    }

    // MARK: Symbolic links (issue 18): only inside the site's root, unless allowed

    /// Links `Content/<link>` (relative to the temporary site) to `destination`.
    func link(_ link: String, to destination: String, in folder: TemporaryFolder) throws {
        let url = folder.url.appendingPathComponent(link)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    @Test func fileLinkOutOfTheSiteIsRefusedBeforeItIsRead() throws {
        let outside = try TemporaryFolder()
        try outside.write(["token.txt": "secret"])
        try BadInputTests().expectRefused([:], file: "Content/token.txt", message: "is a symbolic link to '\(outside.url.path)/token.txt', outside the site's root") { folder in
            try link("Content/token.txt", to: outside.url.appendingPathComponent("token.txt").path, in: folder)
        }
    }

    @Test func folderLinkOutOfTheSiteIsRefusedByCheckAndBuild() throws {
        let outside = try TemporaryFolder()
        try outside.write(["id_rsa": "secret", "notes.md": "# Secret\n"])
        try BadInputTests().expectRefused([:], file: "Content/keys", message: "outside the site's root") { folder in
            try link("Content/keys", to: outside.url.path, in: folder)
            // `check` renders the same way.
            let error = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).render() }
            #expect(error?.diagnostics.map(\.file) == ["Content/keys"])
            // So does a build with a bundle: no zip is made.
            var bundled = options(in: folder)
            bundled.bundle = folder.url.appendingPathComponent("site.zip")
            #expect(throws: BuildError.self) { try Pipeline(options: bundled).build() }
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site.zip").path))
        }
    }

    @Test func linkToTheMachinesRootIsRefused() throws {
        try BadInputTests().expectRefused([:], file: "Content/all", message: "is a symbolic link to '/', outside the site's root") { folder in
            try link("Content/all", to: "/", in: folder)
        }
    }

    @Test func linkThatLeavesOnItsSecondHopIsRefused() throws {
        let outside = try TemporaryFolder()
        try outside.write(["secret.md": "# Secret\n"])
        try BadInputTests().expectRefused([:], file: "Content/b.md", message: "outside the site's root") { folder in
            try link("hop.md", to: outside.url.appendingPathComponent("secret.md").path, in: folder)
            try link("Content/b.md", to: "../hop.md", in: folder)
        }
    }

    @Test func linksInsideTheGitWorkTreeAreFollowed() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try folder.write(["CHANGELOG.md": "# Changes\n\nAll of them.\n", "shared/logo.txt": "logo"])
        try folder.write(["index.md": "# Home\n\n[c](changelog.md)\n"], under: "docs/Content")
        // Above the content folder's parent, but inside the work tree: fine.
        try link("docs/Content/changelog.md", to: "../../CHANGELOG.md", in: folder)
        try link("docs/Content/img", to: folder.url.appendingPathComponent("shared").path, in: folder)
        var inside = options(in: folder, content: "docs/Content")
        inside.output = folder.url.appendingPathComponent("Output")
        let report = try Pipeline(options: inside).build()
        #expect(report.diagnostics.filter { $0.severity != .note }.isEmpty)
        #expect(try folder.read("Output/changelog/index.html").contains("All of them."))
        #expect(try folder.read("Output/img/logo.txt") == "logo")
    }

    @Test func allowOutsideLinksFollowsThemWithANote() throws {
        let outside = try TemporaryFolder()
        try outside.write(["key.txt": "shared key"])
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "site.yml": "allow_outside_links: true\n"], under: "Content")
        try link("Content/keys", to: outside.url.path, in: folder)
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(try folder.read("Output/keys/key.txt") == "shared key")
        #expect(report.diagnostics.contains { $0.severity == .note && $0.file == "Content/site.yml" && $0.message.contains("allow_outside_links") })
        #expect(report.diagnostics.contains { $0.severity == .note && $0.file == "Content/keys" })
    }

    @Test func templateLinkOutOfTheSiteIsRefused() throws {
        let outside = try TemporaryFolder()
        try outside.write(["secret.css": "secret"])
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        try FileManager.default.copyItem(at: realTemplates, to: folder.url.appendingPathComponent("Templates"))
        try link("Templates/assets/extra.css", to: outside.url.appendingPathComponent("secret.css").path, in: folder)
        let error = #expect(throws: BuildError.self) {
            try Pipeline(options: options(in: folder, templates: folder.url.appendingPathComponent("Templates"))).build()
        }
        #expect(error?.diagnostics.first?.file == "Templates/assets/extra.css")
        #expect(error?.diagnostics.first?.message.contains("outside the site's root") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    // MARK: File names (issue 19)

    @Test func controlCharacterInAFileNameIsAnErrorShownEscaped() throws {
        try BadInputTests().expectRefused(["x\nCNAME": Array("data".utf8)], file: "Content/x\\nCNAME", message: "control character in its name")
        try BadInputTests().expectRefused(["sub\u{7F}dir/a.md": Array("# A\n".utf8)], file: "Content/sub\\u{7F}dir", message: "control character")
    }

    /// A name that is not UTF-8 (a Latin-1 `café.md` from an old zip) is an error that says so and
    /// shows the name, not a "No such file" for the name Foundation decoded with U+FFFD.
    @Test func aFileNameThatIsNotUTF8IsAnErrorThatSaysSo() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let path = Array(folder.url.appendingPathComponent("Content/caf").path.utf8) + [0xE9] + Array(".md".utf8) + [0]
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        try #require(descriptor >= 0)
        close(descriptor)
        let error = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).build() }
        #expect(error?.diagnostics.map(\.description) == [
            "Content/caf?.md: error: its name is not UTF-8 (bytes 0xE9 shown as ?): rename it in UTF-8, which web addresses need (convmv -f latin1 -t utf8 --notest renames Latin-1 names)",
        ])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    @Test func namesWindowsCannotStoreAreWarnings() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "a*b.txt": "x", "trail./x.txt": "x", "space /x.txt": "x", "aux.css": "x", "auxiliary.css": "x"], under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        let warned = report.diagnostics.filter { $0.severity == .warning && $0.message.contains("Windows") }.map(\.file)
        #expect(warned == ["Content/a*b.txt", "Content/aux.css", "Content/space ", "Content/trail."])
    }

    /// The root's folders are walked on all cores: what each finds is still listed, and warned
    /// about, where one walk in path order would have.
    @Test func folderWalkListsAndWarnsInPathOrderAcrossFolders() throws {
        let folder = try TemporaryFolder()
        try folder.write(["a*.md": "x", "b/c*.md": "x", "b/d.md": "x", "c.md": "x", "d/e/f*.md": "x", "e*/g.md": "x", "z.md": "x"], under: "Content")
        let root = folder.url.appendingPathComponent("Content")
        let listing = try FolderWalker(root: root, displayRoot: "Content", boundary: LinkBoundary(content: root)).walk()
        #expect(listing.entries.map(\.path) == ["a*.md", "b/c*.md", "b/d.md", "c.md", "d/e/f*.md", "e*/g.md", "z.md"])
        #expect(listing.diagnostics.map(\.file) == ["Content/a*.md", "Content/b/c*.md", "Content/d/e/f*.md", "Content/e*"])
    }

    // MARK: Deep and long paths (issue 21, item 9)

    @Test func fiveHundredTenNestedFoldersAndLongPathsAreNoLoop() throws {
        let folder = try TemporaryFolder()
        let deep = Array(repeating: "d", count: 510).joined(separator: "/")
        let long = Array(repeating: String(repeating: "n", count: 200), count: 8).joined(separator: "/")
        try folder.write([deep + "/a.md": "# A\n", long + "/b.md": "# B\n"], under: "Content")
        let loaded = try ContentLoader(root: folder.url.appendingPathComponent("Content"), displayRoot: "Content").load()
        #expect(loaded.sources.map(\.path) == [deep + "/a.md", long + "/b.md"])
        #expect(folder.url.appendingPathComponent("Content/" + long + "/b.md").path.utf8.count > 1024)
    }

    @Test func pathOverTheSystemsLimitIsSaidToBe() throws {
        let folder = try TemporaryFolder()
        let name = String(repeating: "n", count: 250)
        // More than PATH_MAX bytes cannot be made with whole paths: go down one folder at a time.
        var descriptors: [Int32] = [open(folder.url.path, O_RDONLY | O_DIRECTORY)]
        defer {
            // Remove bottom-up by descriptor as well: whole paths are too long for the usual calls.
            for (parent, _) in descriptors.enumerated().reversed() where parent < descriptors.count - 1 {
                unlinkat(descriptors[parent], name, AT_REMOVEDIR)
            }
            descriptors.forEach { close($0) }
        }
        for _ in 0..<20 {
            #expect(mkdirat(descriptors.last!, name, 0o755) == 0)
            descriptors.append(openat(descriptors.last!, name, O_RDONLY | O_DIRECTORY))
        }
        let error = #expect(throws: BuildError.self) {
            try ContentLoader(root: folder.url, displayRoot: "Site").load()
        }
        #expect(error?.diagnostics.first?.message.contains("over the system's limit of 4095") == true)
        #expect(error?.diagnostics.first?.message.contains("symbolic link loop") == false)
    }

    @Test func aRealLoopIsStillOne() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content/a/b")
        try link("Content/a/b/up", to: "../..", in: folder)
        let error = #expect(throws: BuildError.self) {
            try ContentLoader(root: folder.url.appendingPathComponent("Content"), displayRoot: "Content").load()
        }
        #expect(error?.description == "Content/a/b/up: error: is a symbolic link loop: it leads back to a folder that contains it")
    }

    @Test func siteSettingsForLanguageBaseURLAndPublishing() throws {
        let yaml = "language: ar-EG\nbase_url: https://example.org/docs\ndescription: A site\nauthor: Ann\nfavicon: icon.png\nedit_url: https://github.com/o/r/edit/main/Content/\n"
        let config = try SiteConfig(yaml: yaml, file: "Content/site.yml")
        #expect(config.language == "ar-EG")
        #expect(config.baseURL == "https://example.org/docs/")
        #expect(config.description == "A site" && config.author == "Ann" && config.favicon == "icon.png")
        #expect(config.editURL == "https://github.com/o/r/edit/main/Content/")
        #expect(SiteConfig.isRightToLeft("ar-EG") && SiteConfig.isRightToLeft("he") && SiteConfig.isRightToLeft("az-Arab"))
        #expect(!SiteConfig.isRightToLeft("fr") && !SiteConfig.isRightToLeft("zh-Hans") && !SiteConfig.isRightToLeft("uz-Latn"))
    }

    @Test func markdownSettingChoosesGFMOrCommonMark() throws {
        #expect(try SiteConfig(yaml: "title: T\n", file: "site.yml").gfm)
        #expect(try SiteConfig(yaml: "markdown: gfm\n", file: "site.yml").gfm)
        #expect(try !SiteConfig(yaml: "markdown: commonmark\n", file: "site.yml").gfm)
    }

    /// A wrong value is reported at its line and column, an unknown key at the key.
    @Test func badSiteSettingsNameTheLine() {
        let cases: [(String, String)] = [
            ("title: T\nlanguage: not a tag\n", "Content/site.yml:2:11: error: 'language' must be a BCP 47 language tag such as en, fr-CA or zh-Hans"),
            ("base_url: example.org/docs\n", "Content/site.yml:1:11: error: " + SiteConfig.baseURLProblem),
            ("base_url: https://example.org/a b/\n", "Content/site.yml:1:11: error: the base URL has a space, which a URL cannot hold: write it as %20 (https://example.org/a%20b/)"),
            ("base_url: http://x/?q=1\n", "Content/site.yml:1:11: error: the base URL has a query (?…), which the pages' addresses cannot go below: leave it out (http://x/)"),
            ("base_url: https://x/docs/#top\n", "Content/site.yml:1:11: error: the base URL has a fragment (#…), which the pages' addresses cannot go below: leave it out (https://x/docs/)"),
            ("base_url: https://user:pw@x.org/\n", "Content/site.yml:1:11: error: the base URL holds a user name or password, which every page would publish: leave it out"),
            ("base_url: https://x.org:99999/\n", "Content/site.yml:1:11: error: the base URL's port 99999 is above 65535, the largest there is"),
            ("favicon: ../icon.png\n", "Content/site.yml:1:10: error: 'favicon' must be the path of a file in the content folder, such as icon.png"),
            ("edit_url: github.com/o/r\n", "Content/site.yml:1:11: error: 'edit_url' must start with https:// or http://"),
            ("markdown: github\n", "Content/site.yml:1:11: error: 'markdown' must be gfm (GitHub-flavoured, the default) or commonmark"),
            ("langauge: fr\n", "Content/site.yml:1:1: error: unknown setting 'langauge': did you mean 'language'?"),
            ("title: T\ntitel: X\n", "Content/site.yml:2:1: error: unknown setting 'titel': did you mean 'title'?"),
            ("colour_scheme: dark\n", "Content/site.yml:1:1: error: unknown setting 'colour_scheme' (known: title, unsafe, markdown, allow_outside_links, language, base_url, description, author, favicon, edit_url, epub, broken_links, ignore_front_matter)"),
        ]
        for (yaml, message) in cases {
            #expect(throws: BuildError.self) { try SiteConfig(yaml: yaml, file: "Content/site.yml") }
            do { _ = try SiteConfig(yaml: yaml, file: "Content/site.yml") } catch let error as BuildError {
                #expect(error.diagnostics.map(\.description) == [message])
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test func draftIsTrueOrFalse() throws {
        #expect(try FrontMatter(yaml: "draft: true", file: "Content/a.md", firstLine: 2).draft)
        #expect(try !FrontMatter(yaml: "draft: false", file: "Content/a.md", firstLine: 2).draft)
        for (yaml, column) in [("title: A\ndraft: maybe", 8), ("title: A\ndraft: \"true\"", 8), ("title: A\ndraft: 'false'", 8)] {
            let error = #expect(throws: BuildError.self) { try FrontMatter(yaml: yaml, file: "Content/a.md", firstLine: 2) }
            #expect(error?.diagnostics.map(\.description) == ["Content/a.md:3:\(column): error: front matter 'draft' must be true or false, without quotes"])
        }
    }

    /// A line without its colon among other keys is named, with the fix, wherever it is: YAML's
    /// own message would point at the next line ("could not find expected ':'").
    @Test func aLineWithoutItsColonIsNamedAmongOtherKeys() {
        for (yaml, line, fix) in [("title Hooks\nweight: 2", 2, "title: Hooks"), ("weight: 2\ndate: 2024-01-02\nwieght 3", 4, "weight: 3")] {
            let error = #expect(throws: BuildError.self) { try FrontMatter(yaml: yaml, file: "Content/a.md", firstLine: 2) }
            #expect(error?.diagnostics.map(\.description)
                    == ["Content/a.md:\(line):1: error: front matter must be lines of 'key: value', and this line has no colon: did you mean '\(fix)'?"])
        }
    }
}
