import Foundation
import Testing
@testable import Octavo

@Suite("Print edition: the whole document on one page")
struct PrintEditionTests {
    /// Two files whose headings share names, with links between them and to a split document.
    static let clashing: [String: String] = [
        "index.md": "---\ntitle: Guide\n---\n# Guide\n\nSee [b's intro](b.md#intro), [all of a](a.md), [part II](book.md#II) and [an item](book.md#II.1).\n",
        "a.md": "---\nweight: 1\n---\n# Intro\n\nFirst file. Back [home](index.md).\n\n## Details\n\n> ## Quoted\n\nText [to b's details](b.md#details).\n",
        "b.md": "---\nweight: 2\n---\n# Intro\n\nSecond file, [its own details](#details).\n\n## Details\n\nMore [external](https://example.org/x).\n",
        "book.md": "---\nweight: 3\nsplit: [1, 2]\n---\n# I. Start\n\nOne.\n\n# II. Next\n\n## 1. Item\n\nItem text.\n\n## 2. Intro\n\nText.\n\n<!-- part-closing -->\n\nClosing of II.\n",
    ]

    static func build(_ files: [String: String]) throws -> (TemporaryFolder, [String: Data]) {
        let folder = try TemporaryFolder()
        try folder.write(files, under: "Content")
        _ = try Pipeline(options: options(in: folder, strict: true)).build()
        return (folder, folder.snapshot("Output"))
    }

    static func main(_ html: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Sections kept between builds (``PrintCache``) give the bytes of sections written anew, after
    /// changes that reach an unchanged page's section through its links, ids and depth.
    @Test func keptSectionsAreRemadeWhenWhatTheyShowChanges() throws {
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        let cache = PrintCache()
        func printed(_ files: [String: String], cached: Bool) throws -> [UInt8] {
            let site = try outline(files)
            var edition = PrintEdition(site: site, links: LinkResolver().resolve(site))
            if cached { edition.cache = cache }
            return Array(try #require(edition.render(with: templates)).html.utf8)
        }
        var files = Self.clashing
        #expect(try printed(files, cached: true) == printed(files, cached: false))
        let made = cache.counts.made
        #expect(try printed(files, cached: true) == printed(files, cached: false))
        #expect(cache.counts.made == made, "nothing changed, nothing written again")
        let edits = [
            // b's heading id changes: a's link to it (a fragment of print.html) follows.
            ("b.md", Self.clashing["b.md"]!.replacingOccurrences(of: "## Details", with: "## Particulars")),
            // A page before b takes "intro-1": b's heading becomes "intro-2".
            ("a2.md", "---\nweight: 1\n---\n# Intro\n\nAnother.\n"),
            // Text written with a label: the label of the split item it names.
            ("index.md", "# Guide\n\nSee [](book.md#II.1) and [](b.md).\n"),
            ("book.md", Self.clashing["book.md"]!.replacingOccurrences(of: "## 1. Item", with: "## 1. Renamed item")),
            // The split document's parts become one level deeper.
            ("book.md", Self.clashing["book.md"]!.replacingOccurrences(of: "split: [1, 2]", with: "split: [1]")),
        ]
        for (path, text) in edits {
            files[path] = text
            #expect(try printed(files, cached: true) == printed(files, cached: false), "after changing \(path)")
        }
        #expect(cache.counts.reused > 0)
    }

    /// `octavo build` writes the print edition a section at a time from a skeleton (``PrintSkeleton``):
    /// the bytes are the template's render; a template that escapes or transforms a text has no
    /// skeleton (it is rendered whole); `{{#closing}}` decides on a marker as on the text.
    @Test func aPrintEditionWrittenInPiecesIsItsRender() throws {
        let site = try outline(Self.clashing)
        let edition = PrintEdition(site: site, links: LinkResolver().resolve(site))
        let folder = try TemporaryFolder()
        let flat = "{{#print}}{{{body}}}{{#children}}<{{{heading}}}{{{body}}}{{^closing}}none{{/closing}}{{#closing}}[{{{closing}}}]{{/closing}}>{{/children}}{{/print}}"
        let variants: [(print: String?, streams: Bool)] = [(nil, true), (flat, true), ("{{#print}}{{body}}{{/print}}", false),
                                                           ("{{#print}}{{{uppercased(body)}}}{{/print}}", false)]
        for (number, variant) in variants.enumerated() {
            let templates = try variant.print.map { try TemplateSet(sources: ["print": $0], displayRoot: "Templates", builtIn: true) }
                ?? TemplateSet(root: realTemplates, displayRoot: "Templates")
            let whole = try #require(edition.render(with: templates)).html
            let skeleton = edition.skeleton(with: templates, config: SiteConfig())
            #expect((skeleton != nil) == variant.streams, "variant \(number)")
            guard let skeleton else { continue }
            let file = folder.url.appendingPathComponent("print-\(number).html")
            do {
                let sink = try #require(FileSink(file))
                skeleton.write(to: sink)
            }
            #expect(FileManager.default.contents(atPath: file.path) == Data(whole.utf8), "variant \(number)")
        }
    }

    /// The sections' texts are made a batch at a time on all cores: a site of more sections than a
    /// batch holds is written in their order, as its render.
    @Test func aPrintEditionOfManyBatchesIsItsRender() throws {
        var files = ["index.md": "# Home\n\nThe start.\n\n" + (0..<3).map { "- [Part \($0)](p\($0)/index.md)\n" }.joined()]
        for part in 0..<3 {
            files["p\(part)/index.md"] = "# Part \(part)\n\nAbout part \(part) [home](../index.md).\n"
            for page in 0..<(PrintSkeleton.sectionBatch / 2) {
                files["p\(part)/s\(page).md"] = "# Section \(part).\(page)\n\nText of \(page) with *emphasis* and [a link](../p\((part + 1) % 3)/index.md).\n\n## Below \(page)\n\nMore.\n"
            }
        }
        let site = try outline(files)
        let edition = PrintEdition(site: site, links: LinkResolver().resolve(site))
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        let whole = try #require(edition.render(with: templates)).html
        let skeleton = try #require(edition.skeleton(with: templates, config: SiteConfig()))
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("print.html")
        do {
            let sink = try #require(FileSink(file))
            skeleton.write(to: sink)
        }
        #expect(site.pages.count > PrintSkeleton.sectionBatch)
        #expect(FileManager.default.contents(atPath: file.path) == Data(whole.utf8))
    }

    /// A print edition put together from the last render of its template (``PrintCache``) when only
    /// sections' text changed gives the bytes of a render; anything else renders again.
    @Test func aPrintEditionIsSplicedOnlyWhenOnlyTextsChanged() throws {
        let templates = try TemplateSet(root: realTemplates, displayRoot: "Templates")
        let cache = PrintCache()
        func printed(_ files: [String: String], with templates: TemplateSet) throws -> String {
            let site = try outline(files)
            var edition = PrintEdition(site: site, links: LinkResolver().resolve(site))
            let fresh = try #require(edition.render(with: templates)).html
            edition.cache = cache
            let cached = try #require(edition.render(with: templates)).html
            #expect(cached == fresh)
            return cached
        }
        var files = Self.clashing
        _ = try printed(files, with: templates)
        #expect(cache.editionCounts == (rendered: 1, spliced: 0))
        // A paragraph of b: only its section's text changes.
        files["b.md"] = Self.clashing["b.md"]! + "\nOne more paragraph.\n"
        #expect(try printed(files, with: templates).contains("One more paragraph."))
        #expect(cache.editionCounts == (rendered: 1, spliced: 1))
        // A title shows in the contents: the template is rendered again.
        files["b.md"] = files["b.md"]!.replacingOccurrences(of: "# ", with: "# Retitled ")
        _ = try printed(files, with: templates)
        #expect(cache.editionCounts == (rendered: 2, spliced: 1))
        // A template that escapes a text is never spliced (and gives what a render gives).
        #expect(PrintCache.spliceable(source: "<p>{{{ body }}}{{& closing}}{{{page.body}}}{{#print}}{{/print}}"))
        #expect(!PrintCache.spliceable(source: "<p>{{body}}</p>"))
        #expect(!PrintCache.spliceable(source: "{{#body}}x{{/body}}"))
        #expect(!PrintCache.spliceable(source: "{{{ uppercased(body) }}}"))
        #expect(!PrintCache.spliceable(source: "{{=<% %>=}}<% body %>"))
    }

    @Test func idsAreUniqueAndEveryLinkInMainIsAFragmentOfThePage() throws {
        let (_, files) = try Self.build(Self.clashing)
        let html = String(decoding: files["print.html"] ?? Data(), as: UTF8.self)
        let ids = PageLinks.values(of: "id", in: html)
        #expect(ids.count == Set(ids).count, "repeated ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        let main = Self.main(html)
        for href in PageLinks.values(of: "href", in: main) where !href.hasPrefix("https:") {
            #expect(href.hasPrefix("#"), "\(href) is not a fragment")
            #expect(ids.contains(String(href.dropFirst()).removingPercentEncoding ?? ""), "\(href) leads nowhere")
        }
        // The second "Intro" and "Details" are renamed; links follow them.
        #expect(html.contains("<h2 id=\"intro\">Intro"))
        #expect(html.contains("<h2 id=\"intro-1\">Intro"))
        #expect(main.contains("<a href=\"#intro-1\">b"))
        #expect(main.contains("<a href=\"#intro\">all of a</a>"))
        #expect(main.contains("<a href=\"#details-1\">to b"))
        #expect(main.contains("<a href=\"#details-1\">its own details</a>"))
        #expect(main.contains("<a href=\"#ii-next\">part II</a>"))
        #expect(main.contains("<a href=\"#1-item\">an item</a>"))
        #expect(main.contains("<a href=\"#guide\">home</a>"))
        #expect(brokenLinks(in: files) == [])
    }

    @Test func pagesFollowInReadingOrderWithHeadingsMovedBelowTheirParents() throws {
        let (_, files) = try Self.build(Self.clashing)
        let main = Self.main(String(decoding: files["print.html"] ?? Data(), as: UTF8.self))
        let headings = try Regex(#"<h([1-6]) id="[^"]*">([^<]*)"#)
        let found = main.matches(of: headings).map { "h\($0.output[1].substring ?? "") \($0.output[2].substring ?? "")" }
        // Home h1; its pages h2 (a, b, the book); their sections h3; the book's parts h3 and items h4.
        // The heading inside a block quote keeps its level.
        #expect(found == ["h1 Guide", "h2 Intro", "h3 Details", "h2 Quoted", "h2 Intro", "h3 Details", "h2 book",
                          "h3 I. Start", "h3 II. Next", "h4 1. Item", "h4 2. Intro"])
        let closing = try #require(main.range(of: "Closing of II."))
        #expect(closing.lowerBound > (main.range(of: "2. Intro")?.upperBound ?? main.endIndex))
    }

    @Test func everySiteAnchorHasAPlaceInThePrintEdition() throws {
        for content in [Self.clashing, nil] {
            let site: Site
            let files: [String: Data]
            if let content {
                site = try outline(content)
                (_, files) = try Self.build(content)
            } else {
                let result = try RealSite.render()
                site = result.site
                files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, Data($0.text.utf8)) })
            }
            let anchors = PrintEdition(site: site, links: LinkResolver().resolve(site)).anchors()
            let printIDs = Set(PageLinks.values(of: "id", in: String(decoding: files["print.html"] ?? Data(), as: UTF8.self)))
            for (index, page) in site.pages.enumerated() {
                let html = Self.main(String(decoding: files[page.path] ?? Data(), as: UTF8.self))
                let siteIDs = PageLinks.values(of: "id", in: html).filter { !$0.hasPrefix("octavo.") || $0 == HeadingIDGenerator.titleID }
                #expect(!siteIDs.isEmpty)
                for id in siteIDs {
                    let mapped = anchors.id(page: index, fragment: id)
                    #expect(printIDs.contains(mapped), "\(page.path)#\(id) → print.html#\(mapped)")
                    #expect(mapped != anchors.pages[index] || id == page.heading?.id || id == HeadingIDGenerator.titleID, "\(page.path)#\(id) falls back to the page")
                }
            }
        }
    }

    @Test func paragraphsHaveAnchorsOnPagesButNotInMarkdownOutput() throws {
        let site = try outline(["index.md": "# T\n\nOne.\n\n## P1\n\nTwo.\n\n- list\n"])
        #expect(site.pages[0].paragraphIDs == ["p1-1", nil, "p2", nil])  // the heading "P1" has the id p1
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# T\n\nOne.\n\nTwo.\n"], under: "Content")
        let page = try #require(try Pipeline(options: options(in: folder)).render().files.first { $0.path == "index.html" })
        #expect(page.text.contains("<p id=\"p1\">One.<a class=\"permalink\" href=\"#p1\" aria-label=\"Permalink to this paragraph\">¶</a></p>"))
        #expect(MarkdownRenderer().html("One.\n") == "<p>One.</p>\n")
    }

    @Test func everyPageLinksToThePrintEditionWhichHasPrintStyles() throws {
        let files = try RealSite.build().files
        for (path, data) in files where path.hasSuffix(".html") && path != "print.html" {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("href=\"\(RelativePath.root(from: path))print.html\""), "\(path) does not link to the print edition")
        }
        let css = String(decoding: files["assets/style.css"] ?? Data(), as: UTF8.self)
        let print = try #require(css.range(of: "@media print").map { String(css[$0.lowerBound...]) })
        #expect(print.contains(".print-section.depth-1 { break-before: page;"))
        #expect(print.contains("content: \" (\" attr(href) \")\""))
        for hidden in [".sidebar", ".site-menu", ".site-search", ".permalink", "nav"] { #expect(print.contains(hidden)) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedFolder.appendingPathComponent("tools/check-conversion.py").path) && isInstalled("python3"),
                   "needs ../shared/tools and python3"))
    func textOfMainIsTheDocument() throws {
        let files = try RealSite.build().files
        let folder = try TemporaryFolder()
        let html = String(decoding: files["print.html"] ?? Data(), as: UTF8.self)
        let text = try mainText(of: html)
        #expect(text.hasPrefix("# Global Security Initiative Concept Paper\n\n# I. Background\n\nThe issue of security"))
        #expect(!text.contains("¶"))
        try folder.write(["print.md": text])
        let (status, output) = try runProgram(["python3", sharedFolder.appendingPathComponent("tools/check-conversion.py").path,
                                               folder.url.appendingPathComponent("print.md").path])
        #expect(status == 0, "\(output)")
        #expect(output.hasSuffix(" 0 differences\n"))
    }

    @Test func printEditionOfTheRealDocumentIsNumberedAsTheSite() throws {
        let files = try RealSite.build().files
        let main = Self.main(String(decoding: files["print.html"] ?? Data(), as: UTF8.self))
        #expect(main.components(separatedBy: "<section class=\"print-section depth-1\">").count - 1 == 4)
        #expect(main.components(separatedBy: "<section class=\"print-section depth-2\">").count - 1 == 31)
        #expect(main.contains("<h2 id=\"iii-priorities-of-cooperation\">III. Priorities of cooperation"))
        #expect(main.contains("<h3 id=\"3-the-risk-of-nuclear-war\">3. The risk of nuclear war"))
        let order = ["I. Background", "II. Core concepts", "6. Stay committed to maintaining", "These six commitments are interlinked",
                     "III. Priorities of cooperation", "20. ", "IV. Platforms"]
        let positions = order.map { main.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil))
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }
}
