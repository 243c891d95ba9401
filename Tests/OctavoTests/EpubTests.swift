import Foundation
import Testing
import ZIPFoundation
@testable import Octavo

@Suite("EPUB edition: the document as a valid, reproducible EPUB 3 book")
struct EpubTests {
    /// The real document's EPUB, built once for the suite: the temporary folder and the book's path.
    static let real: Result<(folder: TemporaryFolder, epub: URL), any Error> = Result { try buildReal(name: "book.epub") }

    static func buildReal(name: String) throws -> (folder: TemporaryFolder, epub: URL) {
        let folder = try TemporaryFolder()
        let epub = folder.url.appendingPathComponent(name)
        let options = Pipeline.Options(content: realContent, templates: realTemplates, output: folder.url.appendingPathComponent("Output"),
                                          strict: true, epub: epub, displayEpub: name)
        let report = try Pipeline(options: options).build()
        #expect(report.epub?.path == name)
        return (folder, epub)
    }

    /// The entries of an EPUB by path, read with ZIPFoundation.
    static func entries(of epub: URL) throws -> [String: Data] {
        let archive = try Archive(url: epub, accessMode: .read)
        var result: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            result[entry.path] = data
        }
        return result
    }

    /// The chapters' files in spine order, read from the package document.
    static func spine(_ entries: [String: Data]) throws -> [String] {
        let opf = String(decoding: try #require(entries["OEBPS/content.opf"]), as: UTF8.self)
        var files: [String: String] = [:]
        for match in opf.matches(of: /<item id="([^"]+)" href="([^"]+)"/) { files[String(match.1)] = String(match.2) }
        return opf.matches(of: /<itemref idref="([^"]+)"/).compactMap { files[String($0.1)] }
    }

    /// A small document with a closing text, an image and links of every kind.
    static let sample = """
        ---
        split: [1, 2]
        identifier: urn:isbn:9780000000002
        author: A. Writer
        publisher: P & Co
        ---
        # One

        See [the detail](index.md#detail), [the closing words](index.md#closing-words), [two](index.md#two) and ![a dot](dot.png).

        ## Sub

        Text.

        ### Detail

        Deep.

        <!-- part-closing -->

        ### Closing words

        Closing.

        # Two

        Back to [one](index.md#one), [Sub](index.md#sub) and [the web](https://example.org/a?b=1&c=2).

        """

    /// A one-pixel PNG.
    static let dot = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC") ?? Data())

    /// Builds `sample` with the built-in EPUB templates (a templates folder without `epub/`) and returns the book's entries.
    static func buildSample(in folder: TemporaryFolder) throws -> [String: Data] {
        try folder.write(["index.md": sample], under: "Content")
        try folder.writeBytes(dot, to: "Content/dot.png")
        try folder.write(["layout.mustache": "<main>{{{page.heading}}}{{{page.body}}}{{{page.closing}}}</main>\n"], under: "Theme")
        var settings = options(in: folder, templates: folder.url.appendingPathComponent("Theme"))
        settings.epub = folder.url.appendingPathComponent("sample.epub")
        _ = try Pipeline(options: settings).build()
        return try entries(of: folder.url.appendingPathComponent("sample.epub"))
    }

    @Test func containerStartsWithAStoredMimetypeAndTwoBuildsAreByteIdentical() throws {
        let (folder, epub) = try Self.real.get()
        let bytes = Array(try Data(contentsOf: epub))
        // Local file header (APPNOTE.TXT 4.3.7): method at 8, name length at 26, extra length at 28, name at 30.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0, "mimetype is not stored")
        #expect(bytes[28] == 0 && bytes[29] == 0, "mimetype has an extra field")
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38..<58], as: UTF8.self) == "application/epub+zip")
        let names = try BundleTests.centralDirectory(bytes).map { String(decoding: $0.name, as: UTF8.self) }
        #expect(names.prefix(2) == ["mimetype", "META-INF/container.xml"])
        #expect(Array(names.dropFirst(2)) == names.dropFirst(2).sorted())
        #expect(Set(try BundleTests.centralDirectory(bytes).map(\.date)) == [BundleTests.dosDateTime(ZipBundle.earliestDate).date])
        let again = try Self.buildReal(name: "again.epub")
        #expect(try Data(contentsOf: again.epub) == Data(bytes), "two builds of the same input differ")
        _ = folder
    }

    @Test func chaptersFollowTheReadingOrderWithClosingTextsAfterTheirItems() throws {
        let entries = try Self.entries(of: try Self.real.get().epub)
        let spine = try Self.spine(entries)
        #expect(spine.prefix(10) == ["index.xhtml", "i.xhtml", "ii.xhtml", "ii-1.xhtml", "ii-2.xhtml", "ii-3.xhtml", "ii-4.xhtml",
                                     "ii-5.xhtml", "ii-6.xhtml", "ii-closing.xhtml"])
        #expect(spine.suffix(3) == ["iv-5.xhtml", "iv-closing.xhtml", "nav.xhtml"])
        #expect(spine.count == 36 + 2 + 1)
        let item = String(decoding: try #require(entries["OEBPS/iii-3.xhtml"]), as: UTF8.self)
        #expect(item.contains("<h1 id=\"3-the-risk-of-nuclear-war\">3. The risk of nuclear war"))
        #expect(item.contains("<p id=\"p1\">"))
        let closing = String(decoding: try #require(entries["OEBPS/ii-closing.xhtml"]), as: UTF8.self)
        #expect(closing.contains("These six commitments are interlinked"))
        let nav = String(decoding: try #require(entries["OEBPS/nav.xhtml"]), as: UTF8.self)
        #expect(nav.contains("<nav epub:type=\"toc\" id=\"toc\">"))
        #expect(nav.contains("<nav epub:type=\"landmarks\" hidden=\"hidden\">"))
        #expect(nav.contains("<li><a href=\"ii.xhtml\">II. Core concepts and principles</a>\n    <ol>\n      <li><a href=\"ii-1.xhtml\">1. "))
        let ncx = String(decoding: try #require(entries["OEBPS/toc.ncx"]), as: UTF8.self)
        #expect(ncx.contains("<meta name=\"dtb:depth\" content=\"2\" />"))
        #expect(ncx.components(separatedBy: "<navPoint ").count - 1 == 36)
    }

    @Test(.enabled(if: sharedAvailable && isInstalled("python3"), "needs ../shared/tools and python3"))
    func textOfAllChaptersIsTheDocument() throws {
        let (folder, epub) = try Self.real.get()
        let entries = try Self.entries(of: epub)
        let chapters = try Self.spine(entries).filter { $0 != "nav.xhtml" }
        let html = try chapters.map { String(decoding: try #require(entries["OEBPS/" + $0]), as: UTF8.self) }.joined()
        let text = try mainText(of: html)
        #expect(text.hasPrefix("# Global Security Initiative Concept Paper\n\n# I. Background\n\nThe issue of security"))
        #expect(!text.contains("¶"))
        try folder.write(["epub.md": text])
        let (status, output) = try runProgram(["python3", sharedFolder.appendingPathComponent("tools/check-conversion.py").path,
                                               folder.url.appendingPathComponent("epub.md").path])
        #expect(status == 0, "\(output)")
        #expect(output.hasSuffix(" 0 differences\n"))
    }

    /// The epubcheck to run: Debian installs a jar as `/usr/bin/epubcheck`, others a script.
    static var epubcheck: [String]? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/epubcheck" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path, isInstalled("java") else { return nil }
        let isJar = FileManager.default.contents(atPath: path)?.prefix(2) == Data("PK".utf8)
        return isJar ? ["java", "-jar", path] : [path]
    }

    @Test(.enabled(if: epubcheck != nil, "needs Java and epubcheck (apt-get install epubcheck); skipped"))
    func epubcheckFindsNoErrorOrWarningInTheRealDocument() throws {
        let (_, epub) = try Self.real.get()
        let (status, output) = try runProgram((Self.epubcheck ?? []) + [epub.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("0 fatals / 0 errors / 0 warnings"), "\(output)")
    }

    /// Links a reader cannot follow in the book (to a file of the site without `base_url`, to an
    /// image, or left unresolved with `broken_links: warn`) give a book epubcheck passes.
    @Test(.enabled(if: epubcheck != nil, "needs Java and epubcheck (apt-get install epubcheck); skipped"))
    func linksTheBookCannotFollowPassEpubcheck() throws {
        let folder = try TemporaryFolder()
        try folder.write(["site.yml": "broken_links: warn\n", "index.md": "# Home\n\n![logo](images/logo.png) [the logo](images/logo.png), [the paper](paper.pdf), [changes](../CHANGELOG.md), [gone](gone.md), [search](search.html).\n",
                          "paper.pdf": "%PDF"], under: "Content")
        try folder.writeBytes(Self.dot, to: "Content/images/logo.png")
        var settings = options(in: folder)
        settings.epub = folder.url.appendingPathComponent("book.epub")
        let report = try Pipeline(options: settings).build()
        #expect(report.diagnostics.contains { $0.message.hasPrefix("'search.html' cannot be opened from the EPUB") }, "\(report.diagnostics)")
        let (status, output) = try runProgram((Self.epubcheck ?? []) + [folder.url.appendingPathComponent("book.epub").path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("0 fatals / 0 errors"), "\(output)")
    }

    @Test func linksBecomeChapterFilesAndFragmentsAndImagesAreIncluded() throws {
        let folder = try TemporaryFolder()
        let entries = try Self.buildSample(in: folder)
        #expect(try Self.spine(entries) == ["index.xhtml", "one.xhtml", "one-sub.xhtml", "one-closing.xhtml", "two.xhtml", "nav.xhtml"])
        let one = String(decoding: try #require(entries["OEBPS/one.xhtml"]), as: UTF8.self)
        #expect(one.contains("<a href=\"one-sub.xhtml#detail\">the detail</a>"))
        #expect(one.contains("<a href=\"one-closing.xhtml#closing-words\">the closing words</a>"))
        #expect(one.contains("<a href=\"two.xhtml#two\">two</a>"))
        #expect(one.contains("<img src=\"media/dot.png\" alt=\"a dot\" />"))
        let two = String(decoding: try #require(entries["OEBPS/two.xhtml"]), as: UTF8.self)
        #expect(two.contains("<a href=\"one.xhtml#one\">one</a>"))
        #expect(two.contains("<a href=\"one-sub.xhtml#sub\">Sub</a>"))
        #expect(two.contains("<a href=\"https://example.org/a?b=1&amp;c=2\">the web</a>"))
        #expect(entries["OEBPS/media/dot.png"].map(Array.init) == Self.dot)
        let opf = String(decoding: try #require(entries["OEBPS/content.opf"]), as: UTF8.self)
        #expect(opf.contains("<item id=\"m0\" href=\"media/dot.png\" media-type=\"image/png\" />"))
        #expect(opf.contains("<dc:identifier id=\"book-id\">urn:isbn:9780000000002</dc:identifier>"))
        #expect(opf.contains("<dc:creator>A. Writer</dc:creator>"))
        #expect(opf.contains("<dc:publisher>P &amp; Co</dc:publisher>"))
        #expect(opf.contains("<meta property=\"dcterms:modified\">1980-01-01T00:00:00Z</meta>"))
        // The built-in templates made the chapters and the stylesheet.
        #expect(entries["OEBPS/style.css"].map { String(decoding: $0, as: UTF8.self) } == EpubTemplates.stylesheet)
        for (path, data) in entries where path.hasSuffix(".xhtml") || path.hasSuffix(".opf") || path.hasSuffix(".ncx") {
            #expect(XMLCheck.problem(in: String(decoding: data, as: UTF8.self)) == nil, "\(path) is not well-formed")
        }
    }

    /// An empty link to a number of the document gets its target's label in the book too.
    @Test func numberReferencesGetTheirLabels() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\nsplit: [1, 2]\n---\n# I. One\n\nSee [](#II.1) and [](#II).\n\n# II. Two\n\n## 1. First item\n\nText.\n"], under: "Content")
        var settings = options(in: folder)
        settings.epub = folder.url.appendingPathComponent("refs.epub")
        _ = try Pipeline(options: settings).build()
        let entries = try Self.entries(of: folder.url.appendingPathComponent("refs.epub"))
        let one = String(decoding: try #require(entries["OEBPS/i.xhtml"]), as: UTF8.self)
        #expect(one.contains("<a href=\"ii-1.xhtml\">II.1 First item</a>"), "\(one)")
        #expect(one.contains("<a href=\"ii.xhtml\">II Two</a>"), "\(one)")
    }

    @Test func remoteImagesAndLinksToFilesAreWarningsWithTheirPlace() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n![remote](https://example.org/a.png)\n\n[the paper](paper.pdf)\n", "paper.pdf": "%PDF"], under: "Content")
        var settings = options(in: folder)
        settings.epub = folder.url.appendingPathComponent("book.epub")
        let result = try Pipeline(options: settings).render()
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.contains("Content/index.md:3:1: warning: 'https://example.org/a.png' is a remote image, which EPUB readers do not load: the EPUB links to it instead; put a copy in the content folder to show it"))
        #expect(warnings.contains("Content/index.md:5:1: warning: 'paper.pdf' cannot be opened from the EPUB: EPUB readers open only the book's chapters, so the EPUB keeps the link's text without a target: set base_url in site.yml to link to the published copy"))
        // Without one the link leads nowhere (a link to a file in the book is an epubcheck error,
        // RSC-010), and the book holds no copy.
        let unpublished = try #require(result.epub?.files)
        #expect(!unpublished.contains { $0.path.hasSuffix("paper.pdf") })
        let first = try #require(unpublished.first { $0.path == "OEBPS/index.xhtml" })
        guard case .bytes(let firstBytes) = first.contents else { Issue.record("the chapter is not made in memory"); return }
        #expect(String(decoding: firstBytes, as: UTF8.self).contains("<a href=\"\">the paper</a>"))
        // With a base URL the link goes to the published copy and the book holds no copy.
        try folder.write(["site.yml": "base_url: https://example.org/docs/\n"], under: "Content")
        let published = try Pipeline(options: settings).render()
        #expect(!published.diagnostics.contains { $0.message.contains("paper.pdf") })
        let files = try #require(published.epub?.files)
        #expect(!files.contains { $0.path.hasSuffix("paper.pdf") })
        let chapter = try #require(files.first { $0.path == "OEBPS/index.xhtml" })
        guard case .bytes(let bytes) = chapter.contents else { Issue.record("the chapter is not made in memory"); return }
        let xhtml = String(decoding: bytes, as: UTF8.self)
        #expect(xhtml.contains("<a href=\"https://example.org/docs/paper.pdf\">the paper</a>"))
        // The remote image is a link that reads as its alt text: epubcheck refuses a remote image (RSC-006).
        #expect(xhtml.contains("<a href=\"https://example.org/a.png\">remote</a>"), "\(xhtml)")
        #expect(!xhtml.contains("<img"))
    }

    /// Only remote images become links; a title is kept, an image in the book stays an image.
    @Test func remoteImagesBecomeLinksAndOthersStay() {
        let html = #"<p><img src="https://e.org/r.png" alt="R &amp; D" title="T" /> <img src="media/a.png" alt="a" /> <img src="//cdn.x/y.png" alt="" /></p>"#
        #expect(EpubBook.linkingRemoteImages(html) == #"<p><a href="https://e.org/r.png" title="T">R &amp; D</a> <img src="media/a.png" alt="a" /> <a href="//cdn.x/y.png">//cdn.x/y.png</a></p>"#)
    }

    @Test func identifierIsAVersion5UUIDOfTheTitleAndTheDateFollowsSourceDateEpoch() throws {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "octavo:epub:Global Security Initiative Concept Paper")
        #expect(EpubIdentifier.derived(fromTitle: "Global Security Initiative Concept Paper") == "urn:uuid:01afd024-d7a8-5d62-86db-de81be734b7c")
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.digest([]).map { String(format: "%02x", $0) }.joined() == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let date = try ZipBundle.modificationDate(environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(EpubMetadata(title: "T", modified: date).modifiedText == "2023-11-14T22:13:20Z")
        #expect(EpubMetadata(title: "T").identifier == EpubMetadata(title: "T").identifier)
        #expect(EpubMetadata(title: "T").identifier != EpubMetadata(title: "U").identifier)
    }

    @Test func theThemesEpubTemplatesAreTheBuiltInOnes() throws {
        for (name, text) in EpubTemplates.defaults {
            let file = realTemplates.appendingPathComponent(name + ".mustache")
            #expect(try String(contentsOf: file, encoding: .utf8) == text, "\(file.lastPathComponent) differs from EpubTemplates")
        }
    }

    @Test func xmlCheckFindsWhatIsNotWellFormed() {
        #expect(XMLCheck.problem(in: "<p>a<br />b &#160; &amp;</p>") == nil)
        #expect(XMLCheck.problem(in: "<p>a<br>b</p>")?.message.contains("end tag") == true)
        #expect(XMLCheck.problem(in: "<p>a&nbsp;b</p>")?.message.contains("&nbsp;") == true)
        #expect(XMLCheck.problem(in: "<p>\n<b>x</p>")?.line == 2)
    }

    @Test func rawHTMLThatIsNotXMLIsAnErrorNamingThePage() throws {
        try BadInputTests().expectRefused(["site.yml": Array("unsafe: true\nepub: book.epub\n".utf8), "a.md": Array("# A\n\nline<br>break\n".utf8)],
                                          file: "Content/a.md", line: 1, message: "its EPUB chapter a.xhtml is not well-formed XML")
    }

    @Test func anEpubInsideTheContentFolderIsRefused() throws {
        try BadInputTests().expectRefused(["site.yml": Array("epub: Content/book.epub\n".utf8)],
                                          file: "Content/book.epub", message: "cannot be the EPUB: it is inside")
    }

    /// An `--epub` not named `.epub` is still an EPUB, with a warning that says what to name it,
    /// as for `--bundle`; `.EPUB` is an EPUB's name too.
    @Test func anEpubNotNamedEpubIsWrittenWithAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let run = try runOctavo(["build", "--quiet", "--templates", realTemplates.path, "--epub", "book.zip"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stderr == "book.zip: warning: is written as an EPUB book, whatever its name: name it 'book.epub' so that it opens as one\n", "\(run.stderr)")
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("book.zip")).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(Pipeline.epubNameWarning(URL(fileURLWithPath: "/x/Book.EPUB"), display: "Book.EPUB") == nil)
    }

    /// The EPUB and the zip named the same file (by `--epub` or `epub` of `site.yml`) are refused
    /// before anything is written: one would overwrite the other, and the build said it wrote both.
    @Test func anEpubAndABundleOfTheSameFileAreRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let flags = try runOctavo(["build", "--templates", realTemplates.path, "--epub", "same.out", "--bundle", "./same.out"], in: folder.url)
        #expect(flags.status == 1)
        #expect(flags.stderr.contains("same.out: error: is named by both --epub and --bundle: the EPUB and the zip need a file each"), "\(flags.stderr)")
        try folder.write(["site.yml": "epub: book.epub\n"], under: "Content")
        let setting = try runOctavo(["build", "--templates", realTemplates.path, "--bundle", "book.epub"], in: folder.url)
        #expect(setting.status == 1)
        #expect(setting.stderr.contains("book.epub: error: is named by both 'epub' of site.yml and --bundle"), "\(setting.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["Content"])
    }

    /// An EPUB inside the output folder (by `--epub` or `epub` of `site.yml`) is refused before
    /// anything is written, as the bundle is: the folder is Octavo's to rewrite and clean.
    @Test func anEpubInsideTheOutputFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let flag = try runOctavo(["build", "--templates", realTemplates.path, "--epub", "Output/book.epub"], in: folder.url)
        #expect(flag.status == 1)
        #expect(flag.stderr.hasPrefix("Output/book.epub: error: cannot be the EPUB: it is inside the output folder Output"), "\(flag.stderr)")
        try folder.write(["site.yml": "epub: Output/book.epub\n"], under: "Content")
        let setting = try runOctavo(["build", "--templates", realTemplates.path], in: folder.url)
        #expect(setting.status == 1)
        #expect(setting.stderr.contains("cannot be the EPUB: it is inside the output folder Output"), "\(setting.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["Content"])
    }

    @Test func anEpubSettingThatIsNotAnEpubFileIsRefused() throws {
        try BadInputTests().expectRefused(["site.yml": Array("title: T\nepub: book.zip\n".utf8)],
                                          file: "Content/site.yml", line: 2, message: "'epub' must be the path of a file ending in .epub")
    }
}
