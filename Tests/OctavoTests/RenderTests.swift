import Foundation
import Testing
@testable import Octavo

@Suite("Render: templates and page context")
struct RenderTests {
    @Test func titlesAreEscapedInTemplates() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\ntitle: \"</title><script>alert(1)</script>\"\n---\nText\n"], under: "Content")
        let result = try SiteBuilder(options: options(in: folder)).render()
        let html = try #require(result.files.first { $0.path == "index.html" }).text
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func missingTemplateFolderAndLayoutAreErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n"], under: "Content")
        let missing = #expect(throws: BuildError.self) {
            try SiteBuilder(options: options(in: folder, templates: folder.url.appendingPathComponent("nope"))).render()
        }
        #expect(missing?.diagnostics.first?.message.contains("templates folder does not exist") == true)

        let templates = try folder.write(["partials/x.mustache": "x"], under: "T")
        let noLayout = #expect(throws: BuildError.self) {
            try SiteBuilder(options: options(in: folder, templates: templates)).render()
        }
        #expect(noLayout?.diagnostics.first?.file == "Templates/layout.mustache")
    }

    @Test func templateParseErrorNamesFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n"], under: "Content")
        let templates = try folder.write(["layout.mustache": "<p>\n{{#open}}\nno close\n"], under: "T")
        let error = #expect(throws: BuildError.self) {
            try SiteBuilder(options: options(in: folder, templates: templates)).render()
        }
        #expect(error?.diagnostics.first?.file == "Templates/layout.mustache")
        #expect(error?.diagnostics.first?.line != nil)
    }

    @Test func contextGivesBreadcrumbsPrevNextAndSidebar() throws {
        let site = try outline(["index.md": OutlineTests.book.replacingOccurrences(of: "title: Book", with: "title: Book")])
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        let renderer = PageRenderer(templates: templates)
        let context = renderer.context(for: 3, site: site, links: LinkResolver().resolve(site))  // i/2, Beta
        #expect(context.breadcrumbs.map(\.url) == ["../../index.html", "../index.html"])
        #expect(context.prev?.url == "../1/index.html")
        #expect(context.next?.url == "../../ii/index.html")
        #expect(context.sidebar.map(\.isOpen) == [true, false])
        #expect(context.sidebar[0].children.map(\.isCurrent) == [false, true])
        #expect(context.sidebar[1].children.isEmpty)
        #expect(context.page.closing.isEmpty)
        #expect(context.toc == nil)
    }

    @Test func placeholderTextWrittenByTheAuthorIsNotALink() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n\n[real](#h) octavo-link:0 `octavo-link:0` [t](https://e.org \"octavo-link:0\") <octavo-link:0>\n"], under: "Content")
        let result = try SiteBuilder(options: options(in: folder)).render()
        let html = try #require(result.files.first { $0.path == "index.html" }).text
        #expect(html.contains("<a href=\"#h\">real</a> octavo-link:0 <code>octavo-link:0</code> <a href=\"https://e.org\" title=\"octavo-link:0\">t</a>"))
        #expect(result.diagnostics.map(\.message) == ["link target 'octavo-link:0' does not exist"])
    }

    @Test func placeholdersAreReplacedAndUnknownOnesKept() {
        let html = PageRenderer.replacePlaceholders(in: "<a href=\"octavo-link:1\">x</a> octavo-link:9 octavo-link:") { $0 == 1 ? "a.html" : nil }
        #expect(html == "<a href=\"a.html\">x</a> octavo-link:9 octavo-link:")
    }
}

extension OutputFile {
    /// The file's text, for files made by the build.
    var text: String {
        if case .bytes(let bytes) = contents { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }
}

@Suite("Render: template lint")
struct TemplateLintTests {
    @Test(arguments: [
        ("{{page.title}}", ["page", "title"]),
        ("{{{ page.body }}}", ["page", "body"]),
        ("{{#empty(page.children)}}", ["page", "children"]),
        ("{{^sidebar}}", ["sidebar"]),
        ("{{.}}", []),
        ("{{> partials/sidebar}}", nil),
        ("{{! a comment with words }}", nil),
    ] as [(String, [String]?)])
    func tagNames(template: String, expected: [String]?) {
        let tags = TemplateLint.tags(in: template)
        #expect(tags.first?.names == expected)
    }

    @Test func editDistanceCountsSwapsAsOne() {
        #expect(TemplateLint.editDistance("titel", "title") == 1)
        #expect(TemplateLint.editDistance("site", "title") == 2)
        #expect(TemplateLint.hint(for: "numbr") == "did you mean 'number'?")
    }

    @Test func theRealTemplatesUseOnlyKnownVariables() throws {
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        #expect(TemplateLint.diagnostics(for: templates) == [])
    }
}

@Suite("Render: heading levels on split pages")
struct HeadingLevelTests {
    @Test func subHeadingsMoveUpWithThePageHeading() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\ntitle: Doc\nsplit: [2, 3]\n---\n## Part\n\n### Item\n\n#### Detail\n\n##### Deeper\n"], under: "Content")
        let result = try SiteBuilder(options: options(in: folder)).render()
        let item = try #require(result.files.first { $0.path == "part/item/index.html" }).text
        #expect(item.contains("<h1 id=\"item\">Item"))
        #expect(item.contains("<h2 id=\"detail\">Detail"))
        #expect(item.contains("<h3 id=\"deeper\">Deeper"))
        #expect(result.diagnostics.isEmpty)
    }
}

@Suite("Render: headings nested in lists and quotes, combining marks")
struct NestedHeadingBuildTests {
    /// 20,000 headings in one list (this once took quadratic time): every one is written with
    /// its id and permalink, in order.
    @Test func twentyThousandNestedHeadingsBuildWithTheirIds() throws {
        let count = 20_000
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n" + (0..<count).map { "- ## h\($0)\n" }.joined()], under: "Content")
        let report = try SiteBuilder(options: options(in: folder)).build()
        #expect(report.diagnostics == [])
        let home = try folder.read("Output/index.html")
        let list = (0..<count).map { "<li>\n<h2 id=\"h\($0)\">h\($0)<a class=\"permalink\" href=\"#h\($0)\" aria-label=\"Permalink\">#</a></h2>\n</li>\n" }
        #expect(home.contains("<ul>\n" + list.joined() + "</ul>"))
    }

    /// The print edition renames ids that clash between pages; a nested heading's id and its
    /// permalink are renamed together, and nothing else in the block changes.
    @Test func renamedNestedHeadingsKeepIdAndPermalinkPaired() {
        let block = parse("> ## a\n>\n> text #a \"a\"\n>\n> ## b\n").blocks[0]
        let writer = BlockHTML(anchor: { $0 == "a" ? "page-a" : $0 })
        let html = writer.html(of: [block], paragraphIDs: [nil])
        #expect(html == block.html.replacingOccurrences(of: "id=\"a\"", with: "id=\"page-a\"").replacingOccurrences(of: "href=\"#a\"", with: "href=\"#page-a\""))
        #expect(html.contains("text #a &quot;a&quot;"))
        #expect(html.contains("<h2 id=\"b\">"))
    }

    /// `## \u{301}x` and a paragraph that starts with a combining mark: the id and the paragraph
    /// anchor are written and links to them resolve, in `check` and in the build.
    @Test func combiningMarksAtTheStartOfHeadingsAndParagraphs() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\nSee [x](#\u{301}x), [y](#\u{301}y) and [z](other.md#\u{301}z).\n\n## \u{301}x\n\n\u{301}para\n\n> ## \u{301}y\n",
            "other.md": "# Other\n\n- ## \u{301}z\n",
        ], under: "Content")
        let report = try SiteBuilder(options: options(in: folder)).build()
        #expect(report.diagnostics == [])
        let home = try folder.read("Output/index.html")
        #expect(home.contains("<h2 id=\"\u{301}x\">\u{301}x<a"))
        #expect(home.contains("<p id=\"p2\">\u{301}para<a class=\"permalink\" href=\"#p2\""))
        #expect(brokenLinks(in: folder.snapshot("Output")) == [])
    }
}
