import Foundation
import Testing
@testable import Octavo

@Suite("Check: diagnostics a CI can rely on")
struct CheckTests {
    /// The acceptance site of issue 3: one link to a missing page, one to a missing anchor.
    static let brokenSite = [
        "index.md": "---\ntitle: Small\n---\n\nSee [missing](nope.md).\n\nAnd [anchor](other.md#nowhere).\n",
        "other.md": "# Other\n\n## Sub\n",
    ]

    func check(_ files: [String: String], templates: URL = realTemplates) throws -> [Diagnostic] {
        let folder = try TemporaryFolder()
        try folder.write(files, under: "Content")
        return try Pipeline(options: options(in: folder, templates: templates)).render().diagnostics
    }

    @Test func missingPageAndMissingAnchorAreTwoErrorsInAllFormats() throws {
        let diagnostics = try check(Self.brokenSite)
        #expect(DiagnosticFormat.text.format(diagnostics) == """
            Content/index.md:5:5: error: link target 'nope.md' does not exist
            Content/index.md:7:5: error: link target 'other.md#nowhere': no heading with id 'nowhere' in Content/other.md

            """)
        #expect(DiagnosticFormat.github.format(diagnostics) == """
            ::error file=Content/index.md,line=5,col=5::link target 'nope.md' does not exist
            ::error file=Content/index.md,line=7,col=5::link target 'other.md#nowhere': no heading with id 'nowhere' in Content/other.md

            """)
        let json = try JSONSerialization.jsonObject(with: Data(DiagnosticFormat.json.format(diagnostics).utf8)) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.first?["file"] as? String == "Content/index.md")
        #expect(json?.first?["line"] as? Int == 5)
        #expect(json?.first?["column"] as? Int == 5)
        #expect(json?.first?["severity"] as? String == "error")
    }

    /// File order: by file's bytes, a whole-file problem first, then line and column; problems at
    /// the same place keep the order they were found in.
    @Test func everyFormatListsProblemsInFileOrder() {
        let found = [
            Diagnostic(file: "b.md", line: 2, column: 1, message: "second at b:2"),
            Diagnostic(file: "b.md", line: 1, column: 9, message: "b:1:9"),
            Diagnostic(file: "a.md", line: 10, column: 1, message: "a:10"),
            Diagnostic(file: "b.md", line: 2, column: 1, severity: .warning, message: "first at b:2"),
            Diagnostic(file: "a.md", line: 9, column: 3, message: "a:9"),
            Diagnostic(file: "b.md", message: "whole b"),
            Diagnostic(file: "B.md", line: 1, message: "upper case sorts first"),
        ]
        let ordered = Diagnostic.inFileOrder(found).map(\.message)
        #expect(ordered == ["upper case sorts first", "a:9", "a:10", "whole b", "b:1:9", "second at b:2", "first at b:2"])
        #expect(DiagnosticFormat.text.format(found).split(separator: "\n").map { String($0.split(separator: " ").last!) }
                == ["first", "a:9", "a:10", "b", "b:1:9", "b:2", "b:2"])
    }

    /// A repository's `docs/` linking to `../CONTRIBUTING.md`: an error that says what to do.
    @Test func aLinkOutOfTheContentFolderSaysWhatToDo() throws {
        let diagnostics = try check(["index.md": "# Home\n\nSee [contributing](../CONTRIBUTING.md).\n"])
        #expect(diagnostics.map(\.description) == ["Content/index.md:3:5: error: link target '../CONTRIBUTING.md' points outside the content folder, which is all the site holds: link to the file's address on the web instead, or build from a content folder that holds it (--content)"])
    }

    @Test func githubFormatEscapesCommandCharacters() {
        let diagnostic = Diagnostic(file: "a,b:c.md", line: 1, severity: .warning, message: "50% done\rnext")
        #expect(DiagnosticFormat.github.format([diagnostic]) == "::warning file=a%2Cb%3Ac.md,line=1::50%25 done\\rnext\n")
    }

    /// A front matter key holding a line break must not print a line of its own that looks like
    /// another diagnostic; no control character of the input reaches the output in any format.
    @Test func controlCharactersInMessagesAreEscapedInEveryFormat() throws {
        let diagnostics = try check(["index.md": "---\n\"x\\nContent/index.md:1:1: error: injected\\u001B[31m\\u0085\": 1\n---\n# Home\n"])
        let warning = "front matter key 'x\\nContent/index.md:1:1: error: injected\\u{1B}[31m\\u{85}' is not used by Octavo (known keys: author, date, description, draft, identifier, publisher, slug, split, title, weight); if another tool reads it, list it in site.yml's ignore_front_matter"
        #expect(DiagnosticFormat.text.format(diagnostics) == "Content/index.md:2:1: warning: " + warning + "\n")
        #expect(DiagnosticFormat.github.format(diagnostics) == "::warning file=Content/index.md,line=2,col=1::" + warning + "\n")
        #expect(DiagnosticFormat.json.format(diagnostics) == """
            [
              {
                "column" : 1,
                "file" : "Content/index.md",
                "line" : 2,
                "message" : "front matter key 'x\\\\nContent/index.md:1:1: error: injected\\\\u{1B}[31m\\\\u{85}' is not used by Octavo (known keys: author, date, description, draft, identifier, publisher, slug, split, title, weight); if another tool reads it, list it in site.yml's ignore_front_matter",
                "severity" : "warning"
              }
            ]

            """)
        let file = Diagnostic(file: "Content/a\tb\u{2028}.md", severity: .error, message: "m")
        #expect(file.description == "Content/a\\tb\\u{2028}.md: error: m")
    }

    /// Parsing needs no template: a heading is not renamed around an id (without a `.`) of the
    /// user's template; the page then has the id twice, which `check` says, at the heading.
    @Test func aTemplateIdAHeadingAlsoGetsIsReportedNotRenamed() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": "<main id=\"content\">{{{page.body}}}</main>\n"], under: "T")
        let diagnostics = try check(["index.md": "# Home\n\n## Content\n\n[c](#content)\n"], templates: templates)
        #expect(diagnostics.map(\.description) == ["Content/index.md:3:1: warning: page 'index.html' has the id 'content' more than once"],
                "\(diagnostics)")
    }

    @Test func theRealDocumentChecksClean() throws {
        #expect(try RealSite.render().diagnostics == [])
    }

    /// Links to files the build writes itself, to the theme's ids, and to the `<h1 id="octavo.title">`
    /// of a page without a heading.
    @Test func linksToFilesTheBuildWritesAndToTheTitleAreAccepted() throws {
        let diagnostics = try check([
            "index.md": "---\ntitle: Home\n---\nSee [s](search.html), [p](print.html), [c](assets/style.css), [t](#octavo.title) and [m](#octavo.content).\n\n[a](a.md)\n",
            "a.md": "---\ntitle: A\n---\nBack to [search](search.html#octavo.search-results) and [home](index.md#octavo.title).\n",
        ])
        #expect(diagnostics == [])
    }

    @Test func anImageWhoseSourceIsAPageIsAnError() throws {
        let diagnostics = try check(["index.md": "# Home\n\n![d](page.md) [p](page.md)\n", "page.md": "# Page\n"])
        #expect(diagnostics.map(\.description) == [
            "Content/index.md:3:1: error: image source 'page.md' is a page, not an image: link to it with [text](page.md), or give an image file",
        ])
    }

    /// The audit reads the HTML as a browser: an id inside a comment is no id, and a template link
    /// that climbs above the site's root is an error (once, not once per page).
    @Test func idsInCommentsDoNotCountAndLinksAboveTheRootAreErrors() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": """
            <!-- <p id="ghost"> --><main id="content">{{{page.heading}}}{{{page.body}}}</main>
            <a href="{{site.root}}../index.html">up</a><a href='{{site.root}}index.html#content'>home</a>

            """], under: "T")
        let diagnostics = try check(["index.md": "# Home\n\n[g](#ghost) [a](a.md)\n", "a.md": "# A\n"], templates: templates)
        #expect(diagnostics.map(\.description) == [
            "Content/index.md:3:1: error: page 'index.html' links to '#ghost', but 'index.html' has no id 'ghost'",
            "Templates/layout.mustache:2:4: error: page 'index.html' links to '../index.html', which climbs above the site's root (and 1 other link): remove a '../' (after {{site.root}}, none is needed)",
        ])
    }

    /// A link climbs above the root when its `..` parts outnumber the folders above the page and
    /// the parts before them; `.` and empty parts do not count, the fragment and query not at all.
    @Test(arguments: [
        ("../x.html", "index.html", true), ("../x.html", "a/index.html", false), ("../../x.html", "a/index.html", true),
        ("a/../../x.html", "index.html", true), ("a/b/../../x.html", "index.html", false), ("./.././x", "a/b.html", false),
        (".//..//..", "a/b.html", true), ("x#../..", "index.html", false), ("x?../..", "index.html", false), ("..", "a/b/c.html", false),
        ("...", "index.html", false), ("../..x", "a/b.html", false),
    ] as [(String, String, Bool)])
    func linksClimbAboveTheRootByTheirDotDotParts(reference: String, page: String, climbs: Bool) {
        #expect(SiteAudit.climbsAboveRoot(reference, from: page) == climbs)
    }

    /// A broken link that a template writes is reported at the template's attribute, once for all
    /// pages, not at a content file (which has no such link).
    @Test func brokenTemplateLinksAreReportedAtTheTemplate() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write([
            "layout.mustache": "<main id=\"content\">{{{page.heading}}}{{{page.body}}}</main>\n{{> partials/footer}}\n",
            "partials/footer.mustache": "<footer>\n<p>About</p>\n<p>See <a href=\"{{site.root}}abuot.html\">about</a>,\n"
                + "<a href=\"{{site.root}}index.html#contnt\">top</a> <img src=\"{{site.root}}a/index.html\" alt=\"\"></p></footer>\n",
        ], under: "T")
        let diagnostics = try check(["index.md": "# Home\n\n[a](a.md)\n", "a.md": "# A\n"], templates: templates)
        #expect(diagnostics.map(\.description) == [
            "Templates/partials/footer.mustache:4:4: error: page 'index.html' links to 'index.html#contnt', but 'index.html' has no id 'contnt'",
            "Templates/partials/footer.mustache:4:55: error: page 'index.html' shows 'a/index.html' as an image, but it is a page: link to it with <a href>, or name an image file",
            "Templates/partials/footer.mustache:3:11: error: page 'index.html' links to 'abuot.html', which the build does not write (and on 1 other page)",
        ])
    }

    @Test func htmlTokenizerReadsAttributesAsABrowserDoes() {
        let html = """
            <!DOCTYPE html><!-- <a href="comment.html" id="c"> --><!--><p id=x1>
            <A HREF='single.html#a&amp;b' ID = "x2"><img src=unquoted.png alt="a > b" id="&#x78;&#51;">
            <script>var s = "<a href='script.html' id='s'>";</script><style>#x{}</style><a href="after.html" id="">
            <p class="a" data-id="no" id=x4/><textarea><a href="text.html"></textarea><a href=last.html
            """
        let tokens = HTMLTokenizer(html: html)
        #expect(tokens.ids == ["x1", "x2", "x3", "", "x4/"])
        #expect(tokens.references.map(\.value) == ["single.html#a&b", "unquoted.png", "after.html", "last.html"])
        #expect(tokens.references.map(\.tag) == ["a", "img", "a", "a"])
    }

    @Test func templateTypoIsAnErrorAtItsTag() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": "<title>{{page.title}}</title>\n<p>{{page.titel}}</p>\n{{#sidebar}}{{qqqq}}{{/sidebar}}\n"], under: "T")
        let diagnostics = try check(["index.md": "# Home\n"], templates: templates)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.last?.description == "Templates/layout.mustache:3:13: error: template uses 'qqqq', which no page has (variables: \(PageContext.variableNames.sorted().joined(separator: ", ")))")
        #expect(diagnostics.first?.description == "Templates/layout.mustache:2:4: error: template uses 'titel', which no page has (did you mean 'title'?)")
    }

    @Test func skippedHeadingLevelsUnreadKeysAndUnreachablePagesAreWarnings() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write(["layout.mustache": "<main>{{{page.heading}}}{{{page.body}}}</main>\n"], under: "T")
        let diagnostics = try check([
            "index.md": "---\ntitle: Home\ncolour: red\n---\n\n## Fine\n\n#### Too deep\n",
            "lonely.md": "# Lonely\n",
        ], templates: templates)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let messages = diagnostics.map(\.description)
        #expect(messages.contains("Content/index.md:3:1: warning: front matter key 'colour' is not used by Octavo (known keys: author, date, description, draft, identifier, publisher, slug, split, title, weight); if another tool reads it, list it in site.yml's ignore_front_matter"))
        #expect(messages.contains("Content/index.md:8:1: warning: heading level 4 skips level 3: use ###"))
        #expect(messages.contains("Content/lonely.md:1:1: warning: no link leads to page 'lonely/index.html' from the home page"))
    }

    /// A broken link in raw HTML (`unsafe: true`) is reported at its line, in an HTML block or
    /// inline in a paragraph, not at the top of the file.
    @Test func brokenLinksInRawHTMLAreAtTheirLines() throws {
        let diagnostics = try check([
            "site.yml": "unsafe: true\n",
            "index.md": "# Home\n\nText.\n\n<div>\n<a href=\"missing.html\">x</a>\n<img src='nope.png' alt=\"n\">\n</div>\n\nInline\n<a href=\"gone.html\">y</a> here.\n",
        ])
        #expect(diagnostics.filter { $0.severity == .error }.map { "\($0.file):\($0.line ?? 0)" } == ["Content/index.md:6", "Content/index.md:7", "Content/index.md:11"])
    }

    /// The same href resolves from each page's own place: pages share what they resolve only
    /// with pages where it leads to the same target (the scanner keeps each link's number by the
    /// page's depth and the folder the `../` climb to), and a value with no path leads to the page
    /// it is on.
    @Test func theSameHrefIsResolvedFromEachPagesPlace() throws {
        let links = "<a href=\"../x/index.html\">x</a> <a href=\"?q=1\">q</a> <a href=\"#only-b\">b</a>"
        let diagnostics = try check([
            "site.yml": "unsafe: true\n",
            "index.md": "# Home\n\n[a](a/b.md) [c](c/d.md) [e](e.md) [x](x.md) [ax](a/x.md)\n\n\(links)\n",
            "a/b.md": "# B\n\n<p id=\"only-b\">\(links)</p>\n",
            "a/x.md": "# AX\n\n\(links)\n",
            "c/d.md": "# D\n\n\(links)\n",
            "e.md": "# E\n\n\(links)\n",
            "x.md": "# X\n\n\(links)\n",
        ])
        // `../x/index.html` leads to a/x/ from a/b/ and a/x/, to c/x/ (missing) from c/d/, to x/
        // from e/ and x/, and above the root from the home page; `#only-b` is found on a/b/ only.
        #expect(diagnostics.filter { $0.severity == .error }.map(\.description).sorted() == [
            "Content/a/x.md:3: error: page 'a/x/index.html' links to '#only-b', but 'a/x/index.html' has no id 'only-b'",
            "Content/c/d.md:3: error: page 'c/d/index.html' links to '#only-b', but 'c/d/index.html' has no id 'only-b'",
            "Content/c/d.md:3: error: page 'c/d/index.html' links to '../x/index.html', which the build does not write",
            "Content/e.md:3: error: page 'e/index.html' links to '#only-b', but 'e/index.html' has no id 'only-b'",
            "Content/index.md:5: error: page 'index.html' links to '#only-b', but 'index.html' has no id 'only-b'",
            "Content/index.md:5: error: page 'index.html' links to '../x/index.html', which climbs above the site's root: remove a '../' (after {{site.root}}, none is needed)",
            "Content/x.md:3: error: page 'x/index.html' links to '#only-b', but 'x/index.html' has no id 'only-b'",
        ])
    }

    /// Keys another tool reads (Hugo's `tags`, Zola's `[extra]`) are listed once in `site.yml` and
    /// no longer warned about, in YAML or TOML front matter; the others still are.
    @Test func frontMatterKeysListedAsIgnoredAreNotWarnedAbout() throws {
        let diagnostics = try check([
            "site.yml": "ignore_front_matter: [tags, extra]\n",
            "index.md": "---\ntitle: Home\ntags: [a, b]\ncolour: red\n---\n# Home\n\n[t](t.md)\n",
            "t.md": "+++\ntitle = \"T\"\n[extra]\nx = 1\n+++\n# T\n",
        ], templates: realTemplates)
        #expect(diagnostics.map(\.description).filter { $0.contains("front matter key") }
                == ["Content/index.md:4:1: warning: front matter key 'colour' is not used by Octavo (known keys: author, date, description, draft, identifier, publisher, slug, split, title, weight); if another tool reads it, list it in site.yml's ignore_front_matter"])
        #expect(throws: BuildError.self) { try SiteConfig(yaml: "ignore_front_matter: {a: 1}\n", file: "Content/site.yml") }
        #expect(try SiteConfig(yaml: "ignore_front_matter: tags\n", file: "Content/site.yml").ignoredFrontMatter == ["tags"])
    }

    @Test func gfmWarningsNameTheFileLineAndColumnAndFootnotesDoNotFailTheBuild() throws {
        let gfm = try check(["index.md": "---\ntitle: Home\n---\n# Home\n\nA note[^1] and <span>raw</span>.\n\n[^1]: here\n"]).map(\.description)
        #expect(gfm == [
            "Content/index.md:6:7: warning: [^1]: footnotes are not supported: the reference is shown as written; put the note in the text, or link to a section",
            "Content/index.md:6:16: warning: raw HTML '<span>' is left out of the page (safe mode): write it in Markdown, or set 'unsafe: true' in site.yml to keep raw HTML you trust",
            "Content/index.md:6:25: warning: raw HTML '</span>' is left out of the page (safe mode): write it in Markdown, or set 'unsafe: true' in site.yml to keep raw HTML you trust",
        ])
        let commonMark = try check(["index.md": "# Plain\n\n| a |\n| - |\n\n- [ ] task\n", "site.yml": "markdown: commonmark\n"]).map(\.description)
        #expect(commonMark == [
            "Content/index.md:3:1: warning: this pipe table is read as a paragraph of text in CommonMark: 'markdown: commonmark' in site.yml turns GitHub-flavoured Markdown off; remove that line to read it",
            "Content/index.md:6:3: warning: this task list item ('[ ]') is read as text in CommonMark: 'markdown: commonmark' in site.yml turns GitHub-flavoured Markdown off; remove that line to read it",
        ])
    }

    /// A link or image whose address safe mode drops (cmark writes `href=""`) is a warning at its
    /// place, not a silent empty link; an image's `data:image/png` is kept, and `unsafe: true`
    /// keeps them all without a word.
    @Test func linksSafeModeWritesWithoutTheirAddressAreWarnings() throws {
        let files = ["index.md": "# Home\n\n[js](javascript:alert(1)) ![x](data:text/html,hi) ![ok](data:image/png;base64,AAAA) [f](FILE:///etc/passwd)\n"]
        let safe = try check(files).map(\.description)
        let why = "is written without its address (safe mode, for javascript:, vbscript:, file: and data: addresses): link to a page or an https:// address, or set 'unsafe: true' in site.yml to keep addresses you trust"
        #expect(safe == [
            "Content/index.md:3:1: warning: link 'javascript:alert(1)' \(why)",
            "Content/index.md:3:27: warning: image 'data:text/html,hi' \(why)",
            "Content/index.md:3:85: warning: link 'FILE:///etc/passwd' \(why)",
        ])
        var unsafe = files
        unsafe["site.yml"] = "unsafe: true\n"
        #expect(try check(unsafe).filter { $0.severity != .note }.isEmpty)
    }

    @Test func duplicateIdsAndBrokenTemplateLinksAreFound() throws {
        let folder = try TemporaryFolder()
        let templates = try folder.write([
            "layout.mustache": "<main id=\"top\">{{{page.heading}}}<p id=\"top\"></p><a href=\"{{site.root}}missing.html\">x</a><a href=\"#nope\">y</a></main>\n",
        ], under: "T")
        let diagnostics = try check(["index.md": "# Home\n"], templates: templates)
        #expect(diagnostics.map(\.message) == [
            "page 'index.html' has the id 'top' more than once",
            "page 'index.html' links to '#nope', but 'index.html' has no id 'nope'",
            "page 'index.html' links to 'missing.html', which the build does not write",
        ])
    }

    @Test func strictBuildFailsOnWarningsAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "---\ntitel: typo\n---\n# Home\n"], under: "Content")
        let error = #expect(throws: BuildError.self) { try Pipeline(options: options(in: folder, strict: true)).build() }
        #expect(error?.diagnostics.map(\.severity) == [.warning])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics.count == 1)
    }

    @Test func externalLinksAreListedNotFetched() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[a](https://example.invalid/x) and <mailto:a@b.invalid>\n"], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.diagnostics.isEmpty)
        #expect(result.externalLinkNotes.map(\.description) == [
            "Content/index.md:3:1: note: external link 'https://example.invalid/x' (not checked)",
            "Content/index.md:3:36: note: external link 'mailto:a@b.invalid' (not checked)",
        ])
    }

    /// GitHub's extended autolinks (www.…, https://… in text) are listed at their own columns, in
    /// a paragraph, after emphasis, in a list item and in a table cell.
    @Test func extendedAutolinksAreAtTheirColumns() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nSee www.example.com and https://example.org/x here.\n\n- item www.foo.org\n\n| a | b |\n|---|---|\n| x www.t.org | y |\n\nSee *www.em.org* **x** www.after.org\n"], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.externalLinkNotes.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["3:5", "3:25", "5:8", "9:5", "11:6", "11:24"])
    }

    @Test func theAuditComparesIdsAndPathsCodePointByCodePoint() throws {
        let site = try outline(["index.md": "# H\n"])
        let html = "<h1 id=\"caf\u{E9}\">x</h1><a href=\"#cafe\u{301}\">a</a><a href=\"#caf%C3%A9\">b</a>"
            + "<a href=\"cafe\u{301}.png\">c</a><a href=\"caf\u{E9}.png\">d</a>"
        let audit = SiteAudit(site: site, links: LinkResolver().resolve(site), pages: [(path: "index.html", html: html)],
                              files: ["index.html", "caf\u{E9}.png"])
        let messages = audit.diagnostics().filter { $0.severity == .error }.map(\.message)
        #expect(messages == [
            "page 'index.html' links to '#cafe\u{301}', but 'index.html' has no id 'cafe\u{301}'",
            "page 'index.html' links to 'cafe\u{301}.png', which the build does not write",
        ])
    }

    @Test func externalLinksSafeModeDropsAreNotListedAndEveryListedOneIsInThePage() throws {
        let links = "[js](javascript:alert(1)) [js2](JavaScript:x) [vb](VBSCRIPT:x) [file](file:///etc/passwd) "
            + "[data](data:text/html,x) ![png](data:image/png;base64,AA) [web](https://example.invalid/) [mail](mailto:a@b.invalid)\n"
        for unsafe in [false, true] {
            let folder = try TemporaryFolder()
            try folder.write(["index.md": "# Home\n\n" + links, "site.yml": "unsafe: \(unsafe)\n"], under: "Content")
            let result = try Pipeline(options: options(in: folder)).render()
            let listed = result.externalLinkNotes.map { $0.message.split(separator: "'")[1] }
            let expected = unsafe
                ? ["javascript:alert(1)", "JavaScript:x", "VBSCRIPT:x", "file:///etc/passwd", "data:text/html,x", "data:image/png;base64,AA",
                   "https://example.invalid/", "mailto:a@b.invalid"]
                : ["data:image/png;base64,AA", "https://example.invalid/", "mailto:a@b.invalid"]
            #expect(listed == expected[...].map { Substring($0) })
            let html = try #require(result.files.first { $0.path == "index.html" }).text
            let written = PageLinks(html).hrefs
            for link in listed { #expect(written.contains(String(link)), "\(link) is listed but not in the page") }
        }
    }
}
