import Testing
@testable import Octavo

@Suite("Markdown: cmark parsing, heading ids, links")
struct MarkdownTests {
    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("  Spaces  around ", "--spaces--around-"),
        ("C++ & C#", "c--c"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Ünïcödé Straße", "ünïcödé-straße"),
        ("全球安全倡议", "全球安全倡议"),
        ("Русский текст", "русский-текст"),
        ("III. Priorities of cooperation", "iii-priorities-of-cooperation"),
    ])
    func slugFollowsGitHubRule(text: String, expected: String) {
        #expect(HeadingIDGenerator.slug(text) == expected)
    }

    /// GitHub's ids (github-slugger's rule, computed with its expression over Node's Unicode
    /// tables): emoji, variation selectors, zero-width joiners, combining marks, `_` and other
    /// punctuation, other numbers, non-Latin scripts. A decomposed heading gets the NFC form.
    @Test(arguments: [
        ("⚙\u{FE0F} Configuration", "\u{FE0F}-configuration"),
        ("Search", "search"),
        ("Toc", "toc"),
        ("🚀 Getting Started", "-getting-started"),
        ("👨\u{200D}👩\u{200D}👧 Family emoji", "-family-emoji"),
        ("👍\u{1F3FD} Skin tone", "-skin-tone"),
        ("🏳\u{FE0F}\u{200D}🌈 Flag", "\u{FE0F}-flag"),
        ("I ♥ unicode", "i--unicode"),
        ("😄 - an emoji", "---an-emoji"),
        (":smile: - a gemoji", "smile---a-gemoji"),
        ("Café", "café"),
        ("Cafe\u{301} decomposed", "café-decomposed"),
        ("Ω Ohm and Ω omega", "ω-ohm-and-ω-omega"),
        ("ΟΔΟΣ ΣΟΦΊΑΣ", "οδος-σοφίας"),
        ("Ελληνικά", "ελληνικά"),
        ("Привет мир", "привет-мир"),
        ("你好，世界", "你好世界"),
        ("日本語のテキスト", "日本語のテキスト"),
        ("한국어 제목", "한국어-제목"),
        ("العربية", "العربية"),
        ("עברית", "עברית"),
        ("हिन्दी भाषा", "हिन्दी-भाषा"),
        ("ภาษาไทย", "ภาษาไทย"),
        ("snake_case_name", "snake_case_name"),
        ("__init__", "__init__"),
        ("exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"),
        ("heading with a period.txt", "heading-with-a-periodtxt"),
        ("C++ & C#", "c--c"),
        ("What's new?", "whats-new"),
        ("apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"),
        ("em—dash and en–dash", "emdash-and-endash"),
        ("foo -- bar", "foo----bar"),
        ("  leading spaces", "--leading-spaces"),
        ("Trailing spaces  ", "trailing-spaces--"),
        ("Tabs\u{9}inside", "tabsinside"),
        ("1. Numbered", "1-numbered"),
        ("Version 2.0.1", "version-201"),
        ("x² + y² = z²", "x--y--z"),
        ("① circled one", "-circled-one"),
        ("Ⓐ circled letter", "ⓐ-circled-letter"),
        ("Ⅻ roman twelve", "ⅻ-roman-twelve"),
        ("non‿breaking‿tie", "non‿breaking‿tie"),
        ("“Quoted” «text»", "quoted-text"),
        ("<html> tags", "html-tags"),
        ("[link] text", "link-text"),
        ("100% done!", "100-done"),
        ("$HOME and ~/path", "home-and-path"),
        ("@mentions #hashtags", "mentions-hashtags"),
        ("café\u{200B}zero width space", "cafézero-width-space"),
        ("İstanbul", "i\u{307}stanbul"),
        ("ǅ titlecase", "ǆ-titlecase"),
        ("ß Straße", "ß-straße"),
        ("Ǆ", "ǆ"),
    ])
    func slugIsGitHubs(text: String, expected: String) {
        #expect(HeadingIDGenerator.slug(text).unicodeScalars.elementsEqual(expected.unicodeScalars),
                "\(text.debugDescription) → \(HeadingIDGenerator.slug(text).debugDescription)")
    }

    /// ASCII text takes a fast path: it must give what the rule, scalar by scalar, gives for every
    /// ASCII character (letters of both cases, digits, `-`, `_`, space, punctuation, controls).
    @Test func asciiSlugsFollowTheRule() {
        for value in UInt8(0)..<0x80 {
            let text = "A" + String(UnicodeScalar(value)) + "z 9"
            #expect(HeadingIDGenerator.slug(text) == HeadingIDGenerator.slugByScalars(text), "\(value)")
        }
        #expect(HeadingIDGenerator.slug("Part III: The Risk_of War") == "part-iii-the-risk_of-war")
    }

    /// github-slugger's own sequence of repeats: a later heading never takes an id given earlier.
    @Test func repeatsNumberAsGitHubDoes() {
        var ids = HeadingIDGenerator()
        let given = ["echo", "echo", "echo 1", "echo-1", "echo", "foxtrot-1", "foxtrot", "foxtrot"].map { ids.id(for: $0) }
        #expect(given == ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2", "foxtrot-1", "foxtrot", "foxtrot-2"])
    }

    @Test func repeatedAndEmptyHeadingsGetUniqueNonEmptyIds() {
        let document = parse("# Intro\n\n# Intro\n\n# Intro\n\n# !!!\n\n#\n")
        #expect(document.blocks.compactMap(\.id) == ["intro", "intro-1", "intro-2", "section", "section-1"])
    }

    @Test func headingBlockKeepsInlineHTMLOnly() {
        let document = parse("## A *b* `c`\n")
        #expect(document.blocks.first?.kind == .heading(level: 2))
        #expect(document.blocks.first?.content == [.html("A <em>b</em> <code>c</code>")])
        #expect(document.blocks.first?.text == "A b c")
    }

    @Test func nestedHeadingsGetIdsAndPermalinks() {
        let document = parse("> # Quoted\n\n# Quoted\n")
        #expect(document.blocks[0].nestedIDs == ["quoted"])
        #expect(written(document.blocks[0]).contains("<h1 id=\"quoted\">Quoted<a class=\"permalink\" href=\"#quoted\""))
        #expect(document.blocks[1].id == "quoted-1")
    }

    @Test func internalLinksBecomeSlotsWithPositions() {
        let document = parse("Intro\n\nSee [a](other.md#x), [b](https://example.org) and ![i](img.png).\n")
        #expect(document.links.map(\.destination) == ["other.md#x", "img.png"])
        #expect(document.links.map(\.isImage) == [false, true])
        #expect(document.links.first?.line == 3)
        #expect(document.links.first?.column == 5)
        #expect(document.blocks[1].content.contains(.linkURL(0)))
        #expect(document.blocks[1].content.contains(.linkURL(1)))
        #expect(written(document.blocks[1]) == "<p>See <a href=\"LINK0\">a</a>, <a href=\"https://example.org\">b</a> and <img src=\"LINK1\" alt=\"i\" />.</p>\n")
    }

    @Test(arguments: [
        ("other.md", true), ("#frag", true), ("../a/b.md#c", true), ("/root.md", true), ("img.png", true),
        ("https://x.org", false), ("mailto:a@b.c", false), ("//cdn.example", false), ("javascript:alert(1)", false), ("", false),
    ])
    func internalDestinations(destination: String, expected: Bool) {
        #expect(LinkReference.isInternal(destination) == expected)
    }

    @Test func closingMarkerIsRecognised() {
        let document = parse("# Part\n\n## Item\n\nText\n\n<!-- part-closing -->\n\nClosing\n")
        #expect(document.blocks.map(\.kind) == [.heading(level: 1), .heading(level: 2), .paragraph, .closingMarker, .paragraph])
    }

    @Test func rawHTMLIsDroppedUnlessUnsafe() {
        let markdown = "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
        let safe = MarkdownRenderer().html(markdown)
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("javascript:"))
        #expect(MarkdownRenderer(unsafe: true).html(markdown).contains("<script>alert(1)</script>"))
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 5_000
        let html = MarkdownRenderer().html(String(repeating: "> ", count: depth) + "# deep\n")
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == depth)
        #expect(html.contains("<h1 id=\"deep\">deep"))
    }

    @Test func headingsNestedInOneListAllGetTheirIdsAndPermalinks() {
        let count = 3_000
        let document = parse((0..<count).map { "- ## h\($0)\n" }.joined())
        #expect(document.blocks.count == 1)
        #expect(document.blocks[0].nestedIDs == (0..<count).map { "h\($0)" })
        let html = written(document.blocks[0])
        #expect(html.contains("<li>\n<h2 id=\"h2999\">h2999<a class=\"permalink\" href=\"#h2999\" aria-label=\"Permalink\">#</a></h2>\n</li>"))
        #expect(!html.unicodeScalars.contains { (0xE000...0xE003).contains($0.value) })
        #expect(document.blocks[0].content.filter { if case .headingOpen = $0 { true } else { false } }.count == count)
    }

    @Test func textThatImitatesASentinelStaysText() {
        let document = parse("> ## a \u{E002}0\u{E003} b\n>\n> ## \u{E000}1\u{E001}c\n")
        #expect(document.blocks[0].nestedIDs == ["a-0-b", "1c"])
        #expect(written(document.blocks[0]).contains("<h2 id=\"a-0-b\">a \u{E002}0\u{E003} b<a class=\"permalink\" href=\"#a-0-b\""))
        #expect(written(document.blocks[0]).contains("<h2 id=\"1c\">\u{E000}1\u{E001}c<a"))
    }

    /// A combining mark at the start of a heading or paragraph joins the `>` before it into one
    /// Character: markup is cut and matched by byte.
    @Test(arguments: ["## \u{301}x\n", "> ## \u{301}x\n", "- ## \u{301}x\n"])
    func headingStartingWithACombiningMarkKeepsItAndItsId(_ markdown: String) {
        let document = parse(markdown)
        let html = MarkdownRenderer().html(markdown)
        #expect(html.contains("<h2 id=\"\u{301}x\">\u{301}x<a class=\"permalink\" href=\"#\u{301}x\""), "\(html)")
        #expect((document.blocks[0].id ?? document.blocks[0].nestedIDs.first) == "\u{301}x")
    }

    @Test func paragraphStartingWithACombiningMarkGetsItsAnchor() {
        let document = parse("\u{301}x\n")
        #expect(BlockHTML().html(of: document.blocks, paragraphIDs: ["p1"])
                == "<p id=\"p1\">\u{301}x<a class=\"permalink\" href=\"#p1\" aria-label=\"Permalink to this paragraph\">¶</a></p>\n")
    }

    // MARK: GitHub Flavored Markdown on cmark's tree

    @Test func tablesAreReadFromTheSourceLinesOfQuotesAndListItems() throws {
        let quoted = parse("> | a | b |\n> |---|:-:|\n> | `x\\|y` | [l](o.md) |\n")
        let html = try #require(quoted.blocks.first.map(written))
        #expect(html.hasPrefix("<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th style=\"text-align: center\">b</th>"))
        #expect(html.contains("<td><code>x|y</code></td>\n<td style=\"text-align: center\"><a href=\"LINK0\">l</a></td>"))
        #expect(quoted.links.map { [$0.line, $0.column] } == [[3, 14]])
        #expect(quoted.blocks.first?.text == "a b x|y l")
        let listed = parse("- | a |\n  | - |\n  | c |\n")
        #expect(listed.blocks.first.map(written)?.contains("<tbody>\n<tr>\n<td>c</td>\n</tr>\n</tbody>") == true)
        #expect(listed.warnings.isEmpty)
    }

    @Test func aTableAfterTextKeepsTheTextOrWarnsWhenMarkupRunsIntoIt() {
        let split = parse("Intro\n| a |\n| - |\n")
        #expect(split.blocks.map(written) == ["<p>Intro</p>\n", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"])
        #expect(split.blocks.map(\.line) == [1, 2])
        let tangled = parse("*a\nb | c\n--|--\nd*\n")
        #expect(tangled.blocks.first?.kind == .paragraph)
        #expect(tangled.warnings.map { "\($0.line):\($0.column): \($0.message)" } == ["2:1: this pipe table cannot be read exactly: Markdown of the paragraph above it runs into the table's lines; put a blank line before the table"])
        let lazy = parse("> | a |\n> | - |\n| b |\n")
        #expect(lazy.warnings.map(\.line) == [3])
        #expect(lazy.warnings.first?.message.hasPrefix("this table row has no '>'") == true)
    }

    @Test func aTableRightAboveARuleIsNotASetextHeading() {
        let ruled = parse("| a |\n| - |\n| b |\n---\n")
        #expect(ruled.blocks.map(written) == ["<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n", "<hr />\n"])
        #expect(ruled.blocks.map(\.line) == [1, 4])
        #expect(parse("| a |\n---\n").blocks.map(written) == ["<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"])
        #expect(parse("Title | x\n===\n").blocks.first?.kind == .heading(level: 1))
        let mixed = parse("Intro\n| a |\n| - |\n---\n")
        #expect(mixed.blocks.first?.kind == .heading(level: 2))
        #expect(mixed.warnings.map(\.line) == [2])
    }

    @Test func alertsAndTaskItemsHaveAccessibleMarkup() {
        let alert = parse("> [!warning]\n> Mind *this*.\n\n- > [!NOTE]\n  > nested\n")
        #expect(alert.blocks.first.map(written) == "<div class=\"markdown-alert markdown-alert-warning\" role=\"note\">\n<p class=\"markdown-alert-title\">Warning</p>\n<p>Mind <em>this</em>.</p>\n</div>\n")
        #expect(alert.blocks.first?.line == 1)
        // github.com reads alerts at the top level only.
        #expect(alert.blocks.last.map(written)?.contains("<blockquote>\n<p>[!NOTE]") == true)
        let tasks = parse("- [x] done\n- [ ]\n  empty\n- [y] not a task\n")
        #expect(tasks.blocks.first.map(written) == """
            <ul>
            <li><label class="task-list-item"><input type="checkbox" checked="" disabled="" /> done</label></li>
            <li><label class="task-list-item"><input type="checkbox" disabled="" />
            empty</label></li>
            <li>[y] not a task</li>
            </ul>

            """)
    }

    @Test func strikethroughAndAutolinksStayOutOfLinksAndCode() {
        let document = parse("[www.a.com](x.md) `~~c~~ www.c.com` ~~www.b.org~~\n")
        #expect(document.blocks.first.map(written) == "<p><a href=\"LINK0\">www.a.com</a> <code>~~c~~ www.c.com</code> <del><a href=\"http://www.b.org\">www.b.org</a></del></p>\n")
        #expect(document.externalLinks.map(\.destination) == ["http://www.b.org"])
        // cmark keeps no trace of an escape: a block with `\~` gets no strikethrough rather than a wrong one.
        #expect(parse("a \\~b~ c\n\n~d~\n").blocks.map(written) == ["<p>a ~b~ c</p>\n", "<p><del>d</del></p>\n"])
        #expect(parse("| a |\n| - |\n| \\~b~ | ~c~ |\n").blocks.first.map(written)?.contains("<td>~b~</td>") == true)
    }

    @Test func footnoteReferencesAreWarnedAtEachUseAndKeptAsText() {
        let document = parse("Text[^1] and [^n].\n\n[^1]: note\n")
        #expect(document.links.isEmpty)
        #expect(document.blocks.first.map(written) == "<p>Text[^1] and [^n].</p>\n")
        #expect(document.warnings.map { [$0.line, $0.column] } == [[1, 14], [1, 5]])
        #expect(document.warnings.allSatisfy { $0.message.hasSuffix("footnotes are not supported: the reference is shown as written; put the note in the text, or link to a section") })
    }

    @Test func rawHTMLThatSafeModeDropsIsWarnedButNotComments() {
        let document = parse("a <span>b</span>\n\n<div>\nx\n</div>\n\n<!-- c -->\n")
        #expect(document.warnings.map { [$0.line, $0.column] } == [[1, 3], [1, 10], [3, 1]])
        #expect(document.warnings.first?.message.contains("set 'unsafe: true' in site.yml") == true)
        var ids = HeadingIDGenerator()
        #expect(MarkdownParser(unsafe: true).parse("a <span>b</span>\n", ids: &ids).warnings.isEmpty)
    }

    @Test func commonMarkModeRendersCommonMarkAndWarnsAtGFMSyntax() {
        var ids = HeadingIDGenerator()
        let text = "| a |\n|---|\n\n- [ ] t\n\n~~s~~ and ~t~\n\n> [!TIP]\n> x\n"
        let document = MarkdownParser(gfm: false).parse(text, ids: &ids)
        #expect(document.blocks.map(written).joined() == MarkdownRenderer(gfm: false).html(text))
        #expect(document.blocks.first.map(written) == "<p>| a |\n|---|</p>\n")
        #expect(document.warnings.map { [$0.line, $0.column] } == [[1, 1], [8, 1], [4, 3], [6, 1]])
        #expect(document.warnings.allSatisfy { $0.message.hasSuffix("'markdown: commonmark' in site.yml turns GitHub-flavoured Markdown off; remove that line to read it") })
    }
}
