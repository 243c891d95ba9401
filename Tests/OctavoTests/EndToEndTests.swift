import Foundation
import Testing
@testable import Octavo

@Suite("End to end: the real Content with the real Templates", .serialized)
struct EndToEndTests {
    static func buildReal() throws -> (TemporaryFolder, [String: Data]) {
        let folder = try TemporaryFolder()
        let options = Pipeline.Options(content: realContent, templates: realTemplates,
                                          output: folder.url.appendingPathComponent("Output"), strict: true)
        _ = try Pipeline(options: options).build()
        return (folder, folder.snapshot("Output"))
    }

    @Test func buildsOneHomeFourPartsAndThirtyOneItems() throws {
        let files = try RealSite.build().files
        let pages = files.keys.filter { $0.hasSuffix("index.html") }
        #expect(pages.count == 36)
        let citations = files.keys.filter { $0.hasSuffix("/" + Citation.bibFile) || $0.hasSuffix("/" + Citation.risFile) }
        #expect(citations.count == 2 * 35)  // one BibTeX and one RIS file per part and item
        #expect(Set(files.keys.filter { !$0.hasSuffix("index.html") && $0 != OutputWriter.manifestName }).subtracting(citations) == ["assets/style.css", "assets/search.js", "assets/theme.js", "assets/highlight.min.js", "search.html", "search-index.js", "print.html", "404.html", "terms.html"])
        let parts = pages.filter { $0.split(separator: "/").count == 2 }
        let items = pages.filter { $0.split(separator: "/").count == 3 }
        #expect(parts.sorted() == ["i/index.html", "ii/index.html", "iii/index.html", "iv/index.html"])
        #expect(items.count == 31)
        #expect(items.filter { $0.hasPrefix("ii/") }.count == 6)
        #expect(items.filter { $0.hasPrefix("iii/") }.count == 20)
        #expect(items.filter { $0.hasPrefix("iv/") }.count == 5)
        #expect(files["assets/style.css"] != nil)
    }

    @Test func everyInternalLinkAndAnchorResolves() throws {
        let files = try RealSite.build().files
        #expect(brokenLinks(in: files) == [])
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for href in PageLinks(html).hrefs {
                #expect(!href.hasPrefix("/"), "\(path) links to the absolute path \(href)")
                let file = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                #expect(file.isEmpty || !file.hasSuffix("/"), "\(path) links to a folder: \(href)")
            }
        }
    }

    @Test func nextChainVisitsEveryPageInDocumentOrderAndPrevLeadsBack() throws {
        let files = try RealSite.build().files
        func page(_ path: String) -> PageLinks { PageLinks(String(decoding: files[path] ?? Data(), as: UTF8.self)) }
        var order = ["index.html"]
        while let next = page(order.last!).next, let target = resolve(next, from: order.last!)?.path {
            #expect(!order.contains(target), "next leads back to \(target)")
            if order.contains(target) { break }
            order.append(target)
        }
        #expect(order.count == 36)
        #expect(Array(order.prefix(4)) == ["index.html", "i/index.html", "ii/index.html", "ii/1/index.html"])
        #expect(order.last == "iv/5/index.html")
        #expect(order.firstIndex(of: "iii/index.html") == 9)
        var back = [order.last!]
        while let prev = page(back.last!).prev, let target = resolve(prev, from: back.last!)?.path, back.count <= 36 {
            back.append(target)
        }
        #expect(back == order.reversed())
    }

    @Test func homeListsEveryPartAndItemNumbered() throws {
        let files = try RealSite.build().files
        let home = String(decoding: files["index.html"] ?? Data(), as: UTF8.self)
        #expect(home.contains("<h1 id=\"octavo.title\">Global Security Initiative Concept Paper"))
        let toc = home.components(separatedBy: "<nav class=\"toc\"").last ?? ""
        for part in ["i", "ii", "iii", "iv"] { #expect(toc.contains("href=\"\(part)/index.html\"")) }
        #expect(toc.contains("href=\"iii/20/index.html\"><span class=\"number\">20.</span>"))
    }

    @Test func partPageListsItemsWithSummariesAndKeepsClosingText() throws {
        let files = try RealSite.build().files
        let part = String(decoding: files["ii/index.html"] ?? Data(), as: UTF8.self)
        let children = part.components(separatedBy: "<ol class=\"children\">").last ?? ""
        #expect(children.components(separatedBy: "<p class=\"summary\">").count - 1 == 6)
        #expect(children.contains("These six commitments are interlinked"))
        let six = String(decoding: files["ii/6/index.html"] ?? Data(), as: UTF8.self)
        #expect(!six.contains("These six commitments are interlinked"))
        let item = String(decoding: files["iii/3/index.html"] ?? Data(), as: UTF8.self)
        #expect(item.contains("<nav class=\"breadcrumbs\""))
        #expect(item.contains("<a href=\"../../index.html\">Global Security Initiative Concept Paper</a>"))
        #expect(item.contains("<a href=\"../index.html\">III. Priorities of cooperation</a>"))
    }

    /// The shared build against a second, fresh one.
    @Test func twoBuildsAreByteIdentical() throws {
        let first = try RealSite.build().files
        let (_, second) = try Self.buildReal()
        #expect(first == second)
    }

    @Test func committedOutputIsTheBuildOfContent() throws {
        let built = try RealSite.build().files
        let committed = try TemporaryFolder()
        try FileManager.default.removeItem(at: committed.url)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Output"), to: committed.url)
        #expect(committed.snapshot("") == built)
    }

    @Test(.enabled(if: sharedAvailable, "needs ../shared/tools"))
    func conversionKeepsEveryWordOfTheSource() throws {
        let checker = sharedFolder.appendingPathComponent("tools/check-conversion.py")
        try #require(FileManager.default.fileExists(atPath: checker.path), "needs ../shared/tools")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", checker.path, realContent.appendingPathComponent("global-security-initiative.md").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.hasSuffix(" 0 differences\n"))
    }

    @Test(.enabled(if: sharedAvailable, "needs ../shared/bench"))
    func syntheticCorpusOf300PagesBuildsWithEveryLinkResolving() throws {
        let folder = try TemporaryFolder()
        try makeCorpus(300, in: folder)
        let report = try Pipeline(options: options(in: folder, strict: true)).build()
        #expect(report.pages == 300 + 3 + 1)
        #expect(brokenLinks(in: folder.snapshot("Output")) == [])
    }

    /// The acceptance of the default theme's publishing settings on the real document: one `<loc>`
    /// per page under the base URL and a canonical link on every page.
    @Test func baseURLGivesASitemapOfEveryPageAndCanonicalLinks() throws {
        var options = Pipeline.Options(content: realContent, templates: realTemplates, output: URL(fileURLWithPath: "/nonexistent"))
        options.baseURL = "https://example.org/docs/"
        let result = try Pipeline(options: options).render()
        var texts: [String: String] = [:]
        for file in result.files { if case .bytes(let bytes) = file.contents { texts[file.path] = String(decoding: bytes, as: UTF8.self) } }
        let locs = (texts["sitemap.xml"] ?? "").components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        #expect(locs.count == result.site.pages.count && locs.count == 36)
        #expect(Set(locs).count == locs.count)
        #expect(locs.allSatisfy { $0.hasPrefix("https://example.org/docs/") })
        #expect(locs.contains("https://example.org/docs/iii/3/"))
        for page in result.site.pages {
            let html = try #require(texts[page.path])
            #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/docs/\(PageRenderer.canonicalPath(page.path))\">"), "\(page.path)")
        }
    }

    /// Light pages: at most 40 KB of HTML (but the contents and the print edition, which grow with
    /// the site), one stylesheet, at most two scripts of ours (search-index.js on the search page is
    /// the index's data), nothing from another host.
    @Test func pagesAreLight() throws {
        let files = try RealSite.build().files
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            if path != "index.html" && path != "print.html" { #expect(data.count <= 40 * 1024, "\(path) is \(data.count) bytes") }
            #expect(html.components(separatedBy: "rel=\"stylesheet\"").count == 2, "\(path)")
            let scripts = PageLinks.values(of: "src", in: html).filter { !$0.hasSuffix("search-index.js") }
            #expect(scripts.count <= 2, "\(path): \(scripts)")
            #expect(!PageLinks.values(of: "src", in: html).contains { $0.contains("//") }, "\(path)")
            let sheets = html.components(separatedBy: "<link rel=\"stylesheet\" href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(!sheets.contains { $0.contains("//") }, "\(path)")
        }
    }
}
