import Foundation
import Mustache
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
        let result = try Pipeline(options: options(in: folder)).render()
        let html = try #require(result.files.first { $0.path == "index.html" }).text
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func missingTemplateFolderAndLayoutAreErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n"], under: "Content")
        let missing = #expect(throws: BuildError.self) {
            try Pipeline(options: options(in: folder, templates: folder.url.appendingPathComponent("nope"))).render()
        }
        #expect(missing?.diagnostics.first?.message.contains("templates folder does not exist") == true)

        let templates = try folder.write(["partials/x.mustache": "x"], under: "T")
        let noLayout = #expect(throws: BuildError.self) {
            try Pipeline(options: options(in: folder, templates: templates)).render()
        }
        #expect(noLayout?.diagnostics.first?.file == "Templates/layout.mustache")
    }

    /// The templates are read on another thread while the content loads; their errors still come
    /// after the content's, all in one report, and before a bad `--base-url`'s.
    @Test func templateErrorsFollowContentErrorsAsWhenReadInTurn() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n", "bad.md": "---\ntitle: [unclosed\n---\nText\n"], under: "Content")
        let templates = try folder.write(["partials/x.mustache": "x"], under: "T")
        var options = options(in: folder, templates: templates)
        let both = #expect(throws: BuildError.self) { try Pipeline(options: options).render() }
        #expect(both?.diagnostics.map(\.file) == ["Content/bad.md", "Templates/layout.mustache"])
        options.baseURL = "not a url"
        let withBaseURL = #expect(throws: BuildError.self) { try Pipeline(options: options).render() }
        #expect(withBaseURL?.diagnostics.map(\.file) == ["Content/bad.md", "Templates/layout.mustache"])
    }

    /// `{{name}}` escapes as swift-mustache's own HTML escaping does (Octavo renders with a faster
    /// content type of the same bytes): the five characters on their own, not `<` with a combining
    /// mark (one character); a template may switch to TEXT, and its partials escape again.
    @Test func variablesAreEscapedAsMustacheEscapes() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\ntitle: \"<a & \\\"b\\\" 'c'> \u{e9}<\u{301} x\"\n---\nText.\n"], under: "Content")
        let templates = try folder.write(["layout.mustache": "[{{page.title}}]{{> partials/p}}\n{{%CONTENT_TYPE:TEXT}}{{page.title}}{{> partials/p}}",
                                          "partials/p.mustache": "({{page.title}})"], under: "T")
        let result = try Pipeline(options: options(in: folder, templates: templates)).render()
        let page = try #require(result.files.first { $0.path == "index.html" })
        guard case .bytes(let bytes) = page.contents else { Issue.record("no bytes"); return }
        let escaped = "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt; \u{e9}<\u{301} x"
        #expect(String(decoding: bytes, as: UTF8.self) == "[\(escaped)](\(escaped))\n<a & \"b\" 'c'> \u{e9}<\u{301} x(\(escaped))")
        #expect(HTMLEscaping.escape("plain text") == "plain text")
        #expect(HTMLEscaping.escape("\u{e9} & <\u{301}>") == "\u{e9} &amp; <\u{301}&gt;")
    }

    /// A text a page may lack (`page.description`, a ``PresentText``) prints, escapes, transforms
    /// and opens sections as a text it always has (`page.title`, a `String`), in escaped and
    /// unescaped tags, inverted sections, `empty(…)` and names looked up inside the section.
    @Test func anOptionalTextRendersAsAString() throws {
        let folder = try TemporaryFolder()
        let text = "<a & \\\"b\\\" 'c'> x"
        try folder.write(["index.md": "---\ntitle: \"\(text)\"\ndescription: \"\(text)\"\n---\nText.\n"], under: "Content")
        func tags(_ name: String) -> String {
            "{{#\(name)}}[{{.}}|{{{.}}}|{{\(name)}}|{{{\(name)}}}|{{uppercased(\(name))}}|{{#empty(\(name))}}E{{/empty(\(name))}}"
                + "{{^empty(\(name))}}N{{/empty(\(name))}}|{{site.title}}|{{page.isHome}}|{{^\(name)}}X{{/\(name)}}]{{/\(name)}}\n"
        }
        let templates = try folder.write(["layout.mustache": tags("page.description") + tags("page.title")], under: "T")
        let result = try Pipeline(options: options(in: folder, templates: templates)).render()
        let lines = try #require(result.files.first { $0.path == "index.html" }).text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == lines.last)
        #expect(lines.first?.hasPrefix("[&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt; x|<a & \"b\" 'c'> x|") == true)
        #expect(lines.first?.hasSuffix("|N|&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt; x|true|]") == true)
    }

    /// Escaping by bytes, where a special character touches only ASCII, gives what escaping
    /// character by character gives, next to marks that join it (a combining accent or a joiner
    /// after it, an Arabic number sign, a prepended mark, before it) and next to ones that do not.
    @Test func escapingByBytesAgreesWithEscapingByCharacters() {
        func byCharacters(_ text: String) -> String {
            text.map { character in
                switch character {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                case "'": "&#39;"
                default: String(character)
                }
            }.joined()
        }
        let pieces = ["<", "&", "\"", "'", ">", "a", " ", "\u{e9}", "\u{301}", "\u{200D}", "\u{600}", "\u{1F600}", "\r\n", "\u{2019}", "\u{903}"]
        var texts = ["", "plain", "a < b", "don't", "\u{600}<", "<\u{301}", "\u{e9}&b", "x\"\u{200D}y", "&\u{1F600}"]
        for first in pieces { for second in pieces { for third in pieces { texts.append(first + second + third) } } }
        for text in texts {
            #expect(HTMLEscaping.escape(text) == byCharacters(text), "\(Array(text.unicodeScalars))")
        }
        #expect(HTMLEscaping.escape("\u{600}<a") == "\u{600}<a")
    }

    @Test func templateParseErrorNamesFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n"], under: "Content")
        let templates = try folder.write(["layout.mustache": "<p>\n{{#open}}\nno close\n"], under: "T")
        let error = #expect(throws: BuildError.self) {
            try Pipeline(options: options(in: folder, templates: templates)).render()
        }
        #expect(error?.diagnostics.first?.file == "Templates/layout.mustache")
        #expect(error?.diagnostics.first?.line != nil)
    }

    /// swift-mustache's errors in words, at the place to fix: the section never closed (not the
    /// end of the file), the closing tag that does not match, the tag that is not finished.
    @Test(arguments: [
        ("<p>\n\n{{#toc}}\n<li>{{title}}</li>\n", 3, 1, "section 'toc' opened at 3:1 is never closed: add {{/toc}} where it ends"),
        ("{{#a}}\n  {{^b}}x{{/a}}\n{{/b}}\n", 2, 10,
         "{{/a}} closes 'a', but the section open here is 'b' (opened at 2:3): close it first with {{/b}}, or fix the name"),
        ("x\n{{/a}}\n", 2, 1, "{{/a}} closes a section that is not open: remove it, or open the section with {{#a}} before it"),
        ("<h1>\n<b>{{page.title</b>\n", 2, 4, "tag '{{page.title</b>' is not finished:"),
        ("<p>{{{page.title}}</p>\n", 1, 4, "tag '{{{page.title}}' is not finished: a name is letters, digits, '.', '-' or '_' (with transforms such as empty(page.children)), and the tag ends with }}}"),
    ] as [(String, Int, Int, String)])
    func mustacheSyntaxErrorsInWords(template: String, line: Int, column: Int, message: String) throws {
        let error = #expect(throws: BuildError.self) {
            try TemplateSet(sources: ["layout": "{{> partials/part}}", "partials/part": template], displayRoot: "Templates")
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect("\(diagnostic.file):\(diagnostic.line ?? 0):\(diagnostic.column ?? 0)" == "Templates/partials/part.mustache:\(line):\(column)")
        #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
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

    /// A page three folders down sees its whole branch in the sidebar, open down to itself, as in
    /// mdBook and MkDocs: the open folder's pages, with the current one marked.
    @Test func theSidebarIsOpenDownToAPageAtAnyDepth() throws {
        let site = try outline(["index.md": "# Home\n", "guide/index.md": "# Guide\n", "guide/install.md": "# Install\n",
                                "guide/advanced/index.md": "# Advanced\n", "guide/advanced/tuning.md": "# Tuning\n",
                                "guide/advanced/scaling.md": "# Scaling\n", "guide/advanced/deep/index.md": "# Deep\n"])
        let tuning = try #require(site.pages.firstIndex { $0.title == "Tuning" })
        let renderer = PageRenderer(templates: try TemplateSet(sources: ["layout": ""], displayRoot: "Templates"))
        let context = renderer.context(for: tuning, site: site, links: LinkResolver().resolve(site))
        let advanced = try #require(context.sidebar.first?.children.first { $0.title == "Advanced" })
        #expect(advanced.isOpen)
        #expect(advanced.children.map(\.title).sorted() == ["Deep", "Scaling", "Tuning"])
        #expect(advanced.children.first { $0.title == "Tuning" }?.isCurrent == true)
        let html = ListHTML.sidebar(context.sidebar)
        #expect(html.contains("<li class=\"open\"><a href=\"../index.html\">Advanced</a>\n<ol>\n"), "\(html)")
        #expect(html.contains("<a href=\"index.html\" aria-current=\"page\">Tuning</a>"), "\(html)")
        // A closed folder (Deep, a sibling) lists none of its pages.
        #expect(advanced.children.first { $0.title == "Deep" }?.children.isEmpty == true)
    }

    @Test func aPageContextsCacheKeyHoldsEveryFieldAndTellsTheirBytesApart() throws {
        let site = try outline(["index.md": OutlineTests.book])
        let links = LinkResolver().resolve(site)
        let context = PageRenderer(templates: try TemplateSet(root: realTemplates, displayRoot: "Templates")).context(for: 3, site: site, links: links)
        let citation = try #require(context.citation)
        let line = try #require(citation.line)
        let section = PrintEdition(site: site, links: links).sections(anchors: PrintEdition(site: site, links: links).anchors())[0]
        // Every stored property is written into the key, in order: one added later must be too.
        func fields<T: CacheKeyed>(_ value: T) -> Bool { Mirror(reflecting: value).children.compactMap(\.label) == T.keyedFields }
        #expect(fields(context))
        #expect(fields(context.site))
        #expect(fields(context.page))
        #expect(fields(context.sidebar[0]))
        #expect(fields(HeadingItem(title: "A", id: "a", level: 2)))
        #expect(fields(section))
        #expect(fields(citation))
        #expect(fields(citation.meta[0]))
        #expect(fields(line))
        #expect(fields(site.pages[3]))
        #expect(fields(try #require(site.pages[3].heading)))
        #expect(fields(SiteConfig()))
        #expect(fields(site.documents[0].frontMatter))
        #expect(fields(LinkReference(destination: "a.md", line: 1, column: 1, isImage: false)))
        func key(_ context: PageContext) -> CacheKey {
            var key = CacheKey()
            key.append(context)
            return key
        }
        #expect(key(context) == key(context))
        // A title in the other Unicode form: equal to Swift's ==, another key.
        var other = context
        other.sidebar[0].title = other.sidebar[0].title + "e\u{301}"
        var composed = context
        composed.sidebar[0].title = composed.sidebar[0].title + "\u{E9}"
        #expect(other.sidebar[0].title == composed.sidebar[0].title)
        #expect(key(other) != key(composed))
        // Values moved from one field to the next write other bytes.
        var moved = context
        (moved.page.title, moved.page.description) = ("", context.page.title)
        #expect(key(moved) != key(context))
    }

    /// The two keys that let a page's HTML be reused without building its context
    /// (``ContextInputs``): each value a context reads changes one of them.
    @Test func contextInputsChangeWithEachValueAContextReads() throws {
        let site = try outline([
            "index.md": "# Home\n\nWelcome.\n",
            "a.md": "---\ndate: 2024-01-01\n---\n# A\n\nText of A.\n",
            "b.md": "# B\n\nText of B, see [](a.md).\n",
        ])
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        let links = LinkResolver().resolve(site)
        let a = try #require(site.pages.firstIndex { $0.title == "A" }), b = try #require(site.pages.firstIndex { $0.title == "B" })
        let documentA = try #require(site.pages[a].document), documentB = try #require(site.pages[b].document)
        func siteKey(_ site: Site, _ config: SiteConfig = SiteConfig(), _ templates: TemplateSet? = nil) -> CacheKey? {
            ContextInputs.site(site, config: config, templates: templates ?? (try? TemplateSet(root: realTemplates, displayRoot: "Templates"))!, terms: nil)
        }
        func pageKey(_ site: Site, _ links: LinkResolver.Resolution, _ index: Int) -> CacheKey {
            var key = CacheKey()
            ContextInputs.page(index, site: site, links: links, into: &key)
            return key
        }
        let base = try #require(siteKey(site, SiteConfig(), templates))
        #expect(siteKey(site) == base)
        #expect(pageKey(site, links, b) == pageKey(site, links, b))
        // The site's part: what other pages' navigation, link URLs and citations show.
        var changed: [Site] = []
        for change: (inout Site) -> Void in [
            { $0.pages[a].title += "!" }, { $0.pages[a].path = "c/index.html" }, { $0.pages[a].summary += "!" },
            { $0.pages[a].number = "1" }, { $0.pages[a].numberPath = "1" }, { $0.pages[a].children = [b] }, { $0.pages[b].parent = a },
            { $0.pages[a].kind = .section }, { $0.pages[a].document = nil }, { $0.title += "!" },
            { $0.documents[documentA].frontMatter.date = "2025-01-01" }, { $0.documents[documentA].path = "c.md" }, { $0.documents[documentA].rootPage = b },
        ] {
            var other = site
            change(&other)
            changed.append(other)
        }
        for (number, other) in changed.enumerated() { #expect(siteKey(other) != base, "change \(number)") }
        var config = SiteConfig()
        config.editURL = "https://example.org/edit/"
        #expect(siteKey(site, config) != base)
        config = SiteConfig()
        config.language = "fr"
        #expect(siteKey(site, config) != base)
        #expect(siteKey(site, SiteConfig(), try TemplateSet(sources: ["layout": "{{page.title}}"], displayRoot: "Templates")) != base)
        #expect(ContextInputs.site(site, config: SiteConfig(), templates: templates,
                                   terms: TermIndex(list: TermList(terms: [Term(name: "text", note: "")]), site: site)) == nil)
        // The page's part: its own value, its links, their targets and labels.
        let own = pageKey(site, links, b)
        var edited = site
        edited.pages[b].blocks[0].text += "!"
        #expect(pageKey(edited, links, b) != own)
        edited = site
        edited.pages[b].description = "Other"
        #expect(pageKey(edited, links, b) != own)
        edited = site
        edited.documents[documentB].links[0].destination = "index.md"
        #expect(pageKey(edited, links, b) != own)
        var relinked = links
        relinked.targets[documentB][0] = .page(0, fragment: nil)
        #expect(pageKey(site, relinked, b) != own)
        relinked = links
        relinked.labels[documentB][0] = "Other"
        #expect(pageKey(site, relinked, b) != own)
        #expect(pageKey(site, links, a) != own)
    }

    /// `html.sidebar`, `html.breadcrumbs`, `html.children`, `html.topics`, `html.related` and an
    /// item's `childList` are, byte for byte, what the theme's partials made from the lists before
    /// (numbers, summaries, escaping, the open entry, `more`, nesting).
    @Test func listsAsHTMLAreTheMarkupThePartialsMadeFromTheLists() throws {
        var files = ["index.md": OutlineTests.book, "guide/index.md": "# Guide & <1> \"q\" 'x'\n\nIts text.\n"]
        for page in 1...30 { files["guide/p\(page).md"] = "# Page \(page) & <\(page)>\n\nSummary \(page) & more.\n" }
        let site = try outline(files)
        let templates = try TemplateSet(sources: ["layout": ""], displayRoot: "Templates")
        var renderer = PageRenderer(templates: templates)
        renderer.terms = TermIndex(list: TermList(terms: [Term(name: "summary", note: "A \"note\" & more."), Term(name: "Page", note: "")]), site: site)
        let before = [
            "sidebar": "<ol>\n{{#sidebar}}\n<li{{#isOpen}} class=\"open\"{{/isOpen}}>{{{link}}}\n{{#isOpen}}\n{{^empty(children)}}\n<ol>\n{{#children}}\n<li>{{{link}}}</li>\n{{/children}}\n</ol>\n{{/empty(children)}}\n{{/isOpen}}\n</li>\n{{/sidebar}}\n</ol>",
            "breadcrumbs": "<ol>\n{{#breadcrumbs}}\n<li><a href=\"{{url}}\">{{numberedTitle}}</a></li>\n{{/breadcrumbs}}\n<li aria-current=\"page\">{{page.numberedTitle}}</li>\n</ol>",
            "topics": "<ul>\n{{#topics}}\n<li><a href=\"{{url}}\"{{#summary}} title=\"{{.}}\"{{/summary}}>{{title}}</a></li>\n{{/topics}}\n</ul>",
            "related": "<ul>\n{{#related}}\n<li>{{{link}}}</li>\n{{/related}}\n</ul>",
            "children": "{{^empty(page.children)}}\n<ol class=\"children\">\n{{#page.children}}\n<li><a href=\"{{url}}\">{{#number}}<span class=\"number\">{{.}}.</span> {{/number}}{{title}}</a>{{#summary}}<p class=\"summary\">{{.}}</p>{{/summary}}</li>\n{{/page.children}}\n</ol>{{/empty(page.children)}}",
        ]
        var library = MustacheLibrary()
        for (name, text) in before {
            library.register(try MustacheTemplate(string: text), named: name)
            library.register(try MustacheTemplate(string: "{{{html.\(name)}}}"), named: "html." + name)
        }
        // The contents: an item's childList is the old recursive partial's output.
        library.register(try MustacheTemplate(string: "<ol>\n{{#children}}\n<li><a href=\"{{url}}\">{{#number}}<span class=\"number\">{{.}}.</span> {{/number}}{{title}}</a>\n{{^empty(children)}}\n{{> toc-list}}\n{{/empty(children)}}\n</li>\n{{/children}}\n</ol>\n"), named: "toc-list")
        library.register(try MustacheTemplate(string: "{{#toc}}\n{{> toc-list}}\n{{/toc}}"), named: "toc")
        library.register(try MustacheTemplate(string: "{{#toc}}\n{{{childList}}}\n{{/toc}}"), named: "childList")
        var seen: Set<String> = []
        for index in site.pages.indices {
            let context = renderer.context(for: index, site: site, links: LinkResolver().resolve(site))
            #expect(library.render(context, withTemplate: "childList") == library.render(context, withTemplate: "toc"))
            for name in before.keys {
                let html = library.render(context, withTemplate: "html." + name) ?? ""
                #expect(html == library.render(context, withTemplate: name), "\(name) of \(site.pages[index].path)")
                seen.insert(html)
            }
        }
        // The cases above were met: numbers, escaping, a summary, an open entry, an entry for pages left out.
        let all = seen.joined()
        for part in ["<span class=\"number\">I.</span>", "Guide &amp; &lt;1&gt; &quot;q&quot; &#39;x&#39;", "<p class=\"summary\">Summary 1 &amp; more.</p>",
                     "<li class=\"open\">", "<a class=\"more\"", "aria-current=\"page\">", "title=\"A &quot;note&quot; &amp; more.\">summary</a>"] {
            #expect(all.contains(part), "\(part)")
        }
    }

    @Test func placeholderTextWrittenByTheAuthorIsNotALink() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# H\n\n[real](#h) octavo-link:0 `octavo-link:0` [t](https://e.org \"octavo-link:0\") <octavo-link:0>\n"], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        let html = try #require(result.files.first { $0.path == "index.html" }).text
        #expect(html.contains("<a href=\"#h\">real</a> octavo-link:0 <code>octavo-link:0</code> <a href=\"https://e.org\" title=\"octavo-link:0\">t</a>"))
        #expect(result.diagnostics.map(\.message) == ["link target 'octavo-link:0' does not exist"])
    }

    @Test func linkSlotsAreSplitOnlyWhereCmarkWroteTheExpectedLink() {
        var splitter = HTMLSplitter()
        splitter.links = [HTMLSplitter.Link(index: 1, fillsText: false)]
        let segments = splitter.segments(of: "octavo-link:1\" <a title=\"octavo-link:1\" href=\"octavo-link:1\">x</a> <a href=\"octavo-link:1\">")
        #expect(segments == [.html("octavo-link:1\" <a title=\"octavo-link:1\" href=\""), .linkURL(1), .html("\">x</a> <a href=\"octavo-link:1\">")])
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

    /// The lint trims names as Foundation's `trimmingCharacters(in: .whitespaces)` does (Zs and tab,
    /// not line breaks), without it.
    @Test func whitespaceIsTrimmedAsFoundationTrimsIt() {
        for text in ["", " ", "\t page \t", "\u{A0}x\u{3000}", " a b ", "\nx\n", "\u{2028}y\u{2029}", " e\u{301} ", "\u{301} ", " 土壤\u{202F}",
                     "\u{200B}z\u{200B}", "\u{1680}\u{2000}q\u{205F}", "\r\n", "x\u{85}"] {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
            #expect(Array(text.trimmingWhitespace().unicodeScalars) == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
        }
        // Delimiters are found at character boundaries only, the changed ones too.
        #expect(TemplateLint.rawTags(in: "{{a}}\u{301}}} {{b}}").map(\.inside) == ["a}}\u{301}", "b"])
        #expect(TemplateLint.rawTags(in: "{{=<% %>=}}<%x%> <%y%>\u{301}%>").map(\.inside) == ["x", "y%>\u{301}"])
    }

    /// The ids a template writes itself, which no heading may take: literal `id="…"` attributes,
    /// not `data-id`, not a value with a tag, not an empty one.
    @Test func literalIDsAreTheTemplatesOwnIDAttributes() {
        let template = "id=\"first\"<nav id=\"octavo.toc\"><p\tid=\"ü-ß\" data-id=\"no\"><a id=\"{{page.id}}\"><b id=\"\"><i\nid=\"last\">"
        #expect(TemplateSet.literalIDs(in: template) == ["first", "octavo.toc", "ü-ß", "last"])
        #expect(TemplateSet.literalIDs(in: "<p id=\"unclosed") == ["unclosed"])
        #expect(TemplateSet.literalIDs(in: "") == [] && TemplateSet.literalIDs(in: "id=") == [])
    }

    @Test func editDistanceCountsSwapsAsOne() {
        #expect(Suggestion.editDistance("titel", "title") == 1)
        #expect(Suggestion.editDistance("site", "title") == 2)
        #expect(TemplateLint.hint(for: "numbr") == "did you mean 'number'?")
    }

    /// A transform swift-mustache does not have makes the tag's value missing, so the section
    /// silently renders as if the list were empty; it is reported like an unknown variable.
    @Test func aMistypedTransformIsReportedWithASuggestion() throws {
        let text = "{{#page}}\n{{^emtpy(page.children)}}x{{/emtpy(page.children)}}{{#first(reversed(sidebar))}}{{/first(reversed(sidebar))}}\n"
            + "{{#lenght(page.children)}}{{/lenght(page.children)}}{{index()}}{{/page}}"
        let templates = try TemplateSet(sources: ["layout": text], displayRoot: "Templates")
        #expect(TemplateLint.diagnostics(for: templates).map(\.description) == [
            "Templates/layout.mustache:2:1: error: template uses the transform 'emtpy()', which swift-mustache does not have, so the tag renders as if the value were missing (did you mean 'empty'?)",
            "Templates/layout.mustache:3:1: error: template uses the transform 'lenght()', which swift-mustache does not have, so the tag renders as if the value were missing (transforms: capitalized, count, empty, enumerated, equalzero, even, first, index, last, lowercased, minusone, odd, plusone, reversed, sorted, uppercased)",
        ])
    }

    /// Tags after a change of delimiters are read with the new ones; a dynamic partial names a
    /// variable, not a template file.
    @Test func tagsAfterAChangeOfDelimitersAndDynamicPartialsAreChecked() throws {
        let text = "{{page.title}}\n{{=<% %>=}}\n<%page.titel%> <%&page.body%> <%> partials/missing%> <%>*page.kind%>"
        #expect(TemplateLint.rawTags(in: text).map(\.inside) == ["page.title", "page.titel", "&page.body", "> partials/missing", ">*page.kind"])
        let templates = try TemplateSet(sources: ["layout": text], displayRoot: "Templates")
        #expect(TemplateLint.diagnostics(for: templates).map(\.description) == [
            "Templates/layout.mustache:3:31: error: template includes 'partials/missing', but there is no Templates/partials/missing.mustache",
            "Templates/layout.mustache:3:1: error: template uses 'titel', which no page has (did you mean 'title'?)",
        ])
        // A partial a typo away from a template gets its name; one far from all, none.
        let typo = try TemplateSet(sources: ["layout": "{{> partials/haed}}{{> partials/nothing-like-it}}", "partials/head": "<meta>"], displayRoot: "Templates")
        #expect(TemplateLint.diagnostics(for: typo).map(\.message) == [
            "template includes 'partials/haed', but there is no Templates/partials/haed.mustache: did you mean 'partials/head'?",
            "template includes 'partials/nothing-like-it', but there is no Templates/partials/nothing-like-it.mustache",
        ])
    }

    /// Positions count characters: "é" and "e\u{301}" are one column each, "\r\n" is one
    /// character (not a line feed), and "{{" followed by a combining mark opens no tag.
    @Test func tagPositionsCountCharacters() {
        let text = "é·e\u{301}{{x}}\n{{a}}\r\n{{b}} {{\u{301}c}} x{{d}}"
        #expect(TemplateLint.rawTags(in: text).map { "\($0.inside)@\($0.line):\($0.column)" } == ["x@1:4", "a@2:1", "b@2:7", "d@2:20"])
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
        let result = try Pipeline(options: options(in: folder)).render()
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
        let result = try Pipeline(options: options).render()
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
        // A page's name is percent-encoded (`&` too, by the one rule for path segments); a base URL
        // with `&` is kept as given, so the sitemap must escape it as XML.
        let files = try built(["index.md": "# Home\n\n[x](R%26D%20notes.md)\n", "R&D notes.md": "# R&D\n"], baseURL: "https://example.org/a&b/")
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://example.org/a&amp;b/R%26D%20notes/</loc>"))
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
        #expect(locs.values == ["https://example.org/a&b/", "https://example.org/a&b/R%26D%20notes/"])
    }

    @Test func badBaseURLIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        var options = options(in: folder)
        options.baseURL = "example.org"
        #expect(throws: BuildError.self) { try Pipeline(options: options).render() }
    }

    @Test func notFoundPageFromContentOrDefaultWithLinksThatWorkAtAnyDepth() throws {
        let plain = try built(["index.md": "# Home\n"])
        let page = try #require(plain["404.html"])
        #expect(page.contains("<title>Page not found · Home</title>"))
        #expect(page.contains("To find the home page, shorten the address"))
        let files = try built(["index.md": "# Home\n", "a.md": "# A\n",
                               "404.md": "# Lost\n\nTry [the first page](a.md) or [home](index.md) or [deep](a.md?view=full#caf%C3%A9), or [](a.md).\n"],
                              baseURL: "https://example.org/docs/")
        let custom = try #require(files["404.html"])
        #expect(custom.contains("<h1 id=\"octavo.title\">Lost"))
        #expect(custom.contains("<a href=\"https://example.org/docs/a/index.html\">the first page</a>"))
        #expect(custom.contains("<a href=\"https://example.org/docs/a/index.html?view=full#caf%C3%A9\">deep</a>"), "\(custom)")
        #expect(custom.contains("or <a href=\"https://example.org/docs/a/index.html\">A</a>."), "a link without text gets the page's title")
        #expect(custom.contains("href=\"https://example.org/docs/assets/style.css\""))
        #expect(files["404/index.html"] == nil, "404.md is not a page of the reading order")
        #expect(files["sitemap.xml"]?.contains("404") == false)
        #expect(files["a/index.html"]?.contains("Lost") == false)
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n", "404.md": "---\ntitle: Gone\n---\nSee [the guide](guide.md).\n\n<div>x</div>\n"], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.diagnostics.map(\.description) == [
            "Content/404.md:6:1: warning: raw HTML '<div>x</div>' is left out of the page (safe mode): write it in Markdown, or set 'unsafe: true' in site.yml to keep raw HTML you trust",
            "Content/404.md:4:5: error: link target 'guide.md' does not exist",
        ])
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
        #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder)).render() }
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
        let report = try Pipeline(options: options(in: folder)).build()
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
        #expect(html == BlockHTML().html(of: [block], paragraphIDs: [nil]).replacingOccurrences(of: "id=\"a\"", with: "id=\"page-a\"").replacingOccurrences(of: "href=\"#a\"", with: "href=\"#page-a\""))
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
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics == [])
        let home = try folder.read("Output/index.html")
        #expect(home.contains("<h2 id=\"\u{301}x\">\u{301}x<a"))
        #expect(home.contains("<p id=\"p2\">\u{301}para<a class=\"permalink\" href=\"#p2\""))
        #expect(brokenLinks(in: folder.snapshot("Output")) == [])
    }
}

@Suite("Render: partials that include themselves")
struct PartialRecursionTests {
    /// A copy of the real templates in `folder/T`, with `changes` (path → text) written over it.
    func templates(in folder: TemporaryFolder, _ changes: [String: String]) throws -> URL {
        let copy = folder.url.appendingPathComponent("T")
        try FileManager.default.copyItem(at: realTemplates, to: copy)
        try folder.write(changes, under: "T")
        return copy
    }

    /// Builds a small site with the real templates, then with `changes`: the build must fail with
    /// an error at `file:line:column` whose message holds `message`, and leave Output/ as it was;
    /// `check` (a build in memory) must report the same error.
    func expectRefused(_ changes: [String: String], file: String, line: Int, column: Int, message: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let before = folder.snapshot("Output")
        let broken = try templates(in: folder, changes)
        let error = #expect(throws: BuildError.self, sourceLocation: sourceLocation) {
            try Pipeline(options: options(in: folder, templates: broken)).build()
        }
        let diagnostic = try #require(error?.diagnostics.first, sourceLocation: sourceLocation)
        #expect(diagnostic.file == file && diagnostic.line == line && diagnostic.column == column, "\(diagnostic)", sourceLocation: sourceLocation)
        #expect(diagnostic.message.contains(message), "\(diagnostic)", sourceLocation: sourceLocation)
        #expect(folder.snapshot("Output") == before, sourceLocation: sourceLocation)

        let checked: [Diagnostic]
        do {
            checked = try Pipeline(options: options(in: folder, templates: broken)).render().diagnostics
        } catch let error as BuildError {
            checked = error.diagnostics
        }
        #expect(checked.filter { $0.severity == .error } == [diagnostic], sourceLocation: sourceLocation)
    }

    static let layoutWithLoop = try! String(contentsOf: realTemplates.appendingPathComponent("layout.mustache"), encoding: .utf8)
        .replacingOccurrences(of: "{{> partials/header}}", with: "{{> partials/header}}\n{{> partials/loop}}")

    @Test func aPartialThatIncludesItselfIsRefusedBeforeRendering() throws {
        try expectRefused(["layout.mustache": Self.layoutWithLoop, "partials/loop.mustache": "<p>\n{{> partials/loop}}\n"],
                          file: "Templates/partials/loop.mustache", line: 2, column: 1,
                          message: "layout.mustache → partials/loop.mustache → partials/loop.mustache → …; put the include of 'partials/loop' inside a section")
    }

    @Test func twoPartialsThatIncludeEachOtherAreRefused() throws {
        try expectRefused(["layout.mustache": Self.layoutWithLoop, "partials/loop.mustache": "{{#page}}{{/page}} {{> partials/other}}\n",
                           "partials/other.mustache": "{{#page.title}}{{/page.title}}\n{{> partials/loop}}\n"],
                          file: "Templates/partials/loop.mustache", line: 1, column: 20,
                          message: "layout.mustache → partials/loop.mustache → partials/other.mustache → partials/loop.mustache → …")
    }

    /// A loop through a section may end (a contents list does), so only rendering can tell; it
    /// stops 64 partials deeper than the outline and names the loop.
    @Test(arguments: ["{{#page.title}}\n{{> partials/loop}}\n{{/page.title}}\n", "{{^page.number}}\n{{> partials/loop}}{{> partials/loop}}\n{{/page.number}}\n"])
    func aLoopThroughASectionStopsWithTheChain(loop: String) throws {
        try expectRefused(["layout.mustache": Self.layoutWithLoop, "partials/loop.mustache": loop],
                          file: "Templates/partials/loop.mustache", line: 2, column: 1,
                          message: "partials include each other without end while rendering index.html: layout.mustache → partials/loop.mustache → partials/loop.mustache → … (stopped 66 partials deep)")
    }

    @Test func aLoopThroughTheHomePagesContentsIsCaughtInThePrintEditionToo() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A\n"], under: "Content")
        let broken = try templates(in: folder, ["partials/print-section.mustache": "{{#print}}{{> partials/print-section}}{{/print}}\n"])
        let diagnostics = try Pipeline(options: options(in: folder, templates: broken)).render().diagnostics
        #expect(diagnostics.map(\.description) == [
            "Templates/partials/print-section.mustache:1:11: error: partials include each other without end while rendering print.html: print.mustache → partials/print-section.mustache → partials/print-section.mustache → … (stopped 66 partials deep); a section around the include of 'partials/print-section' must end the recursion, as {{#children}} does at the bottom of the outline",
        ])
    }

    /// The contents list and the print edition recurse once per level of the outline: 200 levels
    /// render, with the partials nested 200 deep.
    @Test func aContentsListTwoHundredLevelsDeepRenders() throws {
        var files = ["index.md": "# Home\n\nText.\n"]
        var folder = ""
        for level in 1...200 {
            folder += "d/"
            files[folder + "index.md"] = "# Level \(level)\n\nText \(level).\n"
        }
        let site = try outline(files)
        let links = LinkResolver().resolve(site)
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        let context = PageRenderer(templates: templates).context(for: 0, site: site, links: links)
        let home = templates.render(context, template: TemplateSet.layoutName, limits: PageRenderer.limits(for: site), page: "index.html")
        #expect(home.problem == nil)
        #expect(home.html.components(separatedBy: "<ol>").count - 1 == 201)  // the sidebar's, and one per page with children
        #expect(home.html.contains(">Level 200</a>\n</li>\n</ol>"))
        let print = try #require(PrintEdition(site: site, links: links).render(with: templates))
        #expect(print.problem == nil)
        #expect(print.html.contains("<section class=\"print-section depth-200\">"))
    }

    @Test func aSectionThatRepeatsAListInsideItselfStops() throws {
        let site = try outline(["index.md": "# Home\n", "a.md": "# A\n", "b.md": "# B\n"])
        let nested = String(repeating: "{{#sidebar}}", count: 24) + "{{title}}" + String(repeating: "{{/sidebar}}", count: 24)
        let templates = try TemplateSet(sources: ["layout": nested], displayRoot: "Templates")
        let context = PageRenderer(templates: templates).context(for: 0, site: site, links: LinkResolver().resolve(site))
        #expect(PageRenderer.limits(for: site).lookups == 1_030_000)
        let rendered = templates.render(context, template: "layout", limits: RenderGuard.Limits(partials: 64, lookups: 1_000), page: "index.html")
        #expect(rendered.problem?.description == "Templates/layout.mustache: error: rendering index.html took more than 1000 steps of looking up values and was stopped: a section probably repeats a list inside itself, such as {{#sidebar}} inside {{#sidebar}}, or sections nest very deeply")
        #expect(rendered.html.count < 100_000)
    }

    /// Deeply nested sections in a loop of partials (tried on TemplateFuzz) take the stack
    /// faster than the partials count; the render stops at the stack levels its threads hold.
    @Test func deepSectionsInALoopStopAtTheStackLimit() throws {
        let loop = String(repeating: "{{#page}}", count: 99) + "{{> partials/a}}" + String(repeating: "{{/page}}", count: 99)
        let templates = try TemplateSet(sources: ["layout": "{{> partials/a}}", "partials/a": loop], displayRoot: "Templates")
        let site = try outline(["index.md": "# Home\n"])
        let context = PageRenderer(templates: templates).context(for: 0, site: site, links: LinkResolver().resolve(site))
        let limits = RenderGuard.Limits(partials: 64, stackLevels: 1_000, lookups: 10_000_000)
        let rendered = templates.render(context, template: "layout", limits: limits, page: "index.html")
        #expect(rendered.problem?.description.hasPrefix("Templates/partials/a.mustache:1:892: error: partials include each other without end while rendering index.html: layout.mustache → partials/a.mustache → partials/a.mustache → … (stopped 10 partials deep)") == true, "\(String(describing: rendered.problem))")
        #expect(PageRenderer.limits(for: site).stackLevels == RenderThreads.stackLevels)
    }

    /// Templates that cannot lead back to themselves render without RenderGuard's wrapper; a loop,
    /// a dynamic partial or a tag read otherwise than swift-mustache reads it keeps the wrapper, for
    /// the template and every template that reaches it. Loops still stop, and output is the same.
    @Test func onlyTemplatesThatCannotLoopRenderWithoutTheWrapper() throws {
        let sources = ["layout": "<{{> partials/leaf}}|{{> partials/middle}}>", "partials/leaf": "{{page.title}}",
                       "partials/middle": "{{#page}}{{> partials/leaf}}{{/page}}",
                       "partials/loop": "{{#page.title}}{{> partials/leaf}}{{> partials/loop}}{{/page.title}}",
                       "partials/dynamic": "{{>*page.kind}}", "partials/reaches-loop": "{{> partials/loop}}",
                       "partials/spaced": "{{>\npartials/leaf}}"]
        let templates = try TemplateSet(sources: sources, displayRoot: "Templates")
        let unguarded = Dictionary(uniqueKeysWithValues: zip(templates.names, templates.unguarded))
        #expect(unguarded.mapValues { $0 != nil } == ["layout": true, "partials/leaf": true, "partials/middle": true, "partials/loop": false,
                                                       "partials/dynamic": false, "partials/reaches-loop": false, "partials/spaced": false])
        // Weights: sections nested plus 3; the layout's bound is its own and its deepest include's.
        #expect(unguarded["layout"] == RenderGuard.Bound(partials: 3, stackLevels: 3 + 4 + 3))
        // The template set reads each template's partials once, with its structure: the same as
        // reading them from the texts.
        #expect(templates.unguarded == RenderGuard.unguarded(names: templates.names, sources: sources, weights: templates.weights))
        #expect(templates.includedBounds == RenderGuard.includedBounds(names: templates.names, sources: sources, unguarded: templates.unguarded))
        let site = try outline(["index.md": "# Home\n"])
        let context = PageRenderer(templates: templates).context(for: 0, site: site, links: LinkResolver().resolve(site))
        let limits = PageRenderer.limits(for: site)
        let page = templates.measuredRender(context, template: "layout", limits: limits, page: "index.html")
        #expect(page.html == "<Home|Home>")
        #expect(page.problem == nil && page.usage.partials == 3 && page.usage.stackLevels == 10)
        let loop = templates.render(context, template: "partials/reaches-loop", limits: limits, page: "index.html")
        #expect(loop.problem?.description.contains("partials/reaches-loop.mustache → partials/loop.mustache → partials/loop.mustache → …") == true,
                "\(String(describing: loop.problem))")
    }

    @Test func sectionsNestedMoreThanAHundredDeepAreRefused() throws {
        let deep = String(repeating: "{{#page}}", count: 101) + String(repeating: "{{/page}}", count: 101)
        let error = #expect(throws: BuildError.self) { try TemplateSet(sources: ["layout": deep], displayRoot: "Templates") }
        #expect(error?.diagnostics.map(\.description) == [
            "Templates/layout.mustache: error: template nests sections more than 100 deep: no page needs that many; move the inner part into a partial",
        ])
        #expect(throws: Never.self) { try TemplateSet(sources: ["layout": String(deep.dropFirst(9).dropLast(9))], displayRoot: "Templates") }
    }

    /// Each template is rendered behind a wrapper that counts partials; the wrapper must not change
    /// a byte of the output: indentation of standalone partials, lines, dynamic partials, parents
    /// and blocks, delimiters, lists.
    @Test func theWrapperAroundEachTemplateChangesNoOutput() throws {
        let sources = [
            "layout": "<ul>\n  {{> partials/item}}\n{{#sidebar}}\n    {{> partials/item}}\n{{/sidebar}}\n</ul>\n[{{> partials/inline}}]{{>*page.kind}}\n"
                + "{{<parent}}{{$b}}over {{page.title}}{{/b}}{{/parent}}\n{{=<% %>=}}<%> partials/inline%>\n",
            "partials/item": "<li>\n  {{title}}\n</li>\n",
            "partials/inline": "{{site.title}}",
            "parent": "<div>\n  {{$b}}default{{/b}}\n</div>\n",
            "home": "  home {{page.kind}}\n",
        ]
        let site = try outline(["index.md": "# Home\n", "a.md": "# A\n", "b/index.md": "# B\n"])
        let templates = try TemplateSet(sources: sources, displayRoot: "Templates")
        var plain = MustacheLibrary()
        for (name, text) in sources { plain.register(try MustacheTemplate(string: text), named: name) }
        for index in site.pages.indices {
            let context = PageRenderer(templates: templates).context(for: index, site: site, links: LinkResolver().resolve(site))
            let wrapped = templates.render(context, template: "layout", limits: PageRenderer.limits(for: site), page: "")
            #expect(wrapped.problem == nil)
            #expect(wrapped.html == plain.render(context, withTemplate: "layout"))
        }
        let home = PageRenderer(templates: templates).context(for: 0, site: site, links: LinkResolver().resolve(site))
        #expect(templates.render(home, template: "layout", limits: PageRenderer.limits(for: site), page: "").html.contains("<ul>\n  <li>\n    \n  </li>\n    <li>\n      A\n    </li>\n"))
    }
}

@Suite("Render: navigation whose size does not grow with the site")
struct NavWindowTests {
    @Test func shortListsAreWholeAndLongOnesAWindowAroundTheOpenEntry() {
        #expect(NavWindow(count: 27, open: 26) == NavWindow(count: 27, open: nil))
        #expect(NavWindow(count: 27, open: nil).shown == 0..<27)
        let middle = NavWindow(count: 1000, open: 500)
        #expect(middle.shown == 488..<513 && middle.hiddenBefore == 488 && middle.hiddenAfter == 487)
        #expect(NavWindow(count: 1000, open: 3).shown == 0..<25)
        #expect(NavWindow(count: 1000, open: 999).shown == 975..<1000)
        #expect(NavWindow(count: 1000, open: nil).shown == 0..<25)
    }

    /// The sidebar of a page among 30 or 100 siblings lists the same number of entries; the
    /// entries left out are behind a "more" link to the section's page, which lists them all.
    @Test func aPagesSidebarIsTheSameSizeAmong30Or100Siblings() throws {
        func sidebar(siblings: Int) throws -> String {
            let folder = try TemporaryFolder()
            var files = ["index.md": "# Home\n", "guide/index.md": "# Guide\n"]
            for page in 1...siblings { files[String(format: "guide/p%03d.md", page)] = "# Page \(page)\n" }
            try folder.write(files, under: "Content")
            _ = try Pipeline(options: options(in: folder)).build()
            #expect(brokenLinks(in: folder.snapshot("Output")) == [])
            let html = try folder.read("Output/guide/p015/index.html")
            let start = try #require(html.range(of: "<nav class=\"sidebar\""))
            return String(html[start.lowerBound..<(html.range(of: "</nav>", range: start.upperBound..<html.endIndex)?.upperBound ?? html.endIndex)])
        }
        let few = try sidebar(siblings: 30), many = try sidebar(siblings: 100)
        #expect(few.components(separatedBy: "<li").count == many.components(separatedBy: "<li").count)
        #expect(many.contains("<a class=\"more\" href=\"../index.html\">… 73 more in Guide</a>"))
        #expect(!(try sidebar(siblings: 20)).contains("class=\"more\""))
    }
}
