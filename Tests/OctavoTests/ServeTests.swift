import Foundation
import Testing
@testable import Octavo
@testable import OctavoServer

/// The preview server: path mapping, media types, the live-reload script, and real HTTP requests
/// to a server started on a free port of 127.0.0.1 (always stopped, every read bounded in time).
@Suite struct ServeTests {
    // MARK: Path mapping (pure)

    static let refusedPaths = [
        "/..", "/../etc/passwd", "/a/../../etc/passwd", "/a/..", "/./index.html",
        "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/.%2e/x", "/%2e./x",
        "/%252e%252e/etc/passwd", "/%25%32%65%25%32%65/x",
        "/a%2f..%2f..%2fetc%2fpasswd", "/a%2F..", "/..%5c..%5cetc%5cpasswd", "/a\\..\\..\\etc", "/%5c",
        "/index.html%00.png", "/a%00", "/a%0a", "/a%7f",
        "//etc/passwd", "/a//b", "etc/passwd", "http://example.com/etc/passwd", "*", "",
        "/%", "/%2", "/%zz", "/%c3%28",
        "/" + String(repeating: "a/", count: 1100),
    ]

    @Test(arguments: refusedPaths)
    func refusesPathsThatCouldLeaveTheOutputFolder(_ path: String) {
        if case .inside = ServePath.resolve(path) { Issue.record("\(path) was mapped inside") }
    }

    @Test func mapsSitePathsToSegments() {
        #expect(ServePath.resolve("/") == .inside(segments: [], folder: true))
        #expect(ServePath.resolve("/i/commitments/") == .inside(segments: ["i", "commitments"], folder: true))
        #expect(ServePath.resolve("/assets/site.css") == .inside(segments: ["assets", "site.css"], folder: false))
        #expect(ServePath.resolve("/caf%C3%A9/a%20b.html") == .inside(segments: ["café", "a b.html"], folder: false))
        #expect(ServePath.resolve("/a..b/x.y") == .inside(segments: ["a..b", "x.y"], folder: false))
        #expect(ServePath.resolve("/.octavo-manifest") == .hidden)
        #expect(ServePath.resolve("/%2e%2e") == .badRequest("the path has a . or .. segment"))
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("a/site.CSS", "text/css; charset=utf-8"),
        ("search.js", "text/javascript; charset=utf-8"), ("index.json", "application/json; charset=utf-8"),
        ("logo.svg", "image/svg+xml; charset=utf-8"), ("a.png", "image/png"), ("a.jpg", "image/jpeg"),
        ("a.jpeg", "image/jpeg"), ("a.webp", "image/webp"), ("a.gif", "image/gif"), ("a.pdf", "application/pdf"),
        ("site.zip", "application/zip"), ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"), ("LICENSE", "application/octet-stream"), ("a.bin", "application/octet-stream"),
    ])
    func mediaTypes(_ name: String, _ type: String) {
        #expect(ServeMediaType.contentType(forName: name) == type)
    }

    @Test func scriptGoesBeforeTheLastBodyEndTag() {
        let injected = String(decoding: LiveReload.inject(into: Array("<p>&lt;/body></p></BODY></html>".utf8)), as: UTF8.self)
        #expect(injected == "<p>&lt;/body></p>" + LiveReload.script + "</BODY></html>")
        #expect(String(decoding: LiveReload.inject(into: Array("<p>x".utf8)), as: UTF8.self) == "<p>x" + LiveReload.script)
    }

    @Test(arguments: [(0, "Thu, 01 Jan 1970 00:00:00 GMT"), (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
                      (951_825_600, "Tue, 29 Feb 2000 12:00:00 GMT"), (1_795_910_400, "Sun, 29 Nov 2026 00:00:00 GMT")])
    func httpDates(_ seconds: Int, _ text: String) {
        #expect(HTTPDate.string(seconds: seconds) == text)
        #expect(HTTPDate.seconds(text) == seconds)
    }

    /// `404.html` as the preview sends it: a base after the head tag (any case, with attributes;
    /// at the start without one), fragment links on the requested path, which is HTML-escaped.
    @Test func theNotFoundPageIsRebasedOnTheSiteRoot() {
        func adapt(_ html: String, _ path: String) -> String {
            String(decoding: NotFoundBase.adapt(Array(html.utf8), requestPath: path), as: UTF8.self)
        }
        #expect(adapt("<HEAD lang=x><title>t</title></HEAD><a href=\"#a\">", "/a&b/")
                == "<HEAD lang=x><base href=\"/\"><title>t</title></HEAD><a href=\"/a&amp;b/#a\">")
        #expect(adapt("<p>no head <a href=\"x.html\">", "/q") == "<base href=\"/\"><p>no head <a href=\"x.html\">")
        #expect(adapt("<header><head>", "/q") == "<header><head><base href=\"/\">")
    }

    /// A root that does not exist yet (a templates folder) is watched through its parent: only its
    /// own name there counts, not the output folder a build makes and removes beside it (a first
    /// build that failed removed it, and each rebuild was dropped as "changed meanwhile").
    @Test func aRootsParentReportsOnlyThatRoot() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let roots = [folder.url.appendingPathComponent("Content"), folder.url.appendingPathComponent("Templates")]
        let notifier = try #require(ChangeNotifier())
        notifier.watch(SourceSnapshot(of: roots), roots: roots)
        #expect(!notifier.changed())
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Output"), withIntermediateDirectories: false)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Output"))
        #expect(!notifier.changed())
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Templates"), withIntermediateDirectories: false)
        #expect(notifier.changed())
        try folder.write(["index.md": "# Home again\n"], under: "Content")
        #expect(notifier.changed())
    }

    /// An output folder that cannot be one ends `serve` (as it ends `build`), and a second serve
    /// into the same folder is refused; neither serves nothing in the background.
    @Test func serveRefusesABadOutputFolderAndASecondServer() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let inside = try runOctavo(["serve", "--output", "Content/out", "--port", "1"], in: folder.url)
        #expect(inside.status == 1)
        #expect(inside.stderr.contains("Content/out: error: cannot be the output folder: it is inside 'Content'"), "\(inside.stderr)")
        let held = open(folder.url.path, O_RDONLY | O_DIRECTORY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let second = try runOctavo(["serve", "--port", "1"], in: folder.url)
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: another octavo serve (or build) is writing to Output"), "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    @Test func eventsPutEachLineOnADataLine() {
        #expect(String(decoding: ReloadEvents.event("failed", data: "a:1:2: error: x\nb\r\nc"), as: UTF8.self)
                == "event: failed\ndata: a:1:2: error: x\ndata: b\ndata: c\n\n")
    }

    // MARK: Serving files

    /// An output folder beside a secret file, with links that lead out of it.
    static func makeSite(_ folder: TemporaryFolder, notFoundPage: Bool = true) throws -> URL {
        try folder.write(["secret.txt": "SECRET"])
        var files = [
            "index.html": "<!doctype html><title>Home</title><body><p>home</p></body>",
            "guide/index.html": "<!doctype html><body><p>guide</p></body>",
            "assets/site.css": "body{}", "assets/app.js": "1", "data.json": "{}", "robots.txt": "User-agent: *",
            "sitemap.xml": "<urlset/>", "logo.svg": "<svg/>", ".octavo-manifest": "octavo-manifest 2",
            "empty/readme.txt": "x",
        ]
        if notFoundPage {
            files["404.html"] = "<!doctype html><html><head><link rel=\"stylesheet\" href=\"assets/site.css\"></head><body><a href=\"#main\">skip</a><p>custom missing page</p></body>"
        }
        let output = try folder.write(files, under: "Output")
        try folder.writeBytes([0x89, 0x50, 0x4E, 0x47], to: "Output/img/a.png")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: output.appendingPathComponent("leak.txt").path, withDestinationPath: folder.url.appendingPathComponent("secret.txt").path)
        try manager.createSymbolicLink(atPath: output.appendingPathComponent("up").path, withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: output.appendingPathComponent("root").path, withDestinationPath: "/")
        try manager.createSymbolicLink(atPath: output.appendingPathComponent("inside.css").path, withDestinationPath: "assets/site.css")
        return output
    }

    /// Runs `body` against a server on a free port, and stops the server whatever happens.
    static func withServer(_ output: URL, events: ReloadEvents = ReloadEvents(),
                           _ body: (PreviewServer, HTTPTestClient) async throws -> Void) async throws {
        let server = try await PreviewServer.start(output: output, port: 0, events: events)
        do {
            try await body(server, HTTPTestClient(port: server.port))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func servesFilesWithTypesAndTheScriptOnlyInHTML() async throws {
        let folder = try TemporaryFolder()
        let output = try Self.makeSite(folder)
        try await Self.withServer(output) { _, client in
            let home = try await client.request("/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.text == "<!doctype html><title>Home</title><body><p>home</p>" + LiveReload.script + "</body>")
            #expect(home.headers["content-length"] == String(home.body.count))
            #expect(try folder.read("Output/index.html").contains("octavo-live-reload") == false)
            #expect(try await client.request("/guide/").text.contains("<p>guide</p>"))
            let css = try await client.request("/assets/site.css")
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.text == "body{}")
            let png = try await client.request("/img/a.png")
            #expect(png.headers["content-type"] == "image/png")
            #expect(png.body == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await client.request("/inside.css").text == "body{}")
            #expect(try await client.request("/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8")
        }
    }

    @Test func redirectsAFolderWithoutSlashAndAnswersHEAD() async throws {
        let folder = try TemporaryFolder()
        let output = try Self.makeSite(folder)
        try await Self.withServer(output) { _, client in
            let redirect = try await client.request("/guide?x=1")
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/guide/?x=1")
            let head = try await client.request("/guide/", method: "HEAD")
            let get = try await client.request("/guide/")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == String(get.body.count))
            #expect(head.headers["etag"] == get.headers["etag"])
            #expect(try await client.request("/guide/", method: "POST").status == 405)
            // A folder without index.html is not listed.
            #expect(try await client.request("/empty/").status == 404)
        }
    }

    @Test func answers304ForAnUnchangedFile() async throws {
        let folder = try TemporaryFolder()
        let output = try Self.makeSite(folder)
        try await Self.withServer(output) { _, client in
            let first = try await client.request("/assets/site.css")
            let etag = try #require(first.headers["etag"])
            let modified = try #require(first.headers["last-modified"])
            let byTag = try await client.request("/assets/site.css", headers: ["If-None-Match": etag])
            #expect(byTag.status == 304)
            #expect(byTag.body.isEmpty)
            #expect(try await client.request("/assets/site.css", headers: ["If-Modified-Since": modified]).status == 304)
            #expect(try await client.request("/assets/site.css", headers: ["If-None-Match": "\"other\""]).status == 200)
            // A new version (written by rename, as the build does) has a new tag.
            try Data("body{color:red}".utf8).write(to: output.appendingPathComponent("assets/site.css"), options: .atomic)
            let changed = try await client.request("/assets/site.css", headers: ["If-None-Match": etag])
            #expect(changed.status == 200)
            #expect(changed.text == "body{color:red}")
        }
    }

    @Test func missingFilesGetTheSite404Page() async throws {
        let folder = try TemporaryFolder()
        try await Self.withServer(try Self.makeSite(folder)) { _, client in
            let missing = try await client.request("/no/such/page/")
            #expect(missing.status == 404)
            #expect(missing.text.contains("custom missing page"))
            #expect(missing.text.contains("octavo-live-reload"))
            // Its relative links lead to the site's root, its skip link stays on the page; the
            // file on disk is as the build wrote it.
            #expect(missing.text.hasPrefix("<!doctype html><html><head><base href=\"/\"><link rel=\"stylesheet\" href=\"assets/site.css\"></head><body><a href=\"/no/such/page/#main\">skip</a>"))
            #expect(try String(contentsOf: folder.url.appendingPathComponent("Output/404.html"), encoding: .utf8).contains("<base") == false)
            #expect(try await client.request("/.octavo-manifest").status == 404)
        }
        let bare = try TemporaryFolder()
        try await Self.withServer(try Self.makeSite(bare, notFoundPage: false)) { _, client in
            // Without a 404.html (no build has succeeded yet): a page that reloads once one does.
            let missing = try await client.request("/nothing.html")
            #expect(missing.status == 404)
            #expect(missing.text.hasPrefix("<!DOCTYPE html>"))
            #expect(missing.text.contains(LiveReload.eventsPath))
        }
    }

    static let traversalRequests = [
        "/../secret.txt", "/a/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/.%2e/secret.txt",
        "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
        "/\\..\\secret.txt", "/index.html%00", "/%00/../secret.txt", "//secret.txt", "/" + FileManager.default.temporaryDirectory.path + "/secret.txt",
        "http://127.0.0.1/../secret.txt", "/" + String(repeating: "a/..", count: 600) + "/secret.txt",
        "/leak.txt", "/up/secret.txt", "/root/etc/passwd", "/root/etc/", "/up/",
    ]

    @Test(arguments: traversalRequests)
    func requestsNeverLeaveTheOutputFolder(_ target: String) async throws {
        let folder = try TemporaryFolder()
        try await Self.withServer(try Self.makeSite(folder)) { _, client in
            let response = try await client.request(target)
            #expect([400, 404].contains(response.status), "\(target) → \(response.status)")
            #expect(!response.text.contains("SECRET") && !response.text.contains("root:"), "\(target) leaked")
        }
    }

    @Test func aRawNULByteInTheRequestLineIsRefused() async throws {
        let folder = try TemporaryFolder()
        try await Self.withServer(try Self.makeSite(folder)) { _, client in
            let response = try await client.request(raw: Array("GET /index.html\u{0}/../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            #expect([400, 404].contains(response.status))
            #expect(!response.text.contains("SECRET"))
        }
    }

    @Test func aPortInUseIsAnErrorNamingIt() async throws {
        let folder = try TemporaryFolder()
        try await Self.withServer(try Self.makeSite(folder)) { server, _ in
            await #expect(throws: PreviewServer.StartError.portInUse(server.port)) {
                _ = try await PreviewServer.start(output: folder.url, port: server.port, events: ReloadEvents())
            }
            #expect(PreviewServer.StartError.portInUse(server.port).description.contains("port \(server.port) is in use"))
        }
    }

    // MARK: Watching and live reload

    static func makeSource(_ folder: TemporaryFolder) throws {
        try folder.write([
            "index.md": "# Home\n\nWelcome. See [the guide](guide.md).\n",
            "guide.md": "# Guide\n\nFirst version.\n",
        ], under: "Content")
    }

    @Test func aContentChangeReloadsOpenPages() async throws {
        let folder = try TemporaryFolder()
        try Self.makeSource(folder)
        let events = ReloadEvents()
        let session = PreviewSession(options: options(in: folder), events: events) { _ in }
        let baseline = SourceSnapshot(of: session.watched)
        guard case .built = await session.build() else { Issue.record("first build failed"); return }
        try await Self.withServer(folder.url.appendingPathComponent("Output"), events: events) { _, client in
            // On Linux inotify tells of the save: no poll comes within the test's time.
            #if os(Linux)
            let interval = Duration.seconds(3600)
            #else
            let interval = Duration.milliseconds(50)
            #endif
            let watcher = Task { await session.watch(from: baseline, interval: interval, quiet: .milliseconds(20)) }
            defer { watcher.cancel() }
            let stream = try await client.events(until: "event: reload") {
                try folder.write(["guide.md": "# Guide\n\nSecond version.\n"], under: "Content")
            }
            #expect(stream.contains("event: reload"))
            let page = try await client.request("/guide/")
            #expect(page.text.contains("Second version."))
            #expect(try folder.read("Output/guide/index.html").contains("Second version."))
        }
    }

    @Test func aFailedRebuildShowsAnOverlayAndKeepsTheLastGoodSite() async throws {
        let folder = try TemporaryFolder()
        try Self.makeSource(folder)
        let events = ReloadEvents()
        let session = PreviewSession(options: options(in: folder), events: events) { _ in }
        let baseline = SourceSnapshot(of: session.watched)
        guard case .built = await session.build() else { Issue.record("first build failed"); return }
        let before = folder.snapshot("Output")
        try await Self.withServer(folder.url.appendingPathComponent("Output"), events: events) { _, client in
            // Polling alone, as where there is no inotify.
            let watcher = Task { await session.watch(from: baseline, interval: .milliseconds(50), quiet: .milliseconds(20), notify: false) }
            defer { watcher.cancel() }
            let stream = try await client.events(until: "event: failed") {
                try folder.write(["guide.md": "---\ntitle: [unclosed\n---\n# Guide\n"], under: "Content")
            }
            #expect(stream.contains("data: Content/guide.md:"), "\(stream)")
            #expect(!stream.contains("broken_links"), "a front matter error needs no hint about links")
            // A page opened after the failure gets the overlay at once; the last good site is served.
            let later = try await client.events(until: "event: failed") {}
            #expect(later.contains("Content/guide.md:"))
            #expect(try await client.request("/guide/").text.contains("First version."))
            #expect(folder.snapshot("Output") == before)
        }
    }

    /// A rebuild stopped by a link to a page not written yet says how to keep previewing; one
    /// stopped by anything else, or by a link only warned about, does not.
    @Test func aBrokenLinkFailureSaysHowToKeepPreviewing() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[next](next.md)\n"], under: "Content")
        var failure: [Diagnostic] = []
        do { _ = try Pipeline(options: options(in: folder)).build() } catch let error as BuildError { failure = error.otherDiagnostics + error.diagnostics }
        #expect(PreviewSession.hint(for: failure)?.contains("'broken_links: warn'") == true, "\(failure)")
        #expect(PreviewSession.hint(for: failure.map { var d = $0; d.severity = .warning; return d }) == nil)
        #expect(PreviewSession.hint(for: [Diagnostic(file: "Content/a.md", line: 1, message: "front matter", stage: .load)]) == nil)
    }

    /// `octavo serve` runs `octavo-serve` from its own folder; an `octavo` alone there says how to
    /// get it, exits with status 1 and writes nothing.
    @Test func theServeCommandWithoutItsHelperSaysHowToBuildIt() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let executable = try #require(octavoExecutable)
        let alone = folder.url.appendingPathComponent("bin/octavo")
        try FileManager.default.createDirectory(at: alone.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A hard link: /proc/self/exe then names this folder, where no octavo-serve is.
        if link(executable.path, alone.path) != 0 { try FileManager.default.copyItem(at: executable, to: alone) }
        let result = try runProcess(alone, ["serve", "--port", "1"], in: folder.url)
        let message = result.stderr
        #expect(result.status == 1)
        #expect(message.contains("octavo serve runs octavo-serve, installed beside octavo, but \(folder.url.path)/bin/octavo-serve cannot be started"), "\(message)")
        #expect(message.contains("make octavo"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    /// `octavo serve` as a user runs it: it builds, prints the URL, and on SIGTERM stops and exits
    /// with status 0 (the deadline armed at the signal ends it even if a socket will not close).
    @Test func theServeCommandStopsOnSIGTERM() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nHello.\n"], under: "Content")
        let (process, log) = try Self.startServe(in: folder, logging: \.standardOutput)
        defer { if process.isRunning { process.terminate(); kill(process.processIdentifier, SIGKILL) } }
        let printed = Self.wait(for: "Serving Output at http://127.0.0.1:", in: log)
        #expect(printed.contains("Serving Output at http://127.0.0.1:"), "\(printed)")
        kill(process.processIdentifier, SIGTERM)
        // Bounded: a server that does not stop fails the test (and is killed), it does not hang it.
        for _ in 0..<600 where process.isRunning { usleep(50_000) }
        #expect(!process.isRunning, "octavo serve did not stop on SIGTERM")
        guard !process.isRunning else { return }
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: log, encoding: .utf8).hasSuffix("Stopped.\n"))
    }

    /// Starts `octavo serve` with the real templates in `folder`, one of its outputs (`stream`)
    /// written to a log file and the other dropped.
    static func startServe(in folder: TemporaryFolder, logging stream: ReferenceWritableKeyPath<Process, Any?>) throws -> (Process, URL) {
        let log = folder.url.appendingPathComponent("serve.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = octavoExecutable
        process.arguments = ["serve", "--templates", realTemplates.path]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process[keyPath: stream] = try FileHandle(forWritingTo: log)
        try process.run()
        return (process, log)
    }

    /// The log's text once it holds `text`, or after 30 s (bounded: a server that never says it
    /// fails the test, it does not hang it).
    static func wait(for text: String, in log: URL) -> String {
        var printed = ""
        for _ in 0..<600 where !printed.contains(text) {
            usleep(50_000)
            printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        return printed
    }

    /// A first build that fails says that the output folder was not created (there was none) and
    /// that there is nothing to serve yet; the server keeps running for the fix.
    @Test func aFirstBuildThatFailsSaysTheOutputFolderWasNotCreated() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[x](nope.md)\n"], under: "Content")
        let (process, log) = try Self.startServe(in: folder, logging: \.standardError)
        defer { if process.isRunning { process.terminate(); kill(process.processIdentifier, SIGKILL) } }
        let printed = Self.wait(for: "Build failed:", in: log)
        #expect(printed.contains("Content/index.md:3:1: error: link target 'nope.md' does not exist"), "\(printed)")
        #expect(printed.contains("Build failed: Output was not created; nothing to serve until a build succeeds."), "\(printed)")
        #expect(process.isRunning)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    #if os(Linux)
    @Test func aBurstOfSavesGivesOneRebuildWithEverySave() async throws {
        let folder = try TemporaryFolder()
        try Self.makeSource(folder)
        let events = ReloadEvents()
        let built = Unchecked.Locked(0)
        let session = PreviewSession(options: options(in: folder), events: events) { outcome in
            if case .built = outcome { built.withLock { $0 += 1 } }
        }
        let baseline = SourceSnapshot(of: session.watched)
        guard case .built = await session.build() else { Issue.record("first build failed"); return }
        try await Self.withServer(folder.url.appendingPathComponent("Output"), events: events) { _, client in
            // inotify sees the first save at once: the rebuild prepared then is dropped when the
            // next save comes (a second apart at most would still be one burst).
            let watcher = Task { await session.watch(from: baseline, interval: .seconds(3600), quiet: .seconds(1)) }
            defer { watcher.cancel() }
            _ = try await client.events(until: "event: reload") {
                try folder.write(["guide.md": "# Guide\n\nSecond version.\n"], under: "Content")
                try folder.write(["index.md": "# Home\n\nWelcome back. See [the guide](guide.md) and [more](more.md).\n"], under: "Content")
                try folder.write(["more.md": "# More\n\nA new page.\n"], under: "Content")
            }
            #expect(built.withLock { $0 } == 2, "the first build and one rebuild")
            #expect(try folder.read("Output/guide/index.html").contains("Second version."))
            #expect(try folder.read("Output/index.html").contains("Welcome back."))
            #expect(try folder.read("Output/more/index.html").contains("A new page."))
        }
    }
    #endif

    @Test func aPreparedBuildChangesTheOutputFolderOnlyWhenCommitted() throws {
        let folder = try TemporaryFolder()
        try Self.makeSource(folder)
        var pipeline = Pipeline(options: options(in: folder))
        pipeline.cache = BuildCache()
        _ = try pipeline.build()
        let before = folder.snapshot("Output")
        try folder.write(["guide.md": "# Guide\n\nSecond version.\n"], under: "Content")
        try pipeline.prepare().discard()
        #expect(folder.snapshot("Output") == before, "a discarded build leaves every file, and no staging folder")
        let prepared = try pipeline.prepare()
        #expect(folder.snapshot("Output").filter { !$0.key.hasPrefix(FileStage.folderName) } == before)
        let report = try prepared.commit()
        #expect((report.write?.written ?? 0) > 0)
        #expect(try folder.read("Output/guide/index.html").contains("Second version."))
        #expect(folder.snapshot("Output").keys.sorted() == before.keys.sorted())
    }

    // MARK: Rebuilds equal fresh builds

    @Test func aRebuildParsesTheChangedFileAndRendersThePagesThatShowIt() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "index.md": "# Home\n\nWelcome.\n",
            "a/index.md": "# Part A\n\nAbout A.\n",
            "a/x.md": "# Item X\n\nText of X.\n",
            "b/index.md": "# Part B\n\nAbout B.\n",
            "b/y.md": "# Item Y\n\nText of Y.\n",
        ], under: "Content")
        let templates = folder.url.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: realTemplates, to: templates)
        var pipeline = Pipeline(options: options(in: folder, templates: templates))
        pipeline.cache = BuildCache()
        let cache = try #require(pipeline.cache)
        let pages: Set = ["index.html", "a/index.html", "a/x/index.html", "b/index.html", "b/y/index.html"]
        _ = try pipeline.build()
        #expect(cache.parse.counts == (parsed: 5, reused: 0))
        #expect(cache.render.lastRendered == pages)
        #expect(cache.search.pageCounts == (read: 5, reused: 0))

        // Text after the first paragraph shows on Y's page only (not in its summary).
        try folder.write(["b/y.md": "# Item Y\n\nText of Y.\n\nMore of Y.\n"], under: "Content")
        _ = try pipeline.build()
        #expect(cache.parse.counts == (parsed: 6, reused: 4))
        #expect(cache.render.lastRendered == ["b/y/index.html"])
        #expect(cache.search.pageCounts == (read: 6, reused: 4))

        // X's title shows on X, in A's list of children, in the contents on the home page and as
        // B's previous page; Y's navigation does not show it.
        try folder.write(["a/x.md": "# Item X, retitled\n\nText of X.\n"], under: "Content")
        _ = try pipeline.build()
        #expect(cache.parse.counts == (parsed: 7, reused: 8))
        #expect(cache.render.lastRendered == pages.subtracting(["b/y/index.html"]))
        #expect(cache.search.pageCounts == (read: 7, reused: 8))

        // A template change renders every page and parses nothing.
        let layout = templates.appendingPathComponent("layout.mustache")
        try (String(contentsOf: layout, encoding: .utf8) + "<!-- changed -->\n").write(to: layout, atomically: true, encoding: .utf8)
        _ = try pipeline.build()
        #expect(cache.parse.counts == (parsed: 7, reused: 13))
        #expect(cache.render.lastRendered == pages)
        #expect(cache.search.pageCounts == (read: 7, reused: 13))

        // Nothing changed: nothing is parsed or rendered.
        let rendered = cache.render.counts
        _ = try pipeline.build()
        #expect(cache.parse.counts.parsed == 7)
        #expect(cache.render.counts.rendered == rendered.rendered)
    }

    /// A small seeded generator (SplitMix64), so a failing sequence of edits can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func aSequenceOfRandomEditsServesWhatAFreshBuildWrites() async throws {
        let folder = try TemporaryFolder()
        try Self.makeSource(folder)
        try FileManager.default.copyItem(at: realTemplates, to: folder.url.appendingPathComponent("Templates"))
        var served = options(in: folder, templates: folder.url.appendingPathComponent("Templates"))
        served.displayTemplates = "Templates"
        var fresh = served
        fresh.output = folder.url.appendingPathComponent("Fresh")
        let events = ReloadEvents()
        let session = PreviewSession(options: served, events: events) { _ in }
        guard case .built = await session.build() else { Issue.record("first build failed"); return }
        var random = SeededGenerator(state: 20261129)
        var pages: [Int] = []
        var next = 1
        var kinds: Set<Int> = []
        var firsts = Array(1..<8).shuffled(using: &random)
        let content = folder.url.appendingPathComponent("Content")
        // Pages in three folders: an edit in one leaves the navigation of the others' pages alone.
        func file(_ page: Int) -> URL { content.appendingPathComponent("s\(page % 3)/p\(page).md") }
        func write(_ page: Int, _ text: String) throws {
            try FileManager.default.createDirectory(at: file(page).deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file(page), atomically: true, encoding: .utf8)
        }
        try await Self.withServer(served.output, events: events) { _, client in
            for step in 0..<24 {
                // Each kind once, in a random order, then any.
                let edit = pages.count < 2 ? 0 : firsts.popLast() ?? Int.random(in: 0..<8, using: &random)
                kinds.insert(edit)
                let page = pages.randomElement(using: &random) ?? 0
                var done: String
                switch edit {
                case 0:
                    // A skipped heading level: a warning of the audit.
                    try write(next, "---\ndate: 2026-11-01\n---\n# Page \(next), caf\u{E9}\n\nText \(next). Back [home](../index.md).\n\n### Skipped\n")
                    pages.append(next)
                    done = "add p\(next)"
                    next += 1
                case 1:
                    try write(page, try String(contentsOf: file(page), encoding: .utf8) + "\nMore text \(step).\n")
                    done = "change p\(page)"
                case 2:
                    try FileManager.default.createDirectory(at: file(next).deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.moveItem(at: file(page), to: file(next))
                    pages[pages.firstIndex(of: page)!] = next
                    done = "rename p\(page) to p\(next)"
                    next += 1
                case 3:
                    try FileManager.default.removeItem(at: file(page))
                    pages.removeAll { $0 == page }
                    done = "delete p\(page)"
                case 4:
                    // The title shows in the navigation of other pages (its folder's page, its
                    // neighbours, the contents).
                    try write(page, "---\ndate: 2026-11-01\n---\n# Page \(page), caf\u{E9} retitled at \(step)\n\nText. Back [home](../index.md).\n")
                    done = "retitle p\(page)"
                case 5:
                    // The same title in the other Unicode form (é composed, or e and a combining
                    // accent): Swift's == takes both as equal, the bytes written differ.
                    let bytes = try [UInt8](Data(contentsOf: file(page)))
                    let composed: [UInt8] = [0xC3, 0xA9], decomposed: [UInt8] = [0x65, 0xCC, 0x81]
                    let changed = bytes.firstRange(of: composed) != nil ? bytes.replacing(composed, with: decomposed) : bytes.replacing(decomposed, with: composed)
                    try Data(changed).write(to: file(page))
                    done = "renormalize the title of p\(page)"
                case 6:
                    // A date that only the page's own date line and citation show, on the same
                    // line: nothing else of the page changes (not even a line number).
                    let text = try String(contentsOf: file(page), encoding: .utf8)
                    try write(page, text.replacingOccurrences(of: "date: 2026-11-\\d\\d", with: "date: 2026-11-\(10 + step % 18)", options: .regularExpression))
                    done = "date p\(page)"
                default:
                    let layout = folder.url.appendingPathComponent("Templates/layout.mustache")
                    let text = try String(contentsOf: layout, encoding: .utf8)
                    try text.replacingOccurrences(of: "</body>", with: "<!-- edit \(step) --></body>").write(to: layout, atomically: true, encoding: .utf8)
                    done = "change the layout"
                }
                guard case .built(let report, _) = await session.build() else { Issue.record("rebuild failed after: \(done)"); return }
                let freshReport = try Pipeline(options: fresh).build()
                #expect(report.diagnostics.map(\.description) == freshReport.diagnostics.map(\.description), "step \(step), \(done)")
                let expected = folder.snapshot("Fresh"), written = folder.snapshot("Output")
                // Named, not printed: a page's bytes would fill the log.
                let differing = Set(expected.keys).union(written.keys).filter { expected[$0] != written[$0] }.sorted()
                #expect(differing.isEmpty, "step \(step), \(done): these files differ from a fresh build's")
                for (path, bytes) in expected where !path.hasPrefix(".") && (path.hasSuffix(".html") || path.hasSuffix(".json")) {
                    let response = try await client.request("/" + path)
                    let want = path.hasSuffix(".html") ? LiveReload.inject(into: Array(bytes)) : Array(bytes)
                    #expect(response.status == 200, "/\(path)")
                    let same = response.body == want
                    #expect(same, "step \(step), \(done): /\(path) served differs from a fresh build")
                }
            }
        }
        #expect(kinds == Set(0..<8), "every kind of edit was made")
        // The rebuilds were incremental: most files were not parsed again, most pages not rendered again.
        #expect(session.cache.parse.counts.reused > session.cache.parse.counts.parsed)
        #expect(session.cache.render.counts.reused > 0)
    }
}
