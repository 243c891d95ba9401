import Foundation
import Testing
@testable import Octavo

/// Problems a first user met, each pinned by a test.
@Suite("Reported by a first user")
struct UserReportTests {
    func render(_ files: [String: String], templates: URL = realTemplates) throws -> Pipeline.Result {
        let folder = try TemporaryFolder()
        try folder.write(files, under: "Content")
        return try Pipeline(options: options(in: folder, templates: templates)).render()
    }

    func page(_ result: Pipeline.Result, _ path: String) -> String {
        result.files.first { $0.path == path }?.text ?? ""
    }

    @Test func unnumberedItemsDoNotBorrowTheirPartsNumber() throws {
        let result = try render(["index.md": "---\ntitle: T\nsplit: [1, 2]\n---\n# I. One\n\n## 2) Paren\n\nText.\n"])
        let home = page(result, "index.html")
        #expect(home.contains("<span class=\"number\">I.</span> One"))
        #expect(home.contains(">2) Paren</a>"))
        #expect(!home.contains("I.</span> 2) Paren"))
    }

    @Test func aLinkInThePageHeadingIsResolved() throws {
        let result = try render(["index.md": "# The [other](other.md) page\n", "other.md": "# Other\n"])
        let home = page(result, "index.html")
        #expect(home.contains("<a href=\"other/index.html\">other</a>"))
        #expect(!home.contains(LinkReference.placeholderPrefix))
    }

    /// Headings get GitHub's ids even where the theme has elements (`content`, `toc-title`), and
    /// a variation selector stays in the id as on GitHub; links written for GitHub resolve.
    @Test func headingsGetGitHubsIdsBesideOctavosOwnElements() throws {
        let result = try render(["index.md": "---\ntitle: T\n---\n## Title\n\n## Content\n\n## ⚙️ Configuration\n\n## toc-title\n\n"
                                    + "[a](#content) [b](#%EF%B8%8F-configuration) [c](#title) [d](#toc-title)\n"])
        let home = page(result, "index.html")
        #expect(home.contains("<h1 id=\"octavo.title\">"))
        #expect(home.contains("<h2 id=\"title\">"))
        #expect(home.contains("<h2 id=\"content\">"))
        #expect(home.contains("<h2 id=\"\u{FE0F}-configuration\">"))
        #expect(home.contains("<h2 id=\"toc-title\">"))
        #expect(home.contains("<a href=\"#%EF%B8%8F-configuration\">b</a>"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func emptyTitlesFallBackToTheHeadingOrFileName() throws {
        let result = try render(["index.md": "---\ntitle: \"\"\n---\n# Heading\n", "a.md": "---\ntitle:\n---\ntext\n"])
        #expect(result.site.pages.map(\.title) == ["Heading", "a"])
    }

    @Test func aMissingPartialIsAnError() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": "<main>\n{{> partials/nope}}{{{page.body}}}</main>\n"], under: "T")
        let result = try render(["index.md": "# H\n"], templates: templates)
        #expect(result.diagnostics.map(\.description) == [
            "Templates/layout.mustache:2:1: error: template includes 'partials/nope', but there is no Templates/partials/nope.mustache",
        ])
    }

    @Test func linksToAFolderWithoutIndexLeadToItsPage() throws {
        let result = try render(["index.md": "# H\n\n[a](sub) [b](sub/) [c](sub/index.md)\n", "sub/one.md": "# One\n"])
        #expect(result.diagnostics.isEmpty)
        #expect(page(result, "index.html").components(separatedBy: "href=\"sub/index.html\"").count - 1 >= 3)
    }

    @Test func aBrokenTemplateLinkIsReportedOnce() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": "<main>{{{page.body}}}<a href=\"{{site.root}}nope.html\">x</a>{{#page.children}}<a href=\"{{url}}\">c</a>{{/page.children}}</main>\n"], under: "T")
        let result = try render(["index.md": "# H\n", "a.md": "# A\n", "b.md": "# B\n"], templates: templates)
        let broken = result.diagnostics.filter { $0.message.contains("nope.html") }
        #expect(broken.count == 1)
        #expect(broken.first?.message.hasSuffix("(and on 2 other pages)") == true)
    }

    /// A generated page is located at its folder; an id the template repeats, at the template's
    /// line and column.
    @Test func generatedPagesAreLocatedAtTheirFolderAndTemplateIdsAtTheTemplate() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": "<main id=\"x\">\n  <p id=\"x\"></p>{{{page.body}}}</main>\n"], under: "T")
        let result = try render(["index.md": "# H\n\n[g](guide/index.md)\n", "guide/deep/one.md": "# One\n"], templates: templates)
        let descriptions = result.diagnostics.map(\.description)
        #expect(descriptions.contains("Content/guide/deep: warning: no link leads to page 'guide/deep/index.html' from the home page"))
        #expect(descriptions.contains("Templates/layout.mustache:1:7: warning: page 'guide/index.html' has the id 'x' more than once"))
        #expect(result.diagnostics.allSatisfy { $0.file.hasPrefix("Templates/") ? $0.line != nil && $0.column != nil : true })
    }
}

@Suite("Reported by a first user: messages")
struct UserReportMessageTests {
    @Test func aSlugErrorPointsAtTheSlugLine() throws {
        let error = #expect(throws: BuildError.self) {
            try outline(["index.md": "# H\n", "g.md": "---\ntitle: G\nweight: 1\nslug: \"a/b\"\n---\n"])
        }
        #expect(error?.diagnostics.first?.line == 4)
    }

    @Test func anEmptyContentFolderIsAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.writeBytes(Array("png".utf8), to: "Content/only.png")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.diagnostics.map(\.description).contains("Content: warning: holds no Markdown file (.md): the site is only a generated home page"))
    }
}
