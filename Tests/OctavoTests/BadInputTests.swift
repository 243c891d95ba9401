import Foundation
import Testing
@testable import Octavo

/// Issue 4: awkward input is built correctly; bad input is refused with the file (and line) named
/// and `Output/` left byte for byte as it was.
@Suite("Bad and awkward input")
struct BadInputTests {
    // MARK: Input taken in stride

    /// Builds `files` (path → bytes) and returns the output folder's files.
    func build(_ files: [String: [UInt8]]) throws -> [String: Data] {
        let folder = try TemporaryFolder()
        for (path, bytes) in files { try folder.writeBytes(bytes, to: "Content/" + path) }
        _ = try Pipeline(options: options(in: folder, strict: false)).build()
        return folder.snapshot("Output")
    }

    func text(_ files: [String: Data], _ path: String) -> String {
        String(decoding: files[path] ?? Data(), as: UTF8.self)
    }

    @Test func byteOrderMarkAndLineEndsOfEveryKind() throws {
        let files = try build([
            "index.md": [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Home\r\n---\r\n# Home\r\n\r\n[a](a.md)\r\n".utf8),
            "a.md": Array("---\rtitle: Old Mac\r---\rline one\rline two\r".utf8),
        ])
        #expect(text(files, "index.html").contains("<title>Home</title>"))
        #expect(text(files, "a/index.html").contains(">line one\nline two<"))
        #expect(text(files, "a/index.html").contains("Old Mac"))
    }

    @Test func tabsEmptyFilesAndFrontMatterWithoutFinalNewline() throws {
        let files = try build([
            "index.md": Array("# Home\n\n\tindented code\n".utf8),
            "empty.md": [],
            "only.md": Array("---\ntitle: Only front matter\n---".utf8),
        ])
        #expect(text(files, "index.html").contains("<pre><code>indented code\n</code></pre>"))
        #expect(text(files, "empty/index.html").contains("<h1 id=\"octavo.title\">empty"))
        #expect(text(files, "only/index.html").contains("Only front matter"))
    }

    @Test func tenMegabyteFileAndVeryLongLines() throws {
        let paragraph = String(repeating: "word ", count: 200) + "\n\n"
        let big = "# Big\n\n" + String(repeating: paragraph, count: 10 * 1024 * 1024 / paragraph.utf8.count) + "The end.\n"
        let longLine = "# Long\n\n" + String(repeating: "x", count: 1_000_000) + "\n"
        let files = try build(["index.md": Array("# Home\n\n[b](big.md) [l](long.md)\n".utf8), "big.md": Array(big.utf8), "long.md": Array(longLine.utf8)])
        #expect(big.utf8.count >= 10 * 1024 * 1024 - paragraph.utf8.count)
        #expect(text(files, "big/index.html").contains(">The end.<"))
        #expect(text(files, "long/index.html").contains(String(repeating: "x", count: 1_000_000)))
    }

    @Test func fiveThousandLevelsOfNesting() throws {
        let quotes = String(repeating: ">", count: 5_000) + " deep\n"
        let lists = (0..<5_000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()
        let files = try build(["index.md": Array("# Home\n\n[q](q.md) [l](l.md)\n".utf8), "q.md": Array(quotes.utf8), "l.md": Array(lists.utf8)])
        #expect(text(files, "q/index.html").components(separatedBy: "<blockquote>").count - 1 == 5_000)
        #expect(text(files, "l/index.html").contains("<li>item"))
    }

    @Test func namesWithSpacesAndNonASCIILettersInNFCAndNFD() throws {
        let nfd = "Cafe\u{301} notes.md"           // as macOS writes it
        let nfcFolder = "Gr\u{FC}\u{DF}e und Fragen"   // Grüße
        let files = try build([
            "index.md": Array("# Home\n\n[NFC link](Caf%C3%A9%20notes.md) and [folder](<Grüße und Fragen/Ünïcode page.md#über>)\n".utf8),
            nfd: Array("# Café\n".utf8),
            nfcFolder + "/Ünïcode page.md": Array("# Page\n\n## Über\n".utf8),
        ])
        let home = text(files, "index.html")
        #expect(files["Café notes/index.html".precomposedStringWithCanonicalMapping] != nil)
        #expect(home.contains("href=\"Caf%C3%A9%20notes/index.html\""))
        #expect(home.contains("href=\"Gr%C3%BC%C3%9Fe%20und%20Fragen/%C3%9Cn%C3%AFcode%20page/index.html#%C3%BCber\""))
        #expect(brokenLinks(in: files) == [])
    }

    @Test func nonMarkdownFilesAreCopiedAsAssets() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        let files = try build(["index.md": Array("# Home\n\n![logo](img/logo.png) [paper](paper.pdf)\n".utf8),
                               "img/logo.png": png, "paper.pdf": Array("%PDF-1.4".utf8)])
        #expect(files["img/logo.png"] == Data(png))
        #expect(files["paper.pdf"] == Data("%PDF-1.4".utf8))
        #expect(text(files, "index.html").contains("<img src=\"img/logo.png\" alt=\"logo\""))
    }

    // MARK: Input refused

    /// Builds a good site into Output, then `bad` over it; expects an error naming `file`
    /// (and `line` when given) and Output unchanged.
    func expectRefused(_ bad: [String: [UInt8]], file: String, line: Int? = nil, column: Int? = nil, message: String,
                       prepare: (TemporaryFolder) throws -> Void = { _ in }, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let before = folder.snapshot("Output")
        for (path, bytes) in bad { try folder.writeBytes(bytes, to: "Content/" + path) }
        try prepare(folder)
        // `check` renders without writing; it must refuse what `build` refuses.
        let checked = (try? Pipeline(options: options(in: folder)).render().diagnostics) ?? []
        let error = #expect(throws: BuildError.self, sourceLocation: sourceLocation) {
            try Pipeline(options: options(in: folder)).build()
        }
        if !checked.isEmpty {
            #expect(checked.contains { $0.severity == .error && $0.file == file }, "check: \(checked)", sourceLocation: sourceLocation)
        }
        let diagnostic = error?.diagnostics.first
        #expect(diagnostic?.file == file, sourceLocation: sourceLocation)
        if let line { #expect(diagnostic?.line == line, sourceLocation: sourceLocation) }
        if let column { #expect(diagnostic?.column == column, sourceLocation: sourceLocation) }
        #expect(diagnostic?.message.contains(message) == true, "\(String(describing: diagnostic))", sourceLocation: sourceLocation)
        #expect(folder.snapshot("Output") == before, sourceLocation: sourceLocation)
    }

    @Test func frontMatterNotClosed() throws {
        try expectRefused(["a.md": Array("---\ntitle: A\n\n# A\n".utf8)], file: "Content/a.md", line: 1, message: "front matter is not closed")
    }

    /// A front matter line without its colon names the line and the fix, and the other files'
    /// problems are reported in the same run (the file itself is still a page: links to it resolve).
    @Test func frontMatterWithoutAColonDoesNotHideTheOtherFilesProblems() throws {
        let bad: [String: [UInt8]] = ["a.md": Array("---\ntitle Command line\n---\n# A\n".utf8), "b.md": Array("# B\n\n[x](nope.md)\n".utf8)]
        try expectRefused(bad, file: "Content/a.md", line: 2, column: 1,
                          message: "front matter must be lines of 'key: value', and this line has no colon: did you mean 'title: Command line'?")
        let folder = try TemporaryFolder()
        for (path, bytes) in bad { try folder.writeBytes(bytes, to: "Content/" + path) }
        try folder.write(["index.md": "# Home\n\n[a](a.md) [b](b.md)\n"], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.site.pages.count == 3)
        #expect(result.diagnostics.filter { $0.severity == .error }.map { "\($0.file):\($0.line ?? 0)" } == ["Content/a.md:2", "Content/b.md:3"])
    }

    @Test func yamlThatDoesNotParse() throws {
        try expectRefused(["a.md": Array("---\ntitle: A\nlist: [1, 2\n---\n".utf8)], file: "Content/a.md", message: "not valid YAML")
    }

    @Test func wrongTypeForAKnownKey() throws {
        try expectRefused(["a.md": Array("---\ntitle: A\nweight: many\n---\n".utf8)], file: "Content/a.md", line: 3, message: "'weight' must be a whole number")
    }

    @Test func bytesThatAreNotUTF8() throws {
        try expectRefused(["a.md": Array("# A\n".utf8) + [0xFF]], file: "Content/a.md", message: "byte offset 4")
    }

    /// A Latin-1 byte is named with its line and column (in bytes), as an editor shows it, and the
    /// command that converts the file.
    @Test func latin1ByteGivesLineColumnAndTheConversion() throws {
        try expectRefused(["a b.md": Array("# A\n\nCaf".utf8) + [0xE9] + Array(" cr\u{E8}me\n".utf8)], file: "Content/a b.md", line: 3, column: 4,
                          message: "is not valid UTF-8 (bad byte 0xE9 at byte offset 8): it is probably Latin-1 or Windows-1252; "
                              + "save it as UTF-8, or convert it with `iconv -f latin1 -t utf-8 'Content/a b.md' > converted && mv converted 'Content/a b.md'`")
    }

    /// UTF-16 (Windows' "Unicode"), with a byte order mark of either order or without one, is
    /// named as such, not as "a NUL byte".
    @Test(arguments: [
        ([0xFF, 0xFE] + Array("# A\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "little-endian"),
        ([0xFE, 0xFF] + Array("# A\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "big-endian"),
        (Array("# A\n\nText\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "little-endian"),
    ] as [([UInt8], String)])
    func utf16IsNamedAsUTF16(bytes: [UInt8], order: String) throws {
        try expectRefused(["a.md": bytes], file: "Content/a.md",
                          message: "is UTF-16 (\(order)), not UTF-8: save it as UTF-8 (in your editor, or with `iconv -f utf-16 -t utf-8 Content/a.md > converted && mv converted Content/a.md`)")
    }

    @Test func nulByte() throws {
        try expectRefused(["a.md": Array("# A".utf8) + [0] + Array("\n".utf8)], file: "Content/a.md", message: "NUL byte at byte offset 3")
    }

    @Test(arguments: [("../escape", "is not one path segment"), ("/absolute", "is not one path segment"), ("a/b", "is not one path segment"),
                      ("back\\\\slash", "is not one path segment"), ("tab\\there", "is not one path segment"), ("..", "is not one path segment"),
                      ("", "is empty"), (".", "is '.', which names the folder itself")])
    func unsafeSlugs(slug: String, reason: String) throws {
        try expectRefused(["a.md": Array("---\nslug: \"\(slug)\"\n---\n".utf8)], file: "Content/a.md",
                          message: "\(reason): a slug is a folder name of the page's address, such as getting-started")
    }

    @Test func twoPagesWithTheSameOutputPath() throws {
        try expectRefused(["b.md": Array("---\nslug: a\n---\n".utf8)], file: "Content/b.md", message: "would be written to 'a/index.html'")
    }

    /// Output paths equal once letter case is folded (Unicode case folding, NFC): one would overwrite
    /// the other on macOS, Windows, a USB stick or in a zip unpacked there. An error naming both.
    @Test(arguments: [
        (["Guide.md": "# G\n", "guide.md": "# g\n"], "Content/guide.md", "would be written to 'guide/index.html', and the page of Content/Guide.md:1 to 'Guide/index.html'"),
        (["STRASSE.md": "# S\n", "Stra\u{DF}e.md": "# s\n"], "Content/Stra\u{DF}e.md", "and the page of Content/STRASSE.md:1 to 'STRASSE/index.html'"),
        (["\u{C9}t\u{E9}.md": "# E\n", "E\u{301}TE\u{301}.md": "# e\n"], "Content/E\u{301}TE\u{301}.md", "the names differ only in letter case or Unicode form"),
        (["Docs/a.md": "# A\n", "docs/b.md": "# B\n"], "Content/docs", "and the page of Content/Docs to 'Docs/index.html'"),
        (["Logo.PNG": "x", "logo.png": "y"], "Content/logo.png", "and 'Content/Logo.PNG' to 'Logo.PNG'"),
        (["sub/Index.md": "# I\n", "sub/index.md": "# i\n"], "Content/sub/index.md", "would be the folder's page, as Content/sub/Index.md is"),
        (["sub/README.md": "# R\n", "sub/readme.md": "# r\n"], "Content/sub/readme.md", "would be the folder's page, as Content/sub/README.md is"),
    ] as [([String: String], String, String)])
    func outputPathsThatDifferOnlyInLetterCase(files: [String: String], file: String, message: String) throws {
        try expectRefused(files.mapValues { Array($0.utf8) }, file: file, message: message)
    }

    /// A page whose output takes the name of a file the build writes, or of the manifest: found
    /// before the first write (by `check`, which renders, as by `build`), at the page's file and line.
    @Test(arguments: [
        ("search.html.md", "# S\n", 1, "inside a folder 'search.html'"),
        ("print.html.md", "# P\n", 1, "inside a folder 'print.html'"),
        ("index.html.md", "# I\n", 1, "inside a folder 'index.html'"),
        ("search-index.js.md", "# J\n", 1, "inside a folder 'search-index.js'"),
        ("m.md", "---\nslug: .octavo-manifest\n---\n# M\n", 4, "where Octavo keeps the build's manifest"),
        ("search.html", "not a page", nil, "as a file the build makes itself"),
    ] as [(String, String, Int?, String)])
    func pageOrAssetInThePlaceOfAFileTheBuildWrites(name: String, text: String, line: Int?, message: String) throws {
        try expectRefused([name: Array(text.utf8)], file: "Content/" + name, line: line, message: message)
    }

    /// Names longer than a file system takes (255 bytes per name) are refused before writing.
    @Test func namesOverTheFileSystemsLimit() throws {
        let slug = String(repeating: "s", count: 300)
        try expectRefused(["long.md": Array("---\nslug: \(slug)\n---\n# L\n".utf8)], file: "Content/long.md", line: 4,
                          message: "300 bytes long; file systems take at most 255 bytes per name")
        let heading = (1...60).map { "word\($0)" }.joined(separator: " ")
        try expectRefused(["split.md": Array("---\nsplit: [2]\n---\n# S\n\n## \(heading)\n\ntext\n".utf8)], file: "Content/split.md", line: 6,
                          message: "file systems take at most 255 bytes per name")
    }

    /// A FIFO would block the build's read: it is skipped with a warning naming it (as any special
    /// file), never opened, and `check` and `build` agree; with `--strict` the warning fails the build.
    @Test func fifoInTheContentFolderIsSkippedWithAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        #expect(mkfifo(folder.url.appendingPathComponent("Content/pipe.md").path, 0o644) == 0)
        let warning = "Content/pipe.md: warning: is not a regular file or folder (a pipe, socket or device): skipped"
        #expect(try Pipeline(options: options(in: folder)).render().diagnostics.map(\.description).contains(warning))
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics.map(\.description).contains(warning))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/pipe").path))
        #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder, strict: true)).build() }
    }

    /// The same output path from the content folder and the templates: an error naming both, and
    /// saying where a file replaces the theme's.
    @Test func contentAssetWithTheTemplatesAssetsPath() throws {
        try expectRefused(["assets/style.css": Array("body {}".utf8)], file: "Content/assets/style.css",
                          message: "would be written to 'assets/style.css', as the theme's 'Templates/assets/style.css' is: to change the theme's file, edit Templates/assets/style.css instead; otherwise rename or move one of them (Octavo does not choose)")
    }

    /// An output folder that cannot be made says why, in words, and names it as given.
    @Test func anOutputFolderThatCannotBeMadeSaysWhy() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "notes.txt": "x"], under: "Content")
        try folder.write(["afile": "x"])
        let run = try runOctavo(["build", "--output", "afile/site"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr == "afile/site: error: folder cannot be created: a part of its path is a file, not a folder\nBuild failed: afile/site was not created.\n", "\(run.stderr)")
        let file = try runOctavo(["build", "--output", "afile"], in: folder.url)
        #expect(file.status == 1)
        #expect(file.stderr.hasPrefix("afile: error: folder cannot be created: it is a file, not a folder: name a folder for the site\n"), "\(file.stderr)")
        let empty = try runOctavo(["build", "--output", ""], in: folder.url)
        #expect(empty.status != 0 && empty.stderr.contains("--output needs a folder"), "\(empty.stderr)")
    }

    /// With the built-in theme, the message says where a file that replaces the theme's goes.
    @Test func contentAssetWithTheBuiltInThemesPath() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "assets/style.css": "body {}"], under: "Content")
        let run = try runOctavo(["build"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Content/assets/style.css: error: would be written to 'assets/style.css', as the theme's '<built-in>/assets/style.css' is: to replace the theme's file, put yours at Templates/assets/style.css instead; otherwise rename or move it\n"), "\(run.stderr)")
    }

    @Test func symbolicLinkLoop() throws {
        try expectRefused([:], file: "Content/sub/loop", message: "symbolic link loop") { folder in
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Content/sub"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("Content/sub/loop").path, withDestinationPath: "..")
        }
    }

    @Test func badSiteSettings() throws {
        try expectRefused(["site.yml": Array("title: T\nunsafe: maybe\n".utf8)], file: "Content/site.yml", line: 2, message: "'unsafe' must be true or false")
    }

    // MARK: Safe HTML

    @Test func rawHTMLAndDangerousLinksAreDroppedByDefault() throws {
        let markdown = "# Home\n\n<script>alert(1)</script>\n\n[js](javascript:alert(1)) [vb](vbscript:x) [f](file:///etc/passwd) ![d](data:text/html,x) ![ok](data:image/png;base64,AAAA)\n"
        let files = try build(["index.md": Array(markdown.utf8)])
        let html = text(files, "index.html")
        #expect(!html.contains("<script>alert"))
        for scheme in ["javascript:", "vbscript:", "file:", "data:text/html"] { #expect(!html.contains(scheme)) }
        #expect(html.contains("data:image/png;base64,AAAA"))
    }

    @Test func unsafeSettingKeepsRawHTMLAndSaysSoOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n<div class=\"note\">kept</div>\n", "site.yml": "unsafe: true\n"], under: "Content")
        let report = try Pipeline(options: options(in: folder, strict: true)).build()
        #expect(report.diagnostics.map(\.severity) == [.note])
        #expect(report.diagnostics.first?.file == "Content/site.yml")
        #expect(try folder.read("Output/index.html").contains("<div class=\"note\">kept</div>"))
        #expect(folder.snapshot("Output")["site.yml"] == nil)
    }

    @Test func frontMatterValuesAreEscapedWherePrinted() throws {
        let files = try build(["index.md": Array("---\ntitle: \"</title><script>alert(1)</script>\"\ndescription: \"\\\" onload=\\\"x\"\n---\nText\n".utf8)])
        let html = text(files, "index.html")
        #expect(!html.contains("<script>"))
        #expect(html.contains("<meta name=\"description\" content=\"&quot; onload=&quot;x\">"))
    }
}
