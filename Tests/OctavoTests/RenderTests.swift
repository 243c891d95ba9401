import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    // MARK: The default theme: settings, nested headings, sitemap, 404, highlighting

    /// Builds `files` under Content/ in memory with the real templates; path → text of every file made.
    func built(_ files: [String: String], baseURL: String? = nil) throws -> [String: String] {
        let folder = try TemporaryFolder()
        try folder.write(files, under: "Content")
        var options = options(in: folder)
        options.baseURL = baseURL
        let result = try SiteBuilder(options: options).render()
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        var texts: [String: String] = [:]
        for file in result.files { if case .bytes(let bytes) = file.contents { texts[file.path] = String(decoding: bytes, as: UTF8.self) } }
        return texts
    }

    @Test func onThisPageNestsHeadingsInTheirParentsList() throws {
        let flat = [("a", 2), ("b", 3), ("c", 4), ("d", 3), ("e", 2), ("f", 4)].map { HeadingItem(title: $0.0, id: $0.0, level: $0.1) }
        let tree = HeadingItem.nested(flat)
        #expect(tree.map(\.id) == ["a", "e"])
        #expect(tree[0].children.map(\.id) == ["b", "d"])
        #expect(tree[0].children[0].children.map(\.id) == ["c"])
        #expect(tree[1].children.map(\.id) == ["f"])
        let html = try built(["index.md": "# Home\n\n## Setup\n\n### Install\n\nText.\n\n## Use\n"])["index.html"] ?? ""
        let list = html.components(separatedBy: "<nav class=\"on-this-page\"").last?.components(separatedBy: "</nav>").first ?? ""
        #expect(list.contains("<li><a href=\"#setup\">Setup</a>\n<ul>\n<li><a href=\"#install\">Install</a>\n</li>\n</ul>\n</li>\n<li><a href=\"#use\">Use</a>"))
    }

    @Test func languageSetsLangAndRightToLeftScriptsSetDir() throws {
        let french = try built(["index.md": "# Accueil\n", "site.yml": "language: fr\n"])
        for path in ["index.html", "search.html", "print.html", "404.html"] {
            #expect(french[path]?.contains("<html lang=\"fr\">") == true, "\(path)")
        }
        let arabic = try built(["index.md": "# Home\n", "site.yml": "language: ar\n"])
        #expect(arabic["index.html"]?.contains("<html lang=\"ar\" dir=\"rtl\">") == true)
        #expect(try built(["index.md": "# Home\n"])["index.html"]?.contains("<html lang=\"en\">") == true)
    }

    @Test func baseURLGivesCanonicalLinksSitemapRobotsAndOpenGraph() throws {
        let files = try built(["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A page\n\nText of a.\n", "b/c.md": "# C\n"],
                              baseURL: "https://example.org/docs/")
        let pages = ["index.html", "a/index.html", "b/index.html", "b/c/index.html"]
        let sitemap = try #require(files["sitemap.xml"])
        let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        #expect(locs == ["https://example.org/docs/", "https://example.org/docs/a/", "https://example.org/docs/b/", "https://example.org/docs/b/c/"])
        #expect(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(files["robots.txt"] == "User-agent: *\nAllow: /\nSitemap: https://example.org/docs/sitemap.xml\n")
        for (path, loc) in zip(pages, locs) {
            #expect(files[path]?.contains("<link rel=\"canonical\" href=\"\(loc)\">") == true, "\(path)")
        }
        let page = try #require(files["a/index.html"])
        #expect(page.contains("<meta property=\"og:url\" content=\"https://example.org/docs/a/\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"A page\">"))
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        #expect(page.contains("href=\"../b/index.html\""), "links inside the site stay relative")
        let without = try built(["index.md": "# Home\n"])
        #expect(without["sitemap.xml"] == nil && without["robots.txt"] == nil)
        #expect(without["index.html"]?.contains("canonical") == false)
    }

    @Test func sitemapEscapesURLsAndIsWellFormedXML() throws {
        let files = try built(["index.md": "# Home\n\n[x](R%26D%20notes.md)\n", "R&D notes.md": "# R&D\n"], baseURL: "https://example.org/")
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://example.org/R&amp;D%20notes/</loc>"))
        final class Locs: NSObject, XMLParserDelegate {
            var values: [String] = []
            var inside = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                inside = name == "loc"
                if inside { values.append("") }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inside { values[values.count - 1] += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inside = false }
        }
        let parser = XMLParser(data: Data(sitemap.utf8))
        let locs = Locs()
        parser.delegate = locs
        #expect(parser.parse())
        #expect(locs.values == ["https://example.org/", "https://example.org/R&D%20notes/"])
    }

    @Test func badBaseURLIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        var options = options(in: folder)
        options.baseURL = "example.org"
        #expect(throws: BuildError.self) { try SiteBuilder(options: options).render() }
    }

    @Test func notFoundPageFromContentOrDefaultWithLinksThatWorkAtAnyDepth() throws {
        let plain = try built(["index.md": "# Home\n"])
        let page = try #require(plain["404.html"])
        #expect(page.contains("<title>Page not found · Home</title>"))
        #expect(page.contains("To find the home page, shorten the address"))
        let files = try built(["index.md": "# Home\n", "a.md": "# A\n",
                               "404.md": "# Lost\n\nTry [the first page](a.md) or [home](index.md).\n"],
                              baseURL: "https://example.org/docs/")
        let custom = try #require(files["404.html"])
        #expect(custom.contains("<h1 id=\"title\">Lost"))
        #expect(custom.contains("<a href=\"https://example.org/docs/a/index.html\">the first page</a>"))
        #expect(custom.contains("href=\"https://example.org/docs/assets/style.css\""))
        #expect(files["404/index.html"] == nil, "404.md is not a page of the reading order")
        #expect(files["sitemap.xml"]?.contains("404") == false)
        #expect(files["a/index.html"]?.contains("Lost") == false)
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "404.md": "---\ntitle: Gone\n---\nSee [the guide](guide.md).\n"], under: "Content")
        let result = try SiteBuilder(options: options(in: folder)).render()
        #expect(result.diagnostics.map(\.description) == ["Content/404.md:4:5: error: link target 'guide.md' does not exist"])
    }

    @Test func fencedCodeGetsTheHighlightingHook() throws {
        let files = try built(["index.md": "# Home\n\n```swift\nlet x = 1\n```\n"])
        let page = try #require(files["index.html"])
        #expect(page.contains("<pre><code class=\"language-swift\">let x = 1"))
        #expect(page.contains("<script src=\"assets/theme.js\"></script>"))
        let theme = try String(contentsOf: realTemplates.appendingPathComponent("assets/theme.js"), encoding: .utf8)
        #expect(theme.contains("highlight.min.js") && theme.contains("hljs.getLanguage"))
        let library = try String(contentsOf: realTemplates.appendingPathComponent("assets/highlight.min.js"), encoding: .utf8)
        for language in ["swift", "python", "javascript", "typescript", "json", "yaml", "bash", "xml", "css", "cpp", "go", "rust", "sql"] {
            #expect(library.contains("hljs.registerLanguage(\"\(language)\""), "\(language)")
        }
    }

    @Test func editLinkFaviconAndAuthorFromSettings() throws {
        let files = try built(["index.md": "# Home\n", "guide/a b.md": "# A\n", "icon.png": "",
                               "site.yml": "author: Ann Lee\nfavicon: icon.png\nedit_url: https://github.com/me/docs/edit/main/Content/\ndescription: All about it\n"])
        let page = try #require(files["guide/a-b/index.html"] ?? files["guide/a b/index.html"])
        #expect(page.contains("<a href=\"https://github.com/me/docs/edit/main/Content/guide/a%20b.md\">Edit this page</a>"))
        #expect(page.contains("<link rel=\"icon\" href=\"../../icon.png\">"))
        #expect(page.contains("<meta name=\"author\" content=\"Ann Lee\">"))
        #expect(files["guide/index.html"]?.contains("Edit this page") == false, "a generated page has no source")
        #expect(files["index.html"]?.contains("<meta name=\"description\" content=\"All about it\">") == true)

        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "site.yml": "favicon: missing.png\n"], under: "Content")
        #expect(throws: BuildError.self) { try SiteBuilder(options: options(in: folder)).render() }
    }
}
