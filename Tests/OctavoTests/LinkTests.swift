import Foundation
import Testing
@testable import Octavo

@Suite("Link: cross-references after splitting")
struct LinkTests {
    static let files = [
        "index.md": "---\ntitle: Home\n---\nSee [part two](book.md#ii-second), [item](book.md#II.1), [top](book.md) and [pic](img/p.png).\n",
        "book.md": "---\nsplit: [1, 2]\n---\n# I. First\n\nBack [home](index.md). Forward to [gamma](#gamma-detail).\n\n# II. Second\n\n## 1. Gamma\n\n### Gamma detail\n",
    ]

    func resolved() throws -> (Site, LinkResolver.Resolution) {
        let site = try outline(Self.files)
        let assets = [Asset(path: "img/p.png", sourceURL: packageRoot)]
        let withAssets = Site(title: site.title, pages: site.pages, documents: site.documents, assets: assets, diagnostics: [])
        return (withAssets, LinkResolver().resolve(withAssets))
    }

    /// The fast path for ASCII without `%` gives the bytes Foundation's decoding and NFC give.
    @Test(arguments: ["guide/install.md", "", "a b/c.md", "caf%C3%A9.md", "cafe\u{301}.md", "caf\u{E9}.md", "50%", "a%2", "%41", "x#y"])
    func decodedDestinationsAreFoundationsBytes(_ part: String) {
        let foundation = (part.removingPercentEncoding ?? part).precomposedStringWithCanonicalMapping
        #expect(Array(LinkResolver.decoded(part).utf8) == Array(foundation.utf8))
    }

    @Test func resolvesFilesAnchorsNumbersAndAssets() throws {
        let (site, resolution) = try resolved()
        #expect(resolution.diagnostics.isEmpty)
        let home = site.documents.firstIndex { $0.path == "index.md" }!
        let pathOf = { (target: LinkTarget) -> String in
            switch target {
            case .page(let page, let fragment): return site.pages[page].path + (fragment.map { "#" + $0 } ?? "")
            case .file(let path, _): return path
            case .unresolved(let why): return "unresolved: " + why
            }
        }
        #expect(resolution.targets[home].map(pathOf) == [
            "book/ii/index.html#ii-second", "book/ii/1/index.html", "book/index.html", "img/p.png",
        ])
        let book = site.documents.firstIndex { $0.path == "book.md" }!
        #expect(resolution.targets[book].map(pathOf) == ["index.html", "book/ii/1/index.html#gamma-detail"])
    }

    @Test func urlsAreRelativeAndNameTheFile() throws {
        let (site, resolution) = try resolved()
        let book = site.documents.firstIndex { $0.path == "book.md" }!
        let from = "book/i/index.html"
        #expect(resolution.targets[book][0].url(from: from, site: site, original: "") == "../../index.html")
        #expect(resolution.targets[book][1].url(from: from, site: site, original: "") == "../ii/1/index.html#gamma-detail")
    }

    @Test func missingFileAndMissingAnchorAreErrorsWithPositions() throws {
        let site = try outline(["index.md": "---\ntitle: T\n---\n\nSee [a](missing.md) and\n[b](#nowhere).\n"])
        let diagnostics = LinkResolver().resolve(site).diagnostics
        #expect(diagnostics.map(\.description) == [
            "Content/index.md:5:5: error: link target 'missing.md' does not exist",
            "Content/index.md:6:1: error: link target '#nowhere': no heading with id 'nowhere' in Content/index.md",
        ])
    }

    /// A link that names no file or id says what was probably meant, written as the user would
    /// write it: the `.md` left out, a page's output path, a typo, an id in other case or punctuation.
    @Test func brokenLinksSuggestTheTargetMeant() throws {
        let site = try outline([
            "index.md": "# Home\n\n[a](guide/install) [b](guide/install.html) [c](guide/install/index.html) [d](guide/instal.md)\n"
                + "[e](guide/install.md#Options) [f](guide/install.md#getting_started) [g](b.md) [h](guide/install.md#zzz)\n",
            "guide/install.md": "# Install\n\n## Options\n\n## Getting started\n",
            "guide/a.md": "# A\n",
        ])
        let messages = LinkResolver().resolve(site).diagnostics.map(\.description)
        let page = "link to the Markdown file, not the page Octavo writes from it"
        #expect(messages == [
            "Content/index.md:3:1: error: link target 'guide/install' does not exist: did you mean 'guide/install.md'?",
            "Content/index.md:3:20: error: link target 'guide/install.html' does not exist: \(page): did you mean 'guide/install.md'?",
            "Content/index.md:3:44: error: link target 'guide/install/index.html' does not exist: \(page): did you mean 'guide/install.md'?",
            "Content/index.md:3:74: error: link target 'guide/instal.md' does not exist: did you mean 'guide/install.md'?",
            "Content/index.md:4:1: error: link target 'guide/install.md#Options': no heading with id 'Options' in Content/guide/install.md: did you mean 'guide/install.md#options'?",
            "Content/index.md:4:31: error: link target 'guide/install.md#getting_started': no heading with id 'getting_started' in Content/guide/install.md: did you mean 'guide/install.md#getting-started'?",
            "Content/index.md:4:69: error: link target 'b.md' does not exist",
            "Content/index.md:4:79: error: link target 'guide/install.md#zzz': no heading with id 'zzz' in Content/guide/install.md",
        ])
        // A folder's letter case (right on a case-insensitive disk, broken on a server): the one
        // file whose path differs only in case, written relative to the linking file.
        let cased = try outline([
            "index.md": "# Home\n\n[a](guide/a.md)\n",
            "guide/a.md": "# A\n\n[s](../GUIDE/Secrets.md) [t](../Guide/install.md)\n",
            "guide/secrets.md": "# S\n", "Guide/install.md": "# I1\n", "guide/install.md": "# I2\n",
        ])
        #expect(LinkResolver().resolve(cased).diagnostics.map(\.description) == [
            "Content/guide/a.md:3:1: error: link target '../GUIDE/Secrets.md' does not exist: did you mean 'secrets.md'?",
        ])
    }

    /// In an mdBook book (its `SUMMARY.md` in the content folder), `usage.html` is the chapter
    /// `usage.md`, as mdBook writes it; elsewhere it is the error above. A `.html` with no such
    /// chapter is still an error.
    @Test func anMdBookBooksHTMLLinksLeadToTheirChapters() throws {
        let folder = try TemporaryFolder()
        try folder.write(["SUMMARY.md": "# Summary\n\n- [Intro](README.md)\n- [Usage](guide/usage.md)\n- [Later](later.md)\n",
                          "README.md": "# Intro\n\n[usage](guide/usage.html#running) [nope](guide/nope.html) [later](later.html)\n",
                          "guide/usage.md": "# Usage\n\n## Running\n\n[back](../index.html)\n", "later.md": "---\ndraft: true\n---\n# Later\n"], under: "Content")
        let book = try Pipeline(options: options(in: folder)).render()
        // The draft the list names is left out of it without a word; a link to it says it is a draft.
        #expect(book.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "Content/README.md:3:35: error: link target 'guide/nope.html' does not exist",
            "Content/README.md:3:59: error: " + LinkResolver.draftProblem("later.html"),
        ])
        let intro = try #require(book.files.first { $0.path == "index.html" })
        guard case .bytes(let bytes) = intro.contents else { Issue.record("not in memory"); return }
        #expect(String(decoding: bytes, as: UTF8.self).contains("<a href=\"guide/usage/index.html#running\">usage</a>"))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/SUMMARY.md"))
        let plain = try Pipeline(options: options(in: folder)).render()
        #expect(plain.diagnostics.contains { $0.message.hasPrefix("link target 'guide/usage.html' does not exist: link to the Markdown file") })
    }

    /// A missing image is called an image, and a file of the same name with another extension in
    /// the folder the link names is suggested (`logo.png` for `logo.jpg`); two such files are no
    /// single guess, and a link to a page is still called a link target.
    @Test func aMissingImageSuggestsTheFileOfTheSameNameWithAnotherExtension() throws {
        let inputs = try [("index.md", "# Home\n\n![Logo](images/logo.jpg) [notes](notes.txt) ![Icon](images/icon.gif)\n"), ("notes.md", "# Notes\n")]
            .map { path, text in
                let source = try SourceFile(bytes: Array(text.utf8), path: path, displayPath: "Content/" + path)
                var ids = HeadingIDGenerator()
                return Outliner.Input(source: source, markdown: MarkdownParser().parse(source.body, ids: &ids))
            }
        let assets = ["images/logo.png", "images/icon.png", "images/icon.svg"].map { Asset(path: $0, sourceURL: URL(fileURLWithPath: "/nowhere/" + $0)) }
        let site = try Outliner().outline(inputs, assets: assets)
        #expect(LinkResolver().resolve(site).diagnostics.map(\.description) == [
            "Content/index.md:3:1: error: image 'images/logo.jpg' does not exist: did you mean 'images/logo.png'?",
            "Content/index.md:3:26: error: link target 'notes.txt' does not exist: did you mean 'notes.md'?",
            "Content/index.md:3:45: error: image 'images/icon.gif' does not exist",
        ])
    }

    @Test(arguments: [
        ("iii/3/index.html", "ii/index.html", "../../ii/index.html"),
        ("index.html", "iii/index.html", "iii/index.html"),
        ("iii/index.html", "iii/3/index.html", "3/index.html"),
        ("a/b/index.html", "a/b/index.html", "index.html"),
        ("a/index.html", "assets/style.css", "../assets/style.css"),
    ])
    func relativePaths(from: String, to: String, expected: String) {
        #expect(RelativePath.from(from, to: to) == expected)
    }

    @Test func aQueryOnALinkIsKeptBeforeTheFragment() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\n[deep](sub/c.md?view=full#top) [plain](sub/c.md?a=1&b=2) [spaced](<sub/c.md?q=a b\"c#top>)"
                + " [percent](sub/c.md?p=%41%zz) [asset](img/p.txt?v=2#x) [self](?mode=print#home) [none](sub/c.md#top)\n",
            "sub/c.md": "# C\n\n## Top\n\n[home](../index.md?from=c)\n",
            "img/p.txt": "text",
        ], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.diagnostics.filter { $0.severity == .error } == [])
        let home = try #require(result.files.first { $0.path == "index.html" }).text
        let hrefs = PageLinks(home).hrefs
        for expected in ["sub/c/index.html?view=full#top", "sub/c/index.html?a=1&b=2", "sub/c/index.html?q=a%20b%22c#top",
                         "sub/c/index.html?p=%41%25zz", "img/p.txt?v=2#x", "index.html?mode=print#home", "sub/c/index.html#top"] {
            #expect(hrefs.contains(expected), "no \(expected) in \(hrefs)")
        }
        let page = try #require(result.files.first { $0.path == "sub/c/index.html" }).text
        #expect(PageLinks(page).hrefs.contains("../../index.html?from=c"))
    }

    @Test func headingsAndFragmentsInNFCAndNFDMeetAsABrowserComparesThem() throws {
        // Heading 1 typed composed, heading 2 decomposed; each linked to both ways, on its page and from another.
        let nfcHeading = "Caf\u{E9} au lait", nfdHeading = "Cre\u{300}me bru\u{302}le\u{301}e"
        let links = ["#caf\u{E9}-au-lait", "#cafe\u{301}-au-lait", "#cr\u{E8}me-br\u{FB}l\u{E9}e", "#cre\u{300}me-bru\u{302}le\u{301}e"]
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\n" + links.map { "[x](a.md\($0))" }.joined(separator: " ") + " [y](a.md#cafe%CC%81-au-lait)\n",
            "a.md": "# A\n\n## \(nfcHeading)\n\n## \(nfdHeading)\n\n" + links.map { "[x](\($0))" }.joined(separator: " ") + "\n",
        ], under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics == [])
        let files = folder.snapshot("Output")
        let page = PageLinks(String(decoding: files["a/index.html"] ?? Data(), as: UTF8.self))
        let expectedIDs = ["caf\u{E9}-au-lait", "cr\u{E8}me-br\u{FB}l\u{E9}e"]
        for id in expectedIDs { #expect(page.ids.contains { $0.utf8.elementsEqual(id.utf8) }, "no id \(id) in NFC") }
        // Every fragment written is NFC and names an id byte for byte.
        #expect(brokenLinks(in: files) == [])
        for (path, data) in files where path.hasSuffix(".html") {
            for href in PageLinks(String(decoding: data, as: UTF8.self)).hrefs {
                guard let fragment = resolve(href, from: path)?.fragment else { continue }
                #expect(fragment.unicodeScalars.elementsEqual(fragment.precomposedStringWithCanonicalMapping.unicodeScalars), "\(path): \(href)")
            }
        }
    }

    @Test func linksWrittenInNFDFindNFCFiles() throws {
        let nfc = "caf\u{E9}.md"
        let nfd = "cafe\u{301}.md"
        let site = try outline(["index.md": "# H\n\n[x](\(nfd))\n", nfc: "# Café\n"])
        #expect(LinkResolver().resolve(site).diagnostics.isEmpty)
    }
}

@Suite("Link: names that look like a URL scheme")
struct SchemeNameTests {
    /// File names and slugs that a browser would read as `javascript:`, `data:`, `mailto:`, `c:`
    /// and `note:` links if written as they are.
    static let files = [
        "index.md": "# Home\n\nSee [the script](javascript:alert(1).md) and [the note](<./Note: intro.md>).\n",
        "javascript:alert(1).md": "# Script\n\nWords to find: hostile.\n",
        "data:text.md": "# Data\n\nhostile\n",
        "mailto:me.md": "# Mail\n\nhostile\n",
        "C:.md": "# Drive\n\nhostile\n",
        "Note: intro.md": "# Note\n\nhostile\n",
        "s.md": "---\nslug: \"javascript:void(0)\"\n---\n# Slug\n\nhostile\n",
        "guide/vbscript:x.md": "# Nested\n\nhostile\n",
    ]

    static func build() throws -> (TemporaryFolder, [String: Data]) {
        let folder = try TemporaryFolder()
        try folder.write(files, under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        return (folder, folder.snapshot("Output"))
    }

    @Test func noHrefOrSrcHasASchemeAndEveryLinkLeadsToAFile() throws {
        let (folder, files) = try Self.build()
        defer { withExtendedLifetime(folder) {} }
        #expect(files["javascript:alert(1)/index.html"] != nil)
        #expect(files["javascript:void(0)/index.html"] != nil)
        var hrefs: [String] = []
        var withScheme: [String] = []
        for (path, data) in files where path.hasSuffix(".html") {
            for href in PageLinks(String(decoding: data, as: UTF8.self)).hrefs {
                hrefs.append("\(path): \(href)")
                if scheme(of: href) != nil { withScheme.append("\(path): \(href)") }
            }
        }
        #expect(hrefs.contains("index.html: javascript%3Aalert(1)/index.html"))
        #expect(hrefs.contains("index.html: Note%3A%20intro/index.html"))
        #expect(withScheme == [])
        #expect(brokenLinks(in: files) == [])
    }

    @Test func pageURLsInTemplatesAndTheSearchIndexHaveNoScheme() throws {
        let site = try outline(Self.files)
        #expect(site.pages.map { URLEscaping.path($0.path) }.allSatisfy { scheme(of: $0) == nil })
        #expect(URLEscaping.path("javascript:alert(1)/index.html") == "javascript%3Aalert(1)/index.html")
        #expect(URLEscaping.path("a/b:c.png") == "a/b%3Ac.png")
    }
}

@Suite("Link: one encoding rule for every URL, in Swift and in search.js")
struct URLEncodingTests {
    /// Names with each character a URL gives a meaning to (`#`, `?`, `%`, space, `"`, `&`, `+`,
    /// `:`) or cannot hold as it is (non-ASCII), each page with a word of its own to search for.
    static let pages: [(file: String, link: String, word: String)] = [
        ("why?.md", "why%3F.md", "alpha"),
        ("c#-notes/intro.md", "c%23-notes/intro.md", "bravo"),
        ("100%.md", "100%25.md", "charlie"),
        ("two words.md", "<two words.md>", "delta"),
        ("say \"hi\".md", "say%20%22hi%22.md", "echo"),
        ("caf\u{E9}/\u{E9}t\u{E9} \u{6625}.md", "caf\u{E9}/\u{E9}t\u{E9}%20\u{6625}.md", "foxtrot"),
        ("a&b+c=d;e@f$g,h.md", "a&b+c=d;e@f$g,h.md", "golf"),
    ]

    @Test func everyLinkOfEveryPageAndOfTheSearchResultsLeadsToItsFile() throws {
        let folder = try TemporaryFolder()
        var files = ["index.md": "# Home\n\n" + Self.pages.map { "[link](\($0.link))" }.joined(separator: " ") + "\n"]
        for page in Self.pages { files[page.file] = "# Page\n\nIntro.\n\n## Part \(page.word)\n\nThe word \(page.word).\n\n[home](/index.md)\n" }
        try folder.write(files, under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics.filter { $0.severity == .error } == [])
        let output = folder.snapshot("Output")
        #expect(output["why?/index.html"] != nil && output["c#-notes/intro/index.html"] != nil && output["100%/index.html"] != nil)
        #expect(brokenLinks(in: output) == [])
        let home = PageLinks(String(decoding: output["index.html"] ?? Data(), as: UTF8.self)).hrefs
        for expected in ["why%3F/index.html", "c%23-notes/intro/index.html", "100%25/index.html", "two%20words/index.html",
                         "say%20%22hi%22/index.html", "caf%C3%A9/%C3%A9t%C3%A9%20%E6%98%A5/index.html", "a%26b%2Bc%3Dd%3Be%40f%24g%2Ch/index.html"] {
            #expect(home.contains(expected), "\(expected) not in \(home)")
        }
        // The search script writes the same URLs, each leading to its page and heading.
        guard isInstalled("node") else { return }
        let results = try SearchTests.query(folder.url.appendingPathComponent("Output"), Self.pages.map(\.word))
        for (page, result) in zip(Self.pages, results) {
            let hrefs = (result["results"] as? [[String: Any]] ?? []).compactMap { $0["href"] as? String }
            #expect(hrefs.count == 1, "\(page.word): \(hrefs)")
            for href in hrefs {
                let target = try #require(resolve(href, from: "search.html"))
                #expect(output[target.path] != nil, "\(href) leads to no file")
                #expect(target.fragment == "part-" + page.word, "\(href)")
                #expect(home.contains(String(href.split(separator: "#")[0])), "\(href) is not the URL the pages use")
            }
        }
    }

    @Test func segmentsAreEncodedAsEncodeURIComponentDoes() {
        #expect(URLEscaping.path("why?/c#/100%/a b/\"q\"/x:y/&+=;@$,/-_.!~*'()/\u{E9}") ==
                "why%3F/c%23/100%25/a%20b/%22q%22/x%3Ay/%26%2B%3D%3B%40%24%2C/-_.!~*'()/%C3%A9")
        #expect(URLEscaping.fragment("a/b#c") == "a%2Fb%23c")
    }
}

@Suite("Link: paths whose parts start with a combining mark")
struct CombiningMarkPathTests {
    /// `/` followed by a combining mark is one Character: paths are split by byte, so the folder
    /// is kept and links between such files resolve.
    @Test func filesAndFoldersWhoseNamesStartWithACombiningMark() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\n[x](guide/\u{301}x.md) [y](\u{301}dir/y.md)\n",
            "guide/\u{301}x.md": "# X\n\n[home](../index.md) [y](../\u{301}dir/y.md#y)\n",
            "\u{301}dir/y.md": "# Y\n\n[home](../index.md) [x](../guide/\u{301}x.md)\n",
        ], under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics == [])
        let files = folder.snapshot("Output")
        #expect(files["guide/\u{301}x/index.html"] != nil && files["\u{301}dir/y/index.html"] != nil, "\(files.keys.sorted())")
        #expect(brokenLinks(in: files) == [])
        #expect(RelativePath.from("guide/\u{301}x/index.html", to: "\u{301}dir/y/index.html") == "../../\u{301}dir/y/index.html")
        #expect(LinkResolver.normalize("../\u{301}dir/y.md", relativeTo: "guide") == "\u{301}dir/y.md")
    }
}

@Suite("Link: number references and paragraph anchors")
struct NumberReferenceTests {
    static let book = "---\nsplit: [1, 2]\n---\n# I. First\n\nOne.\n\nTwo, see [x](#p1) and [](#II.1.p2).\n\n# II. Second\n\n## 1. Gamma\n\nG one.\n\nG two [](#I) and [the first](#I.p1).\n"

    @Test func emptyLinksGetTheirTargetsLabelAndParagraphAnchorsResolve() throws {
        let site = try outline(["book.md": Self.book, "other.md": "# Other\n\nA [](book.md#I.p2), [](book.md#II.1) and [](single.md#p2).\n",
                                "single.md": "# Single\n\nOne.\n\nTwo.\n"])
        let resolution = LinkResolver().resolve(site)
        #expect(resolution.diagnostics.isEmpty, "\(resolution.diagnostics)")
        let book = site.documents.firstIndex { $0.path == "book.md" }!
        let other = site.documents.firstIndex { $0.path == "other.md" }!
        let target = { (document: Int, link: Int) -> String in
            guard case .page(let page, let fragment) = resolution.targets[document][link] else { return "unresolved" }
            return site.pages[page].path + (fragment.map { "#" + $0 } ?? "")
        }
        #expect((0..<4).map { target(book, $0) } == ["book/i/index.html#p1", "book/ii/1/index.html#p2", "book/i/index.html", "book/i/index.html#p1"])
        #expect(resolution.labels[book] == [nil, "II.1 ¶2", "I First", nil])
        #expect(resolution.labels[other] == ["I ¶2", "II.1 Gamma", "Single ¶2"])
        #expect(target(other, 2) == "single/index.html#p2")
    }

    @Test func labelsAreWrittenIntoTheEmptyLinkOnPagesAndInThePrintEdition() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[](book.md#II.1) and [kept](book.md#I).\n", "book.md": Self.book], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(try folder.read("Output/index.html").contains("<a href=\"book/ii/1/index.html\">II.1 Gamma</a> and <a href=\"book/i/index.html\">kept</a>"))
        #expect(try folder.read("Output/book/i/index.html").contains("<a href=\"../ii/1/index.html#p2\">II.1 ¶2</a>"))
        #expect(try folder.read("Output/print.html").contains(">II.1 ¶2</a>"))
    }

    @Test func aMissingNumberOrParagraphIsAnErrorAtItsPosition() throws {
        let site = try outline(["book.md": Self.book + "\nSee [](#IX.9),\n[x](#II.1.p99) and [y](#p7).\n"])
        #expect(LinkResolver().resolve(site).diagnostics.map(\.description) == [
            "Content/book.md:18:5: error: link target '#IX.9': no part or item numbered 'IX.9' in Content/book.md",
            "Content/book.md:19:1: error: link target '#II.1.p99': II.1 has no paragraph 99 (it has 3) in Content/book.md",
            "Content/book.md:19:20: error: link target '#p7': no paragraph 7 on the page 'II.1 Gamma' (it has 3) in Content/book.md",
        ])
    }

    @Test(arguments: [("p2", "", 2), ("III.3.p12", "III.3", 12), ("A.1.p1", "A.1", 1)])
    func paragraphFragmentsAreRead(fragment: String, number: String, paragraph: Int) {
        #expect(ParagraphReference(fragment) == ParagraphReference(number: number, paragraph: paragraph))
    }

    @Test(arguments: ["p", "p0", "px", "intro.p2", "p2.x", "pp2"])
    func otherFragmentsAreNotParagraphs(fragment: String) {
        #expect(ParagraphReference(fragment) == nil)
    }
}

@Suite("Link: other tools' conventions")
struct OtherToolsLinkTests {
    /// Links written for Zola (`@/…`) and DocC (`doc:`) are errors that say what to write instead;
    /// a path missing from SUMMARY.md is an error at its place in that file.
    @Test func linksOtherToolsFollowAreErrorsWithWhatToWrite() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[z](@/guide/intro.md) and [d](doc:Getting-Started)\n",
                          "SUMMARY.md": "# Summary\n\n- [Home](index.md)\n- [Gone](gone.md)\n"], under: "Content")
        let diagnostics = try Pipeline(options: options(in: folder)).render().diagnostics.filter { $0.severity == .error }
        #expect(diagnostics.map(\.description) == [
            "Content/SUMMARY.md:4:3: error: link target 'gone.md' does not exist: fix the path in SUMMARY.md (it is relative to the content folder)",
            "Content/index.md:3:1: error: link target '@/guide/intro.md' is Zola's internal link form, which a browser cannot follow: write '/guide/intro.md' (a path from the content folder)",
            "Content/index.md:3:27: error: link target 'doc:Getting-Started' is a DocC link, which a browser cannot follow: link to the article's Markdown file instead, like [text](Getting-Started.md)",
        ])
    }

    /// `broken_links: warn` publishes a site with a broken link, as a warning; `--strict` still
    /// fails. A missing `#fragment` is a broken link too (README: `check`'s table).
    @Test func brokenLinksWarnPublishesButStrictFails() throws {
        let fragment = try TemporaryFolder()
        try fragment.write(["site.yml": "broken_links: warn\n", "index.md": "# Home\n\n[x](other.md#nope)\n", "other.md": "# Other\n"], under: "Content")
        let softened = try Pipeline(options: options(in: fragment)).build()
        #expect(softened.diagnostics.map(\.severity) == [.warning])
        #expect(softened.diagnostics.first?.message.contains("no heading with id 'nope'") == true)

        let folder = try TemporaryFolder()
        try folder.write(["site.yml": "broken_links: warn\n", "index.md": "# Home\n\n[x](missing.md)\n"], under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics.map(\.description).contains("Content/index.md:3:1: warning: link target 'missing.md' does not exist"))
        #expect(try folder.read("Output/index.html").contains("href=\"missing.md\""))
        let before = folder.snapshot("Output")
        let strict = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder, strict: true)).build() }
        #expect(strict?.diagnostics.map(\.description) == ["Content/index.md:3:1: warning: link target 'missing.md' does not exist"])
        #expect(folder.snapshot("Output") == before)
        let wrong = #expect(throws: BuildError.self) { try SiteConfig(yaml: "broken_links: maybe\n", file: "Content/site.yml") }
        #expect(wrong?.description == "Content/site.yml:1:15: error: 'broken_links' must be error or warn")
    }
}

@Suite("Link: number references in the real document")
struct RealDocumentReferenceTests {
    /// The real Content with `line` appended to the document, rendered in memory.
    func render(appending line: String) throws -> Pipeline.Result {
        let folder = try TemporaryFolder()
        let text = try String(contentsOf: realContent.appendingPathComponent("global-security-initiative.md"), encoding: .utf8)
        let terms = try String(contentsOf: realContent.appendingPathComponent("terms.yml"), encoding: .utf8)
        try folder.write(["global-security-initiative.md": text + "\n" + line + "\n", "terms.yml": terms], under: "Content")
        return try Pipeline(options: options(in: folder)).render()
    }

    @Test func anAppendedReferenceGetsTheItemsLabel() throws {
        let result = try render(appending: "Compare [](#III.3) and [the second](#II.2).")
        #expect(result.diagnostics.filter { $0.severity == .error } == [])
        let file = try #require(result.files.first { $0.path == "iv/index.html" })
        #expect(file.text.contains("Compare <a href=\"../iii/3/index.html\">III.3 The risk of nuclear war</a> and <a href=\"../ii/2/index.html\">the second</a>."))
    }

    @Test func aMissingNumberOrParagraphNamesItsLine() throws {
        let result = try render(appending: "See [](#IX.9) and [x](#III.3.p99).")
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 2)
        let line = try lineCount() + 2  // after the file's lines and the blank line before the appended one
        #expect(errors.allSatisfy { $0.hasPrefix("Content/global-security-initiative.md:\(line):") }, "\(errors)")
        #expect(errors.first?.contains("no part or item numbered 'IX.9'") == true)
        #expect(errors.last?.contains("III.3 has no paragraph 99") == true)
    }

    private func lineCount() throws -> Int {
        try String(contentsOf: realContent.appendingPathComponent("global-security-initiative.md"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }
}

@Suite("Link: labels written into their slots")
struct LinkLabelTests {
    @Test func labelsAreWrittenEscapedIntoTheirSlots() {
        var writer = BlockHTML()
        writer.label = { $0 == 0 ? "A & <B>" : nil }
        let document = parse("[](#x) \u{E004}0\u{E005} é\n")
        #expect(writer.html(of: document.blocks, paragraphIDs: [nil]) == "<p><a href=\"\">A &amp; &lt;B&gt;</a> \u{E004}0\u{E005} é</p>\n")
    }

    @Test func theParserPutsASlotOnlyInLinksWithoutText() {
        let document = parse("[](#III.3) [text](#II) [](https://example.org) ![](img.png)\n")
        #expect(document.links.map(\.fillsText) == [true, false, false])
        #expect(document.blocks[0].content.prefix(4) == [.html("<a href=\""), .linkURL(0), .html("\">"), .linkLabel(0)])
        #expect(document.blocks[0].content.filter { if case .linkLabel = $0 { true } else { false } }.count == 1)
        #expect(document.blocks[0].links == 0..<3)
    }
}

@Suite("Link: drafts")
struct DraftLinkTests {
    func site(_ mode: DraftMode, in folder: TemporaryFolder) throws -> Pipeline.Result {
        try folder.write(["index.md": "# Home\n\nSee [the plan](plan.md).\n",
                          "plan.md": "---\ndraft: true\n---\n# Plan\n\nBack [home](index.md), and [nowhere](missing.md).\n"], under: "Content")
        var options = options(in: folder)
        options.drafts = mode
        return try Pipeline(options: options).render()
    }

    @Test func aDraftIsLeftOutAndALinkToItIsAnErrorAtTheLink() throws {
        let folder = try TemporaryFolder()
        let result = try site(.leftOut, in: folder)
        #expect(result.site.pages.map(\.title) == ["Home"])
        #expect(!result.files.contains { $0.path.hasPrefix("plan/") })
        let search = result.files.first { $0.path == SearchIndex.indexPath }
        if case .bytes(let bytes)? = search?.contents { #expect(!String(decoding: bytes, as: UTF8.self).contains("Plan")) }
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "Content/index.md:3:5: error: link target 'plan.md' is a draft (draft: true), which is not published: remove the link, or publish the page by removing draft: true (octavo build --drafts builds drafts too)",
        ])
    }

    /// A folder whose pages are all drafts gets no page, and a link to it says why.
    @Test func aLinkToAFolderOfDraftsOnlySaysSo() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nSee [the blog](blog/) and [its index](blog/index.md).\n",
                          "blog/post.md": "---\ndraft: true\n---\n# Post\n"], under: "Content")
        let leftOut = try Pipeline(options: options(in: folder)).render()
        #expect(!leftOut.site.pages.contains { $0.path.hasPrefix("blog/") })
        #expect(leftOut.leftOutDrafts == 1)
        #expect(leftOut.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "Content/index.md:3:5: error: link target 'blog/' is a folder whose pages are all drafts (draft: true), which are not published: remove the link, or publish a page there by removing its draft: true (octavo build --drafts builds drafts too)",
            "Content/index.md:3:27: error: link target 'blog/index.md' is a folder whose pages are all drafts (draft: true), which are not published: remove the link, or publish a page there by removing its draft: true (octavo build --drafts builds drafts too)",
        ])
        var options = options(in: folder)
        options.drafts = .published
        let published = try Pipeline(options: options).render()
        #expect(published.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(published.leftOutDrafts == 0)
    }

    @Test func draftsBuildsDraftsLikeAnyPage() throws {
        let folder = try TemporaryFolder()
        let result = try site(.published, in: folder)
        #expect(result.site.pages.map(\.title) == ["Home", "Plan"])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == ["Content/plan.md:6:28: error: link target 'missing.md' does not exist"])
    }
}
