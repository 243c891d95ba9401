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
        #expect(document.blocks.first?.html == "A <em>b</em> <code>c</code>")
        #expect(document.blocks.first?.text == "A b c")
    }

    @Test func nestedHeadingsGetIdsAndPermalinks() {
        let document = parse("> # Quoted\n\n# Quoted\n")
        #expect(document.blocks[0].nestedIDs == ["quoted"])
        #expect(document.blocks[0].html.contains("<h1 id=\"quoted\">Quoted<a class=\"permalink\" href=\"#quoted\""))
        #expect(document.blocks[1].id == "quoted-1")
    }

    @Test func internalLinksBecomePlaceholdersWithPositions() {
        let document = parse("Intro\n\nSee [a](other.md#x), [b](https://example.org) and ![i](img.png).\n")
        #expect(document.links.map(\.destination) == ["other.md#x", "img.png"])
        #expect(document.links.map(\.isImage) == [false, true])
        #expect(document.links.first?.line == 3)
        #expect(document.links.first?.column == 5)
        #expect(document.blocks[1].html.contains("href=\"octavo-link:0\""))
        #expect(document.blocks[1].html.contains("src=\"octavo-link:1\""))
        #expect(document.blocks[1].html.contains("href=\"https://example.org\""))
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
        let html = document.blocks[0].html
        #expect(html.contains("<li>\n<h2 id=\"h2999\">h2999<a class=\"permalink\" href=\"#h2999\" aria-label=\"Permalink\">#</a></h2>\n</li>"))
        #expect(!html.unicodeScalars.contains { (0xE000...0xE003).contains($0.value) })
        #expect(document.blocks[0].nestedIDOffsets.count == 2 * count)
    }

    @Test func textThatImitatesASentinelStaysText() {
        let document = parse("> ## a \u{E002}0\u{E003} b\n>\n> ## \u{E000}1\u{E001}c\n")
        #expect(document.blocks[0].nestedIDs == ["a-0-b", "1c"])
        #expect(document.blocks[0].html.contains("<h2 id=\"a-0-b\">a \u{E002}0\u{E003} b<a class=\"permalink\" href=\"#a-0-b\""))
        #expect(document.blocks[0].html.contains("<h2 id=\"1c\">\u{E000}1\u{E001}c<a"))
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
        #expect(ParagraphMarkup.html(id: "p1", rendered: "<p>\u{301}x</p>\n")
                == "<p id=\"p1\">\u{301}x<a class=\"permalink\" href=\"#p1\" aria-label=\"Permalink to this paragraph\">¶</a></p>\n")
    }
}
