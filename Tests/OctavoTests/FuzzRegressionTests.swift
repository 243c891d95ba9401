import Foundation
import Testing
@testable import Octavo

/// Inputs that made a fuzz target of Tests/Fuzz/ fail, kept as literals so that the bug they found
/// stays fixed. Each test names the target and what the input broke.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FrontMatterFuzz: a CR followed by a combining mark (U+06EC) stayed in the body, because
    /// Foundation's string search does not match "\r" at the start of such a sequence.
    @Test func carriageReturnBeforeACombiningMarkBecomesALineFeed() throws {
        let crashing: [UInt8] = [0x0D, 0xDB, 0xAC]
        let source = try SourceFile(bytes: crashing, path: "a.md", displayPath: "Content/a.md")
        #expect(source.body == "\n\u{6EC}")

        // As found, before minimizing: a BOM, that sequence, then front matter-like lines.
        let found = Data(base64Encoded: "77u/DdusLS0tCnNwbGl0OiAtLS0Kc3BsaXQ6ICMgLS0Kc3BsaXQ6IC0tLQpzcGxpdDogIyAtYe+7v2Hvu79sOiBoYQotLS0jIC1hbHBoYQotLS0K")!
        let other = try SourceFile(bytes: [UInt8](found), path: "a.md", displayPath: "Content/a.md")
        #expect(!other.body.utf8.contains(13))
        #expect(other.body.split(separator: "\n", omittingEmptySubsequences: false).count == 9)
    }

    /// SplitLinkFuzz: a link that is a query alone (`?.//x.md`) leads to its own page with the
    /// query kept, as a link's `?query` always is; the target's check looked for `//` in the whole
    /// URL, query included, as if the path climbed out of the site. It now checks the path.
    @Test func aQueryAloneLeadsToItsOwnPageWithTheQueryKept() throws {
        let source = try SourceFile(bytes: Array("# ok\n\n[up](?.//x.md) [u](?.)\n".utf8), path: "index.md", displayPath: "Content/index.md")
        var ids = HeadingIDGenerator()
        let site = try Outliner().outline([Outliner.Input(source: source, markdown: MarkdownParser().parse(source.body, ids: &ids))], assets: [])
        let resolution = LinkResolver().resolve(site)
        let links = site.documents[0].links
        #expect(zip(resolution.targets[0], links).map { $0.url(from: site.pages[0].path, site: site, original: $1.destination) }
                == ["index.html?.//x.md", "index.html?."])
    }

    /// Found while reading Yams for the front matter fuzzer (which had not reached it in ten
    /// minutes): `weight` and `split` went through Yams' `Node.int`, which reads YAML 1.1 base-60
    /// numbers and traps on one too large for Int. Both keys now take decimal digits only.
    @Test(arguments: [
        "---\nweight: 1:1:1:1:1:1:1:1:1:1:1\n---\n",
        "---\nsplit: [999999999999999999:0]\n---\n",
        "---\nweight: 0x10\n---\n",
    ])
    func baseSixtyAndHexNumbersAreErrorsNotTraps(text: String) throws {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array(text.utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.diagnostics.first?.line == 2)
    }

    @Test func decimalWeightsAndLevelsStillRead() throws {
        let front = try SourceFile(bytes: Array("---\nweight: -2\nsplit: [+1, 2]\n---\n".utf8), path: "a.md", displayPath: "a.md").frontMatter
        #expect(front.weight == -2)
        #expect(front.split == [1, 2])
    }

    /// Found while fixing the CR bug above (same cause; RenderFuzz checks for it but had not hit
    /// it): a heading in a quote or list whose text starts with a combining mark kept cmark's
    /// sentinel characters and got no id, so links to it were broken.
    @Test func nestedHeadingStartingWithACombiningMarkGetsItsId() {
        let html = MarkdownRenderer().html("> ## \u{301}abc\n")
        #expect(html == "<blockquote>\n<h2 id=\"\u{301}abc\">\u{301}abc<a class=\"permalink\" href=\"#\u{301}abc\" aria-label=\"Permalink\">#</a></h2>\n</blockquote>\n")
    }

    /// SplitLinkFuzz: a link to a folder (`./`, `guide/`) with a fragment was resolved to the
    /// folder's page without checking that the page has that id: a broken link and no error.
    @Test func folderLinkWithAMissingFragmentIsAnError() throws {
        // The input was split at its 0xFF byte into the body of book.md and index.md.
        let book = "# i. A\n\n[home](index.md) [pic](img/a.png) [bad](missing.md) [q](book.md?x#I)\n"
        let home = "# Home\n\n[bmok.md#I) [item](book.md#a-1) [folder](./#hmme) [up](../x.md) [top](/book.md)\n"
        let site = try outline(["book.md": "---\nsplit: [1, 2]\n---\n" + book, "index.md": home])
        let messages = LinkResolver().resolve(site).diagnostics.map(\.description)
        #expect(messages.contains("Content/index.md:3:33: error: link target './#hmme': no heading with id 'hmme' in Content/index.md: did you mean './#home'?"))

        // The same through a folder with an index file: anchors and numbers of that file resolve.
        let folders = try outline([
            "index.md": "# Home\n\n[a](guide/#setup) [b](guide#II) [c](guide/#nowhere)\n",
            "guide/index.md": "---\nsplit: [1]\n---\n# I. Start\n\n## Setup\n\n# II. Next\n",
        ])
        let resolution = LinkResolver().resolve(folders)
        let home0 = folders.documents.firstIndex { $0.path == "index.md" }!
        let paths = resolution.targets[home0].map { target -> String in
            guard case .page(let page, let fragment) = target else { return "unresolved" }
            return folders.pages[page].path + (fragment.map { "#" + $0 } ?? "")
        }
        #expect(paths == ["guide/i/index.html#setup", "guide/ii/index.html", "unresolved"])
    }

    /// RenderFuzz: a heading `## Content` got the id `content`, which `<main id="content">` of the
    /// layout already had; two elements with one id. The theme's ids now hold a `.`, which no
    /// heading id can: `# Title` and `## Content` get GitHub's ids and no id repeats.
    @Test func headingIdsNeverRepeatTheTemplatesIds() throws {
        let crashing = "---\ntitle: Home\n---\n# Title\n\nText with *emphasis*, `code`, [link](#title) and ![img](a.png \"t\").\n\n## Content\n\n> ### Quote heading\n\n- item\n  ## List heading\n\n```\ncode\n```\n\n<div>raw</div>\n\n[x]: https://example.com\n"
        let folder = try TemporaryFolder()
        try folder.write(["index.md": crashing, "a.png": ""], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.diagnostics.filter { $0.severity == .error } == [])
        guard case .bytes(let bytes) = result.files.first(where: { $0.path == "index.html" })?.contents else {
            Issue.record("no index.html")
            return
        }
        let ids = PageLinks.values(of: "id", in: String(decoding: bytes, as: UTF8.self))
        // (A site of one page has no contents list, so no "octavo.toc-title".)
        #expect(ids == ["octavo.content", "title", "octavo.on-this-page-title", "p1", "content", "quote-heading", "list-heading"])
    }

    /// TemplateFuzz: a change of delimiters whose closing delimiter holds a NUL character made
    /// the template checks trap inside Foundation's `range(of:)` while loading the templates.
    @Test func delimiterWithANulCharacterIsReadWithoutATrap() throws {
        let found = "{{=% >\u{0}=}}%>"
        #expect(TemplateLint.rawTags(in: "{{=% >\u{0}=}}%x>\u{0}").map(\.inside) == ["x"])
        let error = #expect(throws: BuildError.self) { try TemplateSet(sources: ["layout": found], displayRoot: "Templates") }
        #expect(error?.diagnostics.first?.file == "Templates/layout.mustache")
    }

    /// Found by RenderFuzz in CI: `#octavo.title` on a page without a heading of its own resolves to
    /// the `<h1 id="octavo.title">` the layout makes, and the built page has that id.
    @Test func titleFragmentOnAPageWithoutAHeadingResolves() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "-).[li*ank](#octavo.title) and text\n"], under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics.filter { $0.severity == .error } == [])
        let page = PageLinks(try folder.read("Output/index.html"))
        #expect(page.ids.contains("octavo.title") && page.hrefs.contains("#octavo.title"))
    }

    /// Found by ServePathFuzz in CI: a segment that starts with a combining mark stays one
    /// segment inside the output folder (Characters would join it with the `/` before it), and a
    /// name that starts with `.` and a combining mark is hidden like any other dot name.
    @Test func servePathsStartingWithACombiningMark() {
        #expect(ServePath.resolve("/\u{6DC}x/l") == .inside(segments: ["\u{6DC}x", "l"], folder: false))
        #expect(ServePath.resolve("/.\u{301}x") == .hidden)
    }
}
