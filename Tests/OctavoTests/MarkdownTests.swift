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
}
