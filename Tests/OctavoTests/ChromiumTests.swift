import Foundation
import Testing
@testable import Octavo

/// Opens built pages from file:// in headless Chromium (Debian's `chromium`, which `.ci/run`
/// installs) and reads the DOM after the scripts ran.
@Suite("Chromium: search works from file://", .serialized,
       .enabled(if: isInstalled("chromium"), "needs Debian's chromium (apt-get install chromium); .ci/run installs it"))
struct ChromiumTests {
    static func dumpDOM(_ url: URL, query: String? = nil) throws -> String {
        var address = url.absoluteString
        if let query { address += "?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query) }
        let profile = try TemporaryFolder()  // a profile of its own: a running Chromium's would take the page over
        let (status, output) = try runProgram(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                               "--user-data-dir=" + profile.url.path, "--virtual-time-budget=5000", "--dump-dom", address])
        #expect(status == 0)
        return output
    }

    /// The `#octavo.search-results` element's HTML.
    static func results(in dom: String) throws -> String {
        let start = try #require(dom.range(of: "<div id=\"octavo.search-results\""), "no #octavo.search-results in \(dom.prefix(2000))")
        let end = try #require(dom.range(of: "</div>", range: start.upperBound..<dom.endIndex))
        return String(dom[start.lowerBound..<end.upperBound])
    }

    /// Builds the unpacked bundle of the real document, as a reader gets it.
    static func unpackedRealBundle() throws -> (TemporaryFolder, URL) {
        let folder = try TemporaryFolder()
        let zip = try RealSite.build().bundle
        let site = folder.url.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let (status, _) = try runProgram(["python3", "-m", "zipfile", "-e", zip.path, site.path])
        try #require(status == 0)
        return (folder, site)
    }

    @Test func searchForNuclearListsPagesThatContainIt() throws {
        let (folder, site) = try Self.unpackedRealBundle()
        defer { withExtendedLifetime(folder) {} }
        let results = try Self.results(in: try Self.dumpDOM(site.appendingPathComponent("search.html"), query: "nuclear"))
        let links = PageLinks.values(of: "href", in: results)
        #expect(!links.isEmpty, "no results in \(results)")
        #expect(results.contains("<mark>nuclear</mark>"))
        #expect(links.first == "iii/3/index.html")
        for link in links {
            let path = String(link.split(separator: "#")[0])
            let page = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            #expect(page.lowercased().contains("nuclear"), "\(path) does not contain the word")
            let main = page.components(separatedBy: "<main").last ?? ""
            #expect(main.lowercased().contains("nuclear"), "\(path)'s text does not contain the word")
        }
    }

    @Test func theCitationsCopyButtonShowsOnlyWithJavaScript() throws {
        let (folder, site) = try Self.unpackedRealBundle()
        defer { withExtendedLifetime(folder) {} }
        let page = site.appendingPathComponent("iii/3/index.html")
        let served = try String(contentsOf: page, encoding: .utf8)
        #expect(served.contains("class=\"cite-copy\" data-copy=\"octavo.cite-text\" hidden>"))
        let dom = try Self.dumpDOM(page)
        #expect(dom.contains("class=\"cite-copy\" data-copy=\"octavo.cite-text\">Copy citation</button>"), "\(dom.prefix(3000))")
        #expect(dom.contains("Global Security Initiative Concept Paper, III.3 “The risk of nuclear war”."))
    }

    @Test func searchForNonsenseSaysThereIsNoResult() throws {
        let (folder, site) = try Self.unpackedRealBundle()
        defer { withExtendedLifetime(folder) {} }
        let results = try Self.results(in: try Self.dumpDOM(site.appendingPathComponent("search.html"), query: "zzxqj"))
        #expect(PageLinks.values(of: "href", in: results).isEmpty)
        #expect(results.contains("No results for “zzxqj”"))
    }

    @Test func queriesIgnoreCaseAndDiacriticsAndNeedEveryWord() throws {
        let (folder, site) = try Self.unpackedRealBundle()
        defer { withExtendedLifetime(folder) {} }
        let page = site.appendingPathComponent("search.html")
        let folded = PageLinks.values(of: "href", in: try Self.results(in: try Self.dumpDOM(page, query: "NÚCLEAR")))
        #expect(folded == ["iii/3/index.html", "terms.html"])  // the item, and the index of terms (in the search index too)
        let both = PageLinks.values(of: "href", in: try Self.results(in: try Self.dumpDOM(page, query: "nuclear shipping")))
        #expect(both.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedFolder.appendingPathComponent("bench/make-corpus.py").path), "needs ../shared/bench"))
    func shardsOfALargeSiteLoadByScriptTags() throws {
        let folder = try TemporaryFolder()
        try makeCorpus(300, in: folder)
        _ = try Pipeline(options: options(in: folder)).build()
        let site = folder.url.appendingPathComponent("Output")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("search/w1.js").path))
        let results = try Self.results(in: try Self.dumpDOM(site.appendingPathComponent("search.html"), query: "Afghanistan"))
        let links = PageLinks.values(of: "href", in: results)
        #expect(links.count == 20, "the first 20 results are shown")
        #expect(results.contains("Show more results"))
        for link in links {
            let page = try String(contentsOf: site.appendingPathComponent(String(link.split(separator: "#")[0])), encoding: .utf8)
            #expect(page.contains("Afghanistan"))
        }
    }

    @Test func keyboardSlashFocusesTheFieldAndArrowsMoveThroughResults() throws {
        let (folder, site) = try Self.unpackedRealBundle()
        defer { withExtendedLifetime(folder) {} }
        // The search page with a script that presses keys once the results are there and logs the focus.
        let page = try String(contentsOf: site.appendingPathComponent("search.html"), encoding: .utf8)
        let probe = """
            <script>
            window.addEventListener("load", function () {
              setTimeout(function () {
                var log = [];
                function press(key) { (document.activeElement || document.body).dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true })); }
                function focused() { var e = document.activeElement; return e.tagName + (e.getAttribute("href") ? ":" + e.getAttribute("href") : e.type ? ":" + e.type : ""); }
                document.body.focus(); document.activeElement.blur();
                press("/"); log.push(focused());
                press("ArrowDown"); log.push(focused());
                press("ArrowDown"); log.push(focused());
                press("ArrowUp"); log.push(focused());
                press("ArrowUp"); log.push(focused());
                var out = document.createElement("pre"); out.id = "key-log"; out.textContent = log.join(" | "); document.body.appendChild(out);
              }, 500);
            });
            </script>
            </body>
            """
        try page.replacingOccurrences(of: "</body>", with: probe).write(to: site.appendingPathComponent("keys.html"), atomically: true, encoding: .utf8)
        let dom = try Self.dumpDOM(site.appendingPathComponent("keys.html"), query: "security dialogue")
        let log = try #require(dom.range(of: "<pre id=\"key-log\">").map { dom[$0.upperBound...].prefix { $0 != "<" } })
        let steps = log.components(separatedBy: " | ")
        #expect(steps.count == 5)
        #expect(steps.first == "INPUT:search")
        #expect(steps[1].hasPrefix("A:") && steps[2].hasPrefix("A:") && steps[1] != steps[2], "\(log)")
        #expect(steps[3] == steps[1] && steps[4] == "INPUT:search", "\(log)")
    }

    /// Pages named like URL schemes (`javascript:alert(1).md` …): in the browser, every link of the
    /// home page, a page and the search results is a file:// link to a file the build wrote.
    @Test func linksToPagesNamedLikeSchemesStayFileLinks() throws {
        let (folder, files) = try SchemeNameTests.build()
        defer { withExtendedLifetime(folder) {} }
        let site = folder.url.appendingPathComponent("Output")
        // Lists every link's protocol and resolved path once the results are in.
        let probe = """
            <script>
            window.addEventListener("load", function () {
              setTimeout(function () {
                var out = document.createElement("pre"); out.id = "link-log";
                out.textContent = Array.prototype.map.call(document.links, function (a) { return a.protocol + " " + decodeURIComponent(a.pathname); }).join("\\n");
                document.body.appendChild(out);
              }, 500);
            });
            </script>
            </body>
            """
        for (page, query) in [("search.html", "hostile"), ("index.html", nil), ("Note: intro/index.html", nil)] {
            let probed = page.replacingOccurrences(of: "index.html", with: "probe.html").replacingOccurrences(of: "search.html", with: "search-probe.html")
            let data = try #require(files[page])
            let html = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</body>", with: probe)
            try Data(html.utf8).write(to: site.appendingPathComponent(probed))
            let dom = try Self.dumpDOM(site.appendingPathComponent(probed), query: query)
            let log = try #require(dom.range(of: "<pre id=\"link-log\">").map { String(dom[$0.upperBound...].prefix { $0 != "<" }) })
            let links = log.split(separator: "\n").map(String.init)
            #expect(links.count > (query == nil ? 5 : 10), "\(page): \(log)")
            let root = site.standardizedFileURL.path + "/"
            for link in links {
                #expect(link.hasPrefix("file: " + root), "\(page): \(link)")
                let written = String(link.dropFirst(("file: " + root).count))
                let path = written == probed ? page : written  // links within the page
                #expect(files[path] != nil, "\(page) links to \(path), which the build did not write: \(link)")
            }
        }
    }
}
