import Testing
@testable import Octavo

@Suite("Outline: splitting, numbering, paths, reading order")
struct OutlineTests {
    static let book = """
        ---
        title: Book
        split: [1, 2]
        ---

        Preface text.

        # I. First part

        Intro of part one.

        ## 1. Alpha

        Alpha text. More.

        ## 2. Beta

        Beta text.

        <!-- part-closing -->

        Closing of part one.

        # II. Second part

        ## 1. Gamma

        ### Detail

        Gamma text.

        """

    @Test func splitsOnePagePerPartAndItemInReadingOrder() throws {
        let site = try outline(["book.md": Self.book])
        #expect(site.pages.map(\.path) == [
            "index.html", "i/index.html", "i/1/index.html", "i/2/index.html", "ii/index.html", "ii/1/index.html",
        ])
        #expect(site.pages.map(\.numberPath) == [nil, "I", "I.1", "I.2", "II", "II.1"])
        #expect(site.pages.map(\.title) == ["Book", "First part", "Alpha", "Beta", "Second part", "Gamma"])
        #expect(site.pages[0].children == [1, 4])
        #expect(site.pages[1].children == [2, 3])
        #expect(site.pages[2].parent == 1)
    }

    @Test func closingTextBelongsToThePartNotTheLastItem() throws {
        let site = try outline(["book.md": Self.book])
        #expect(site.pages[1].blocks.map(\.text) == ["Intro of part one."])
        #expect(site.pages[1].closing.map(\.text) == ["Closing of part one."])
        #expect(site.pages[3].blocks.map(\.text) == ["Beta text."])
    }

    @Test func summaryIsTheFirstSentence() throws {
        let site = try outline(["book.md": Self.book])
        #expect(site.pages[2].summary == "Alpha text.")
    }

    /// A paragraph without a full stop gives its first 70 words and `…` (Hugo's summaryLength), not
    /// a description as long as the paragraph; a sentence of exactly 70 words is whole.
    @Test func aSummaryHoldsAtMostSeventyWords() throws {
        let words = (1...20_000).map { "word\($0)" }
        let long = try outline(["index.md": "# Home\n\n" + words.joined(separator: " ") + "\n"])
        #expect(long.pages[0].summary == words.prefix(70).joined(separator: " ") + " …")
        let seventy = try outline(["index.md": "# Home\n\n" + words.prefix(69).joined(separator: " ") + " end. Next one.\n"])
        #expect(seventy.pages[0].summary == words.prefix(69).joined(separator: " ") + " end.")
    }

    /// Summaries kept between outlines (`serve`) are those of the very same paragraph bytes.
    @Test func keptSummariesFollowTheParagraphsBytes() throws {
        func outlined(_ text: String, _ cache: SummaryCache) throws -> String {
            let source = try SourceFile(bytes: Array(text.utf8), path: "index.md", displayPath: "Content/index.md")
            var ids = HeadingIDGenerator()
            var outliner = Outliner()
            outliner.summaries = cache
            return try outliner.outline([Outliner.Input(source: source, markdown: MarkdownParser().parse(source.body, ids: &ids))], assets: []).pages[0].summary
        }
        let cache = SummaryCache()
        #expect(try outlined("# Home\n\nFirst sentence. Second.\n", cache) == "First sentence.")
        #expect(try outlined("# Home\n\nFirst sentence. Second.\n", cache) == "First sentence.")
        #expect(try outlined("# Home\n\nOther sentence. Second.\n", cache) == "Other sentence.")
        // The same words in the other Unicode form: Swift's == takes them as equal, the bytes differ.
        let composed = try outlined("# Home\n\nCaf\u{E9}. Second.\n", cache)
        let decomposed = try outlined("# Home\n\nCafe\u{301}. Second.\n", cache)
        #expect(Array(composed.utf8) == Array("Caf\u{E9}.".utf8))
        #expect(Array(decomposed.utf8) == Array("Cafe\u{301}.".utf8))
    }

    /// A page keeps its number in ``PageVersions`` only while its value has the same bytes.
    @Test func pageVersionsChangeWithAnyByteOfAPage() throws {
        let site = try outline(["index.md": Self.book])
        let record = PageVersions()
        let first = record.versions(of: site.pages)
        #expect(Set(first).count == site.pages.count)
        #expect(record.versions(of: site.pages) == first)
        var changed = site.pages
        changed[2].blocks[0].text += "e\u{301}"
        var composed = site.pages
        composed[2].blocks[0].text += "\u{E9}"
        let second = record.versions(of: changed)
        #expect(second[2] != first[2])
        #expect(second.enumerated().allSatisfy { $0.offset == 2 || $0.element == first[$0.offset] })
        // Equal to Swift's ==, other bytes: another number, never one given before.
        let third = record.versions(of: composed)
        #expect(third[2] != second[2] && third[2] != first[2])
        var moved = site.pages
        moved[3].parent = 0
        #expect(record.versions(of: moved)[3] != first[3])
        // A page that goes away and comes back gets a new number.
        #expect(record.versions(of: Array(site.pages.prefix(2))).count == 2)
        #expect(record.versions(of: site.pages)[2] != first[2])
    }

    @Test func subHeadingsStayOnTheirPageAndMapAnchors() throws {
        let site = try outline(["book.md": Self.book])
        let document = site.documents[0]
        #expect(document.anchorPages["detail"] == 5)
        #expect(document.anchorPages["ii-second-part"] == 4)
        #expect(document.numberPages["II.1"] == 5)
    }

    @Test func treeIsOrderedByWeightThenName() throws {
        let site = try outline([
            "index.md": "# Home\n",
            "b.md": "---\nweight: 1\n---\n# B\n",
            "a.md": "# A\n",
            "c.md": "# C\n",
            "guide/index.md": "---\nweight: 2\n---\n# Guide\n",
            "guide/z.md": "# Z\n",
            "guide/y.md": "# Y\n",
        ])
        #expect(site.pages.map(\.path) == [
            "index.html", "b/index.html", "guide/index.html", "guide/y/index.html", "guide/z/index.html",
            "a/index.html", "c/index.html",
        ])
        #expect(site.pages[0].title == "Home")
        #expect(site.pages[2].kind == .section)
    }

    @Test func folderWithoutIndexGetsAGeneratedSectionPage() throws {
        let site = try outline(["index.md": "# Home\n", "notes/one.md": "# One\n"])
        #expect(site.pages.map(\.path) == ["index.html", "notes/index.html", "notes/one/index.html"])
        #expect(site.pages[1].document == nil)
        #expect(site.pages[1].title == "Notes")
    }

    /// Without `weight`, pages follow their titles in natural order (`2` before `10`, letter case
    /// ignored), not their file names; folders by their page's title or readable name.
    @Test func pagesWithoutWeightAreInNaturalOrderOfTitles() throws {
        let site = try outline([
            "index.md": "# Home\n",
            "z-first.md": "# Alpha\n",
            "a.md": "# step 10\n",
            "b.md": "# Step 2\n",
            "c.md": "---\nweight: 1\n---\n# Zulu\n",
            "getting-started/x.md": "# X\n",
            "more_reading/_index.md": "+++\ntitle = \"Beta\"\n+++\nText.\n",
        ])
        #expect(site.pages.map(\.title) == ["Home", "Zulu", "Alpha", "Beta", "Getting started", "X", "Step 2", "step 10"])
        #expect(site.pages.map(\.path).contains("more_reading/index.html"))
        #expect(NaturalOrder.precedes("Chapter 9", "chapter 10") && !NaturalOrder.precedes("b", "A") && NaturalOrder.precedes("a02", "a2"))
    }

    /// A folder without a page of its own takes its generated page's title and its place from its
    /// `_section.yml`; the file is no asset, and beside a folder page it is unused and says so.
    @Test func sectionSettingsNameAndPlaceAGeneratedFolderPage() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\n[a](a.md) [g](getting-started/x.md) [r](reference/y.md)\n",
            "a.md": "# Alpha\n",
            "getting-started/x.md": "# X\n",
            "getting-started/_section.yml": "title: First steps\nweight: 1\n",
            "reference/index.md": "# Reference\n",
            "reference/y.md": "# Y\n",
            "reference/_section.yml": "title: Unused\n",
        ], under: "Content")
        let result = try Pipeline(options: options(in: folder)).render()
        #expect(result.site.pages.map(\.title) == ["Home", "First steps", "X", "Alpha", "Reference", "Y"])
        #expect(!result.files.contains { $0.path.hasSuffix("_section.yml") })
        #expect(result.diagnostics.map(\.description).contains(
            "Content/reference/_section.yml: warning: is not used: the folder has a page of its own, Content/reference/index.md; give it title and weight in that page's front matter"))
    }

    /// A mistyped key of `_section.yml` is refused at its line with the key meant.
    @Test func sectionSettingsRefuseUnknownKeys() throws {
        let error = #expect(throws: BuildError.self) {
            try SectionSettings(yaml: "title: A\ntitel: B\nweight: x\n", file: "Content/g/_section.yml")
        }
        #expect(error?.diagnostics.map(\.description) == [
            "Content/g/_section.yml:2: error: unknown key 'titel': did you mean 'title'?",
            "Content/g/_section.yml:3: error: 'weight' must be a whole number",
        ])
    }

    /// `_index.md` (Hugo, Zola) is its folder's page; an index without a heading or title takes the
    /// folder's name made readable.
    @Test func underscoreIndexIsTheFoldersPageAndNamesFallBackToTheFolder() throws {
        let site = try outline([
            "index.md": "# Home\n\n[a](guide/_index.md) [b](guide/index.html) [c](guide/) [d](api-reference/index.html)\n",
            "guide/_index.md": "Text without a heading.\n",
            "guide/page.md": "# Page\n\n[up](../guide/index.html) [home](../index.html)\n",
            "api-reference/README.md": "No heading either.\n",
        ])
        #expect(site.pages.map(\.path) == ["index.html", "api-reference/index.html", "guide/index.html", "guide/page/index.html"])
        #expect(site.pages.map(\.title) == ["Home", "Api reference", "Guide", "Page"])
        let resolution = LinkResolver().resolve(site)
        #expect(resolution.diagnostics == [])
        let targets = resolution.targets.flatMap { $0 }.map { target -> String in
            guard case .page(let page, _) = target else { return "\(target)" }
            return site.pages[page].path
        }
        #expect(targets == ["guide/index.html", "guide/index.html", "guide/index.html", "api-reference/index.html", "guide/index.html", "index.html"])
    }

    /// mdBook expands its includes in code blocks too, where a book includes its examples: there
    /// they are warnings as well, unless escaped with `\` (mdBook's way to show one as written).
    @Test func mdBookIncludesInCodeAreWarnings() throws {
        let site = try outline(["index.md": "# Home\n\n```rust\n{{#rustdoc_include ../examples/x.rs}}\n```\n\n```\n\\{{#include shown.rs}}\n```\n\n`{{ page.title }}`\n"])
        #expect(site.diagnostics.map(\.description) == [
            "Content/index.md:4:1: warning: '{{#rustdoc_include ../examples/x.rs}}' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead",
        ])
    }

    /// Other generators' template tags in the text are warnings at their place in the source (the
    /// line and column of the tag, not of its block); in code they are what the page shows on purpose.
    @Test func otherGeneratorsTagsAreWarnings() throws {
        let site = try outline(["index.md": "# Home\n\n{{ youtube(id=\"x\") }}\n\nText `{{ page.title }}` and `{% raw %}`.\n\n"
                                    + "- {{< figure src=\"a.png\" >}}\n\n```\n{% for p in pages %}\n```\n\n{% if x %}\n\n{{#include ../code/main.rs:2}}\n\n"
                                    + "A paragraph\nwhose second line has {%- include x -%} in it.\n"])
        #expect(site.diagnostics.map(\.description) == [
            "Content/index.md:3:1: warning: '{{ youtube(id=\"x\") }}' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead",
            "Content/index.md:7:3: warning: '{{< figure src=\"a.png\" >}}' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead",
            "Content/index.md:13:1: warning: '{% if x %}' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead",
            "Content/index.md:15:1: warning: '{{#include ../code/main.rs:2}}' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead",
            "Content/index.md:18:23: warning: '{%- include x -%}' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead",
        ])
    }

    /// A tag's place is found within its block only, past a copy in a code span; a tag written with
    /// an entity, or over two lines, is warned at its block; one after a backslash (mdBook's way
    /// to show an include as written) is not warned at all. An mdBook include counts in a code span
    /// (mdBook expands it there); one without an argument is no tag (mdBook leaves it as written).
    @Test func templateTagsAreFoundWhereTheyAreWritten() throws {
        let site = try outline(["index.md": "# Home\n\nAn entity tag {{&lt; x &gt;}} here.\n\n```\n{{< x >}}\n```\n\n"
                                    + "Code first `{{< y >}}` then real {{< y >}}.\n\n{{< figure src=\"a.png\"\n    title=\"multi\" >}}\n\nA \\{{#include x.rs}} B\n\n"
                                    + "Some text `{{#include x.md}}` here.\n\nmdBook leaves {{ #playground }} without an argument as written.\n"])
        #expect(site.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message.split(separator: "' is another").first ?? "")" } == [
            "3:1 '{{< x >}}", "9:34 '{{< y >}}", "11:1 '{{< figure src=\"a.png\" title=\"multi\" >}}", "16:12 '{{#include x.md}}",
        ])
    }

    /// mdBook's `SUMMARY.md` sets the reading order and the tree (nesting by indentation, prefix
    /// chapters at the top level, drafts skipped); files it does not list come after.
    @Test func summaryGivesTheReadingOrderAndTree() throws {
        let summary = SummaryEntry.entries(of: parse("""
            # Summary

            [Introduction](README.md)

            # User guide

            - [Install](guide/install.md)
                - [From source](guide/source.md)
            - [Draft]()
            - [Reference](reference/README.md)
              - [Config](reference/config.md) and [not this](guide/install.md)

            ---

            [Contributors](misc/contributors.md)

            """))
        #expect(summary.map { $0.part ?? $0.path } == ["README.md", "User guide", "guide/install.md", "guide/source.md", "reference/README.md", "reference/config.md", "misc/contributors.md"])
        let files = ["README.md": "# Intro\n", "guide/install.md": "# Install\n", "guide/source.md": "# From source\n",
                     "reference/README.md": "# Reference\n", "reference/config.md": "# Config\n", "misc/contributors.md": "# Contributors\n",
                     "guide/unlisted.md": "# Unlisted\n"]
        let inputs = try files.sorted { $0.key < $1.key }.map { path, text in
            let source = try SourceFile(bytes: Array(text.utf8), path: path, displayPath: "Content/" + path)
            return Outliner.Input(source: source, markdown: parse(source.body))
        }
        let site = try Outliner().outline(inputs, assets: [], summary: summary)
        // The part is a generated page its list items go below; the suffix chapter after `---`
        // (outside the list) is at the top.
        #expect(site.pages.map(\.path) == ["index.html", "user-guide/index.html", "guide/install/index.html", "guide/source/index.html", "reference/index.html",
                                           "reference/config/index.html", "misc/contributors/index.html", "guide/index.html", "guide/unlisted/index.html"])
        #expect(site.pages.map { $0.parent ?? -1 } == [-1, 0, 1, 2, 1, 4, 0, 0, 7])
        #expect(site.pages[1].title == "User guide" && site.pages[1].kind == .section)
    }

    /// A part takes the top-level folder of its name when no page is there (the folder's files
    /// are all listed: `guide/` above `guide/a/`), and gets a number when one is (a top-level
    /// page, the folder's own, or the page made for a folder of files the list leaves out); a
    /// prefix chapter (outside the list) has no list items below it.
    @Test func summaryPartsTakeAFreePathAndPrefixChaptersStayAlone() throws {
        let summary = SummaryEntry.entries(of: parse("# Summary\n\n[Foreword](foreword.md)\n\n- [Start](start.md)\n\n# Guide\n\n- [A](guide/a.md)\n\n# Start\n\n- [B](b.md)\n"))
        func outline(_ files: [String: String]) throws -> Site {
            let inputs = try files.sorted { $0.key < $1.key }.map { path, text in
                let source = try SourceFile(bytes: Array(text.utf8), path: path, displayPath: "Content/" + path)
                return Outliner.Input(source: source, markdown: parse(source.body))
            }
            return try Outliner().outline(inputs, assets: [], summary: summary)
        }
        let files = ["foreword.md": "# Foreword\n", "start.md": "# Start\n", "guide/a.md": "# A\n", "b.md": "# B\n"]
        let site = try outline(files)
        #expect(site.pages.map(\.path) == ["index.html", "foreword/index.html", "start/index.html", "guide/index.html", "guide/a/index.html",
                                           "start-2/index.html", "b/index.html"])
        #expect(site.pages.map { $0.parent ?? -1 } == [-1, 0, 0, 0, 3, 0, 5])
        var unlisted = files
        unlisted["guide/c.md"] = "# C\n"
        #expect(try outline(unlisted).pages.map(\.path).contains("guide-2/index.html"))
    }

    /// `index.md` in any letter case is its folder's page; without one, `README.md` (any case) is,
    /// as on GitHub and in mdBook; and links to either, or to the folder, lead there.
    @Test func indexInAnyLetterCaseOrReadmeIsTheFoldersPage() throws {
        let site = try outline([
            "Index.md": "# Home\n\n[r](sub/README.md) [f](sub/) [i](sub/index.md) [o](other/readme.md) [O](other) [x](other/INDEX.md#other-page)\n",
            "sub/README.md": "# Sub readme\n\n[up](../index.md) [a](a.md)\n",
            "sub/a.md": "# A\n",
            "other/INDEX.md": "# Other page\n",
            "other/readme.md": "# Other readme\n",
            "third/Readme.md": "# Third\n",
        ])
        #expect(site.pages.map(\.path) == ["index.html", "other/index.html", "other/readme/index.html", "sub/index.html", "sub/a/index.html", "third/index.html"])
        #expect(site.pages.map(\.title) == ["Home", "Other page", "Other readme", "Sub readme", "A", "Third"])
        #expect(site.pages.allSatisfy { $0.document != nil })
        let resolution = LinkResolver().resolve(site)
        #expect(resolution.diagnostics == [])
        let home = try #require(site.documents.firstIndex { $0.path == "Index.md" })
        let targets = resolution.targets[home].map { target -> String in
            guard case .page(let page, let fragment) = target else { return "\(target)" }
            return site.pages[page].path + (fragment.map { "#" + $0 } ?? "")
        }
        #expect(targets == ["sub/index.html", "sub/index.html", "sub/index.html", "other/readme/index.html", "other/index.html", "other/index.html#other-page"])
    }

    @Test func singleFileIsTheHomePage() throws {
        let site = try outline(["only.md": "---\ntitle: Only\n---\nText\n"])
        #expect(site.pages.map(\.path) == ["index.html"])
        #expect(site.title == "Only")
    }

    @Test func slugReplacesTheFileName() throws {
        let site = try outline(["index.md": "# H\n", "long-name.md": "---\nslug: short\n---\n# L\n"])
        #expect(site.pages.map(\.path) == ["index.html", "short/index.html"])
    }

    @Test(arguments: ["../up", "/abs", "a/b", "back\\slash", "bell\u{7}", ".."])
    func unsafeSlugIsRefused(slug: String) throws {
        let yaml = "---\nslug: \"\(slug.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\u{7}", with: "\\a"))\"\n---\n"
        let error = #expect(throws: BuildError.self) {
            try outline(["index.md": "# H\n", "page.md": yaml])
        }
        #expect(error?.diagnostics.first?.file == "Content/page.md")
    }

    @Test func twoPagesWithOneOutputPathAreAnError() {
        let error = #expect(throws: BuildError.self) {
            try outline(["index.md": "# H\n", "a.md": "---\nslug: same\n---\n", "b.md": "---\nslug: same\n---\n"])
        }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.message.contains("same/index.html") == true)
        #expect(error?.diagnostics.first?.file == "Content/b.md")
    }

    @Test func unreadFrontMatterKeysAreWarnings() throws {
        let site = try outline(["index.md": "---\ntitel: Typo\n---\n"])
        #expect(site.diagnostics.map(\.severity) == [.warning])
        #expect(site.diagnostics.first?.line == 2)
    }

    /// A misspelt or miscapitalised key names the key meant; one like no known key lists them all.
    @Test func unreadFrontMatterKeySuggestsTheKeyMeant() throws {
        let site = try outline(["index.md": "---\nwieght: 2\nTitle: T\ncolour: red\n---\n"])
        #expect(site.diagnostics.map(\.description) == [
            "Content/index.md:2:1: warning: front matter key 'wieght' is not used by Octavo: did you mean 'weight'?",
            "Content/index.md:3:1: warning: front matter key 'Title' is not used by Octavo: did you mean 'title'?",
            "Content/index.md:4:1: warning: front matter key 'colour' is not used by Octavo (known keys: \(FrontMatter.knownKeys.sorted().joined(separator: ", "))); if another tool reads it, list it in site.yml's ignore_front_matter",
        ])
    }

    @Test(arguments: [
        ("Dr. Smith wrote it. Then more.", "Dr. Smith wrote it."),
        ("Version 1.2 of the tool, e.g. this one. Next.", "Version 1.2 of the tool, e.g. this one."),
        ("The U.S. and China agree. More.", "The U.S. and China agree."),
        ("One sentence only", "One sentence only"),
        ("Ends with a question? Yes.", "Ends with a question?"),
        ("Humanity is an indivisible security community. Only when…", "Humanity is an indivisible security community."),
        ("Two  spaces. Then. More", "Two  spaces."),
        ("A stop.  Two spaces after it. Then", "A stop.  Two spaces after it."),
        ("Last word ends it.", "Last word ends it."),
        ("全球安全倡议。这是第二句。", "全球安全倡议。"),
        ("他说：「安全不可分割。」然后呢？", "他说：「安全不可分割。」"),
        ("The Global Security Initiative 全球安全倡议！Next sentence.", "The Global Security Initiative 全球安全倡议！"),
        ("安全是发展的前提", "安全是发展的前提"),
        ("Café owners agree. More.", "Café owners agree."),
    ])
    func summaryEndsAtTheFirstSentenceEndNotAtAnAbbreviation(text: String, expected: String) throws {
        let site = try outline(["index.md": text + "\n"])
        #expect(site.pages[0].summary == expected)
    }

    /// A summary within a text's opening run of ASCII is made by bytes: the same summary as by
    /// characters, over every text of four pieces that start, end or fake a sentence
    /// (abbreviations, digits, quotes, double spaces) or follow the run (a combining mark that
    /// joins the last ASCII letter or a space, a prepended mark, CR LF, letters beyond ASCII), and
    /// long ones past the word limit. A summary that needs what follows the run is not made by bytes.
    @Test func summariesByBytesAgreeWithSummariesByCharacters() {
        let pieces = ["Word", "word", ".", "?", "!", " ", "  ", "e.g.", "Dr.", "US.", "A.", "3", "\"", "(", "No.",
                      "\u{301}", "\u{600}", "\r\n", "\u{C9}t\u{E9}", "\u{201C}"]
        var texts = ["", " ", "One. Two", String(repeating: "w ", count: 80), String(repeating: "w ", count: 69) + "end. Next",
                     String(repeating: "w ", count: 75) + "\u{E9}"]
        for a in pieces { for b in pieces { for c in pieces { for d in [" ", ". ", "Next", "."] { texts.append(a + b + c + d) } } } }
        var byBytes = 0
        for text in texts {
            let summary = SummaryText.asciiSummary(of: text)
            if summary != nil { byBytes += 1 }
            #expect(summary ?? SummaryText.characterSummary(of: text) == SummaryText.characterSummary(of: text), "\(Array(text.unicodeScalars))")
        }
        #expect(byBytes > texts.count / 3)  // the byte path is taken, not only the fallback
        #expect(SummaryText.asciiSummary(of: "A stop. Caf\u{E9} later.") == "A stop.")
        #expect(SummaryText.asciiSummary(of: "A stop. E\u{301}clair") == nil)
        #expect(SummaryText.asciiSummary(of: "A stop.\r\nNext") == nil)
    }

    @Test func aPageStartingWithCodeHasNoSummary() throws {
        let site = try outline(["index.md": "# T\n\n    code first\n"])
        #expect(site.pages[0].summary == "")
    }

    /// The summary is the sentence the page opens with, or none: not the first sentence of its
    /// first `##` section, nor a line after a list (a reference's first command, a "Back to" line).
    @Test func theSummaryIsTheOpeningSentenceOnly() throws {
        let cases = [
            ("# CLI\n\n## init\n\nCreates acme.toml.\n", ""),
            ("# Keys\n\n- `a`: one\n- `b`: two\n\nBack to Configuration.\n", ""),
            ("# Keys\n\n<!-- generated -->\n\n---\n\nOpens here. Then more.\n\n## Next\n", "Opens here."),
        ]
        for (text, expected) in cases {
            let site = try outline(["index.md": text])
            #expect(site.pages[0].summary == expected, "\(text)")
        }
    }
}
