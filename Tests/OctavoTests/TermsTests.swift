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

    @Test func matchesNeedWordBoundariesTheCaseRuleAndTheLongestFormFirst() {
        let matcher = TermMatcher(Self.list.terms + [Term(name: "U.N.", note: ""), Term(name: "Secretary-General", note: "")])
        let names = { (text: String) -> [String] in
            #expect(TermMatcher.scannable(text) != nil, "takes the byte scan: \(text)")
            #expect(matcher.terms(in: text) == matcher.unicodeTerms(in: text))
            return matcher.terms(in: text).map { (Self.list.terms + [Term(name: "U.N."), Term(name: "Secretary-General")])[$0].name }
        }
        // A letter or digit on either side is no boundary; punctuation, curly quotes and dashes are.
        #expect(names("AUx xAU AU2 2AU") == [])
        #expect(names("(AU) “AI”—UN’s") == ["African Union", "artificial intelligence", "United Nations"])
        #expect(names("_AI_") == ["artificial intelligence"])
        // Exact case for a form with a capital, any case for one in lower case.
        #expect(names("Au un Ai") == [])
        #expect(names("TERRORISM") == ["terrorism"])
        #expect(names("ARTIFICIAL Intelligence") == ["artificial intelligence"])
        // Runs of spaces, tabs and line feeds are one space; anything else between words is not.
        #expect(names("  United \n\t Nations  ") == ["United Nations"])
        #expect(names("United-Nations United\u{1F}Nations United\u{A0}Nations") == [])
        // Order of first mention; the longest form starting first wins, a later overlap loses.
        #expect(names("the AI, the UN Charter, the UN, AI") == ["artificial intelligence", "UN Charter", "United Nations"])
        #expect(names("UN Charter") == ["UN Charter"])
        // A form ending in punctuation still needs a boundary after it.
        #expect(names("U.N.AU U.N.") == ["African Union", "U.N."])
        #expect(names("UN Secretary-General") == ["United Nations", "Secretary-General"])
    }

    @Test func theByteScanFindsWhatTheUnicodeRuleFinds() {
        // Forms whose punctuation a loose comparison might equate with an inert scalar of the text.
        let forms = ["w w", "w.w", "w-w", "w...w", "w!!w", "w'w", "w\"w", "w", "W"]
        let terms = forms.map { Term(name: $0) } + forms.map { Term(name: $0.uppercased(), caseRule: .any) }
        let matcher = TermMatcher(terms)
        let inert = (0x80...0x2FFF).compactMap(Unicode.Scalar.init).filter(TermMatcher.isInert)
        #expect(inert.count > 100)
        for scalar in inert {
            // Inert scalars are no letter or number, have no case and no canonical decomposition.
            let character = Character(scalar)
            #expect(!character.isLetter && !character.isNumber && !scalar.properties.changesWhenCaseMapped
                    && scalar.properties.canonicalCombiningClass == .notReordered
                    && String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar]), "\(scalar.value)")
            for text in ["w\(scalar)w", "W\(scalar)W w \(scalar) w", "\(scalar)w\(scalar)", "w\(scalar)\(scalar)w", "x\(scalar)W x"] {
                #expect(TermMatcher.scannable(text) != nil)
                #expect(matcher.terms(in: text) == matcher.unicodeTerms(in: text), "U+\(String(scalar.value, radix: 16)) in \(text)")
            }
        }
        // Texts the scan leaves to the Unicode rule, which treats letters outside ASCII as letters.
        for text in ["éw", "wé", "w\u{301}", "\u{212A}", "w\r\nw", "w\u{200D}"] {
            #expect(TermMatcher.scannable(text) == nil)
        }
        #expect(matcher.terms(in: "éw w\u{301} w") == [7])
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
