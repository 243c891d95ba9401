import Foundation
import Testing
@testable import Octavo

@Suite("Terms: the index of terms")
struct TermsTests {
    static let list = TermList(terms: [
        Term(name: "African Union", aliases: ["AU"], note: "Union.", line: 1),
        Term(name: "artificial intelligence", aliases: ["AI"], note: "Machines.", line: 4),
        Term(name: "United Nations", aliases: ["UN"], note: "The UN.", line: 7),
        Term(name: "UN Charter", note: "Its charter.", line: 10),
        Term(name: "terrorism", note: "Violence.", line: 13),
    ])

    @Test func wordsMatchWholeAndByTheirCaseRule() {
        let matcher = TermMatcher(Self.list.terms)
        let names = { (text: String) in matcher.terms(in: text).map { Self.list.terms[$0].name } }
        #expect(names("In August, unilateral moves and AIs were Terrorism-free.") == ["terrorism"])
        #expect(names("The AU, the UN’s role and AI.") == ["African Union", "United Nations", "artificial intelligence"])
        #expect(names("the un and ai and au") == [])
        // The longest form that starts first wins: the UN Charter is not also a mention of the UN.
        #expect(names("the UN\nCharter") == ["UN Charter"])
    }

    @Test func paragraphsAcrossLineBreaksCountButNotHeadingsCodeOrLinks() throws {
        let site = try outline(["index.md": "# The UN and the AU\n\nThe United\nNations met.\n\n`AU` and [the AU](x.md) and ![AU](a.png).\n\n- the AU in a list\n\nTerrorism.\n"])
        let index = TermIndex(list: Self.list, site: site)
        let mentioned = index.terms.indices.filter { !index.mentions[$0].isEmpty }.map { index.terms[$0].name }
        #expect(mentioned == ["terrorism", "United Nations"])
        #expect(index.mentions[index.terms.firstIndex { $0.name == "United Nations" }!] == [TermIndex.Mention(page: 0, paragraph: "p1", number: 1)])
        #expect(index.mentions[index.terms.firstIndex { $0.name == "terrorism" }!].map(\.paragraph) == ["p3"])
        // Terms never mentioned are warnings at their line, in the file's order.
        #expect(index.diagnostics.map(\.description) == [
            "Content/terms.yml:1: warning: the term 'African Union' is never mentioned in a paragraph: correct its name or aliases, or remove it",
            "Content/terms.yml:4: warning: the term 'artificial intelligence' is never mentioned in a paragraph: correct its name or aliases, or remove it",
            "Content/terms.yml:10: warning: the term 'UN Charter' is never mentioned in a paragraph: correct its name or aliases, or remove it",
        ])
    }

    @Test func theFileIsReadWithAliasesNotesAndCaseAndUnknownKeysAreWarnings() throws {
        let list = try TermList(yaml: "- term: NPT treaty\n  aliases: [NPT]\n  case: any\n  note: A treaty.\n- term: BRICS\n  colour: red\n", file: "Content/terms.yml")
        #expect(list.terms == [Term(name: "NPT treaty", aliases: ["NPT"], note: "A treaty.", caseRule: .any, line: 1), Term(name: "BRICS", line: 5)])
        #expect(list.diagnostics.map(\.description) == [
            "Content/terms.yml:6:3: warning: unknown key 'colour' in the index of terms (known keys: term, aliases, note, case)",
        ])
        #expect(throws: BuildError.self) { try TermList(yaml: "term: UN\n", file: "Content/terms.yml") }
        #expect(throws: BuildError.self) { try TermList(yaml: "- aliases: [UN]\n", file: "Content/terms.yml") }
    }

    @Test func relatedPagesShareTheMostTermsTiesInReadingOrder() throws {
        let site = try outline(["book.md": "---\nsplit: [1]\n---\n# A\n\nUN, AU and AI.\n\n# B\n\nAI.\n\n# C\n\nUN and AU.\n\n# D\n\nAU.\n\n# E\n\nNothing.\n"])
        let index = TermIndex(list: Self.list, site: site)
        let page = { (title: String) in site.pages.firstIndex { $0.title == title }! }
        #expect(index.related(to: page("A")).map { site.pages[$0].title } == ["C", "B", "D"])
        #expect(index.related(to: page("E")) == [])
    }

    @Test func theBuildWritesTheIndexTopicsRelatedSearchAndPrint() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nThe UN and the AU.\n\nThe AU again.\n", "other.md": "# Other\n\nThe AU.\n",
                          "terms.yml": "- term: African Union\n  aliases: [AU]\n  note: Union.\n- term: United Nations\n  aliases: [UN]\n  note: The UN.\n"],
                         under: "Content")
        let report = try Pipeline(options: options(in: folder)).build()
        #expect(report.diagnostics == [])
        let terms = try folder.read("Output/terms.html")
        #expect(terms.contains("<dt id=\"african-union\">African Union</dt>"))
        #expect(terms.contains("<a href=\"index.html#p1\">Home ¶1</a>, <a href=\"index.html#p2\">Home ¶2</a>, <a href=\"other/index.html#p1\">Other ¶1</a>"))
        let other = try folder.read("Output/other/index.html")
        #expect(other.contains("<a href=\"../terms.html#african-union\" title=\"Union.\">African Union</a>"))
        #expect(other.contains("Related") && other.contains("<li><a href=\"../index.html\">Home</a></li>"))
        #expect(try folder.read("Output/search-index.js").contains("terms.html"))
        let print = try folder.read("Output/print.html")
        #expect(print.contains("<a href=\"terms.html\">Index of terms</a>"))
        #expect(folder.snapshot("Output")["terms.yml"] == nil)
        #expect(brokenLinks(in: folder.snapshot("Output")) == [])
    }

    @Test func withoutTermsYmlThereIsNoIndexAndNoTopics() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nThe UN.\n"], under: "Content")
        _ = try Pipeline(options: options(in: folder)).build()
        #expect(folder.snapshot("Output")["terms.html"] == nil)
        #expect(!(try folder.read("Output/index.html")).contains("topics-title"))
    }

    @Test func theRealDocumentsIndexHasThirtyTermsAndSixtyLinksIntoPages() throws {
        let result = try RealSite.render()
        #expect(result.diagnostics.filter { $0.severity != .note } == [])
        let file = try #require(result.files.first { $0.path == TermIndex.path })
        guard case .bytes(let bytes) = file.contents else { Issue.record("terms.html is not bytes"); return }
        let html = String(decoding: bytes, as: UTF8.self)
        let links = PageLinks(html)
        #expect(links.ids.filter { !$0.hasPrefix("letter-") }.count >= 30 + 5)  // terms, and the layout's own ids
        #expect(html.components(separatedBy: "<dt id=").count - 1 >= 30)
        let mentions = html.components(separatedBy: "<p class=\"term-mentions\">").dropFirst().flatMap { $0.components(separatedBy: "</p>")[0].components(separatedBy: "<a href=").dropFirst() }
        #expect(mentions.count >= 60)
    }
}
