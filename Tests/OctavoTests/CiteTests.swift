import Foundation
import Testing
@testable import Octavo

@Suite("Cite: citation line, BibTeX, RIS, Highwire tags and JSON-LD")
struct CiteTests {
    static let book = "---\ntitle: The Paper\nsplit: [1]\nauthor: Ministry of Examples\npublisher: Example Press\ndate: 2023-02-21\nidentifier: EX-2023-1\n---\n# I. Background & aims\n\nText.\n\n# II. Second\n\nMore.\n"

    func build(baseURL: String?) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[The paper](paper.md)\n", "paper.md": Self.book], under: "Content")
        var options = options(in: folder)
        options.baseURL = baseURL
        let report = try Pipeline(options: options).build()
        #expect(report.diagnostics == [])
        return folder
    }

    /// The `content` of each `<meta name="citation_…">`, as Zotero's Embedded Metadata translator reads them.
    static func citationTags(in html: String) -> [String: String] {
        var tags: [String: String] = [:]
        for line in html.split(separator: "\n") where line.hasPrefix("<meta name=\"citation_") {
            let parts = line.components(separatedBy: "\"")
            guard parts.count >= 4 else { continue }
            tags[parts[1]] = parts[3].replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
        }
        return tags
    }

    /// The JSON-LD object of a page, parsed.
    static func jsonLD(in html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require(json as? [String: Any])
    }

    /// `html.citationMeta` writes what the built-in theme's loop over `citation.meta` wrote, with
    /// the same escaping (an author with `&`, `"`, `'` and `<`).
    @Test func citationMetaIsTheLoopOverTheMetaTags() throws {
        let folder = try TemporaryFolder()
        let book = Self.book.replacingOccurrences(of: "author: Ministry of Examples", with: "author: \"Tom & Jerry's <\\\"Works\\\">\"")
        try folder.write(["index.md": "# Home\n\n[The paper](paper.md)\n", "paper.md": book], under: "Content")
        var pages: [String] = []
        for layout in ["{{#citation}}{{#meta}}<meta name=\"{{name}}\" content=\"{{content}}\">\n{{/meta}}{{/citation}}",
                       "{{#citation}}{{{html.citationMeta}}}{{/citation}}"] {
            let templates = try folder.write(["layout.mustache": layout], under: "T\(pages.count)")
            let result = try Pipeline(options: options(in: folder, templates: templates)).render()
            let file = try #require(result.files.first { $0.path == "paper/i/index.html" })
            pages.append(file.text)
        }
        #expect(pages[0].contains("content=\"Tom &amp; Jerry&#39;s &lt;&quot;Works&quot;&gt;\""))
        #expect(pages[1] == pages[0])
    }

    @Test func everyPageOfTheDocumentHasHighwireTagsAndJSONLD() throws {
        let folder = try build(baseURL: "https://example.org/docs/")
        let part = try folder.read("Output/paper/i/index.html")
        #expect(Self.citationTags(in: part) == [
            "citation_title": "I Background & aims", "citation_inbook_title": "The Paper", "citation_author": "Ministry of Examples",
            "citation_publisher": "Example Press", "citation_publication_date": "2023/02/21", "citation_technical_report_number": "EX-2023-1",
            "citation_public_url": "https://example.org/docs/paper/i/", "citation_language": "en",
        ])
        let json = try Self.jsonLD(in: part)
        #expect(json["@type"] as? String == "Article")
        #expect(json["headline"] as? String == "I Background & aims")
        #expect(json["url"] as? String == "https://example.org/docs/paper/i/")
        #expect(json["datePublished"] as? String == "2023-02-21")
        #expect((json["publisher"] as? [String: Any])?["name"] as? String == "Example Press")
        let document = try #require(json["isPartOf"] as? [String: Any])
        #expect(document["name"] as? String == "The Paper" && document["url"] as? String == "https://example.org/docs/paper/")
        #expect(document["identifier"] as? String == "EX-2023-1")
        // The document's first page has them too, as the document itself; it has no citation line.
        let first = try folder.read("Output/paper/index.html")
        #expect(Self.citationTags(in: first)["citation_title"] == "The Paper")
        #expect(try Self.jsonLD(in: first)["@type"] as? String == "Article")
        #expect(!first.contains("class=\"cite\""))
    }

    @Test func partPagesShowACitationLineWithDownloads() throws {
        let folder = try build(baseURL: "https://example.org/docs/")
        let part = try folder.read("Output/paper/ii/index.html")
        #expect(part.contains("<p id=\"octavo.cite-text\" class=\"cite-text\">Ministry of Examples. The Paper, II “Second”. Example Press, 2023-02-21. EX-2023-1. https://example.org/docs/paper/ii/</p>"))
        #expect(part.contains("<a href=\"cite.bib\" download>BibTeX</a> · <a href=\"cite.ris\" download>RIS</a>"))
        #expect(part.contains("<button type=\"button\" class=\"cite-copy\" data-copy=\"octavo.cite-text\" hidden>"))
        #expect(try folder.read("Output/paper/i/cite.bib") == """
            @misc{paper-i,
              title = {{I Background \\& aims}},
              booktitle = {{The Paper}},
              author = {{Ministry of Examples}},
              publisher = {Example Press},
              year = {2023},
              date = {2023-02-21},
              note = {EX-2023-1},
              url = {https://example.org/docs/paper/i/},
              language = {en}
            }

            """)
        #expect(try folder.read("Output/paper/i/cite.ris") == [
            "TY  - CHAP", "TI  - I Background & aims", "T2  - The Paper", "AU  - Ministry of Examples", "PB  - Example Press",
            "PY  - 2023", "DA  - 2023/02/21", "M1  - EX-2023-1", "UR  - https://example.org/docs/paper/i/", "LA  - en", "ER  - ",
        ].joined(separator: "\r\n") + "\r\n")
        #expect(brokenLinks(in: folder.snapshot("Output")) == [])
    }

    /// BibTeX: braces and backslashes are dropped, LaTeX's `& % # _ $` escaped, and every other
    /// character kept as it is, non-ASCII too (escaped byte by byte, which only ASCII may match).
    @Test func bibTeXDropsBracesAndEscapesLaTeXSpecialsAndKeepsTheRest() throws {
        let folder = try TemporaryFolder()
        let book = "---\ntitle: \"Évian {土壤} \\\\ 50% #1 a_b $5 👍🏽\"\nsplit: [1]\n---\n# I. Straße\n\nText.\n"
        try folder.write(["index.md": "# Home\n\n[The paper](paper.md)\n", "paper.md": book], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        let bib = try folder.read("Output/paper/i/cite.bib")
        #expect(bib.contains("  booktitle = {{Évian 土壤  50\\% \\#1 a\\_b \\$5 👍🏽}},\n"))
        #expect(bib.contains("  title = {{I Straße}},\n"))
    }

    /// A citation key keeps the ASCII letters, digits and hyphens that are characters of their
    /// own, whether the text is ASCII (filtered by bytes) or not (by characters).
    @Test func citationKeysKeepASCIILettersDigitsAndHyphens() {
        #expect(Citation.keyCharacters("paper-iii-3_a.b c") == "paper-iii-3abc")
        #expect(Citation.keyCharacters("r\u{e9}sum\u{e9}-e\u{301}t\u{e9}-2") == "rsum-t-2")
        #expect(Citation.keyCharacters("a\r\nb") == "ab")
        for text in ["", "A-z_09", "caf\u{e9}-1", "x\u{301}y", "\u{600}a-b"] {
            #expect(Citation.keyCharacters(text) == text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        }
    }

    @Test func withoutABaseURLTheURLIsThePagesPathAndThereIsNoPublicURL() throws {
        let folder = try build(baseURL: nil)
        let part = try folder.read("Output/paper/ii/index.html")
        #expect(Self.citationTags(in: part)["citation_public_url"] == nil)
        #expect(part.contains("EX-2023-1. paper/ii/index.html</p>"))
        #expect(folder.snapshot("Output")["index/cite.bib"] == nil && folder.snapshot("Output")["cite.bib"] == nil)
        // JSON-LD has no relative url, which a reader would resolve against the page (paper/ii/paper/ii/).
        let json = try Self.jsonLD(in: part)
        #expect(json["url"] == nil && (json["isPartOf"] as? [String: Any])?["url"] == nil)
        #expect((json["isPartOf"] as? [String: Any])?["name"] as? String == "The Paper" && json["name"] as? String == "II Second")
    }

    @Test func aDateThatIsNotISOIsRefusedWithItsLine() throws {
        let error = #expect(throws: BuildError.self) { try FrontMatter(yaml: "title: T\ndate: 21 February\n", file: "Content/a.md", firstLine: 2) }
        #expect(error?.diagnostics.first?.line == 3)
        #expect(error?.diagnostics.first?.message.contains("like 2023-02-21") == true)
        let front = try FrontMatter(yaml: "author: A\npublisher: P\ndate: 2023-02\nidentifier: X\n", file: "Content/a.md", firstLine: 2)
        #expect(front.author == "A" && front.publisher == "P" && front.date == "2023-02" && front.identifier == "X" && front.unreadKeys.isEmpty)
    }

    /// JSON-LD strings are written by hand; they must be the bytes JSONSerialization wrote (with
    /// `<`, `>`, `&` then replaced), for every control character, quote, slash and non-ASCII text.
    @Test func jsonLDStringsAreWrittenAsJSONSerializationWroteThem() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        for text in [controls, "a\"b\\c/d<e>f&g", "Évian «ß» 土壤 \u{2028}\u{2029} 👍🏽", "", "plain"] {
            let data = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            let expected = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
                .replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
            var written = ""
            Citation.appendJSONString(text, to: &written)
            #expect("[" + written + "]" == expected)
        }
    }
}
