import Foundation
import Testing
@testable import Octavo

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The real templates and content of the repository.
let realTemplates = packageRoot.appendingPathComponent("Templates")
let realContent = packageRoot.appendingPathComponent("Content")
let sharedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
/// Whether `../shared` (the source text's checker and the benchmark corpus script) is beside the package;
/// it is on the team's machines and in `.ci/run`, not in a plain clone.
let sharedAvailable = FileManager.default.fileExists(atPath: sharedFolder.appendingPathComponent("tools/check-conversion.py").path)

/// A folder under the system's temporary folder, removed when the value is released, or when
/// the test process exits for one that a `static let` holds (the shared build of the real
/// Content), which Swift never releases.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("octavo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = Self.removalAtExit
        _ = Self.living.withLock { $0.insert(url.path) }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
        _ = Self.living.withLock { $0.remove(url.path) }
    }

    /// The paths of the folders not yet released.
    private static let living = Unchecked.Locked(Set<String>())
    /// ``removeLiving()`` registered to run at exit, once.
    private static let removalAtExit: Void = { atexit { TemporaryFolder.removeLiving() } }()

    /// Removes every folder not yet released.
    private static func removeLiving() {
        for path in living.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Writes text files; keys are paths relative to the folder.
    @discardableResult
    func write(_ files: [String: String], under sub: String = "") throws -> URL {
        let base = sub.isEmpty ? url : url.appendingPathComponent(sub)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        for (path, text) in files {
            try writeBytes(Array(text.utf8), to: (sub.isEmpty ? "" : sub + "/") + path)
        }
        return base
    }

    func writeBytes(_ bytes: [UInt8], to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every regular file below `sub`, relative path → bytes; but `.octavo-stamp`, a cache of
    /// times and inode numbers that differs between any two builds (see ``BuildStampTests``), and
    /// `.octavo-parse-cache`, which names the binary that wrote it (see ``ParseCacheFileTests``).
    func snapshot(_ sub: String) -> [String: Data] {
        let base = url.appendingPathComponent(sub)
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            // By byte: a name that starts with a combining mark joins the `/` before it into one Character.
            let relative = String(decoding: file.standardizedFileURL.path.utf8.dropFirst(base.standardizedFileURL.path.utf8.count + 1), as: UTF8.self)
            if relative.lastPart == BuildStamp.fileName || relative.lastPart == ParseCacheFile.fileName { continue }
            result[relative] = FileManager.default.contents(atPath: file.path)
        }
        return result
    }
}

/// Options for a build of `content` (relative to `folder`) with the real templates into `folder/Output`.
func options(in folder: TemporaryFolder, content: String = "Content", templates: URL = realTemplates, strict: Bool = false) -> Pipeline.Options {
    Pipeline.Options(content: folder.url.appendingPathComponent(content), templates: templates,
                        output: folder.url.appendingPathComponent("Output"), displayContent: content,
                        displayTemplates: "Templates", displayOutput: "Output", strict: strict)
}

/// A block written as a page writes it, but with link `n`'s URL written `LINKn` and its label `LABELn`.
func written(_ block: MarkdownBlock) -> String {
    var writer = BlockHTML()
    writer.link = { "LINK\($0)" }
    writer.label = { "LABEL\($0)" }
    return writer.html(of: [block], paragraphIDs: [nil])
}

/// Parses one Markdown text as the pipeline does.
func parse(_ markdown: String) -> MarkdownDocument {
    var ids = HeadingIDGenerator()
    return MarkdownParser().parse(markdown, ids: &ids)
}

/// Outlines Markdown files given as path → text (front matter allowed).
func outline(_ files: [String: String]) throws -> Site {
    let inputs = try files.sorted { $0.key < $1.key }.map { path, text in
        let source = try SourceFile(bytes: Array(text.utf8), path: path, displayPath: "Content/" + path)
        var ids = HeadingIDGenerator()
        return Outliner.Input(source: source, markdown: MarkdownParser().parse(source.body, ids: &ids))
    }
    return try Outliner().outline(inputs, assets: [])
}

/// What a built HTML page links to and which ids it defines. A test-only reading of Octavo's own
/// output (attributes are always double-quoted there); not a general HTML parser.
struct PageLinks {
    var hrefs: [String] = []
    var ids: Set<String> = []
    var next: String?
    var prev: String?

    init(_ html: String) {
        hrefs = Self.values(of: "href", in: html) + Self.values(of: "src", in: html)
        ids = Set(Self.values(of: "id", in: html))
        next = Self.rel("next", in: html)
        prev = Self.rel("prev", in: html)
    }

    static func values(of attribute: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\s\(attribute)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        // By UTF-16 offsets, not String ranges: a value that starts with a combining mark starts
        // inside a Character (`"` + U+0301), which `Range(_:in:)` would not give.
        let text = html as NSString
        return pattern.matches(in: html, range: range).map { match in
            text.substring(with: match.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    static func rel(_ rel: String, in html: String) -> String? {
        let pattern = try! NSRegularExpression(pattern: "<link rel=\"\(rel)\" href=\"([^\"]*)\"")
        guard let match = pattern.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
              let range = Range(match.range(at: 1), in: html) else { return nil }
        return String(html[range])
    }
}

/// Resolves `href` written in the page at `page` (a path relative to the site root) to a site path
/// and fragment; `nil` for external links.
func resolve(_ href: String, from page: String) -> (path: String, fragment: String?)? {
    if href.contains("://") || href.hasPrefix("mailto:") { return nil }
    var rest = href
    var fragment: String?
    if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
        fragment = String(rest[rest.utf8.index(after: hash)...]).removingPercentEncoding
        rest = String(rest[..<hash])
    }
    if let query = rest.utf8.firstIndex(of: UInt8(ascii: "?")) { rest = String(rest[..<query]) }
    if rest.isEmpty { return (page, fragment) }
    var parts = page.pathParts().dropLast().map(String.init)
    for part in (rest.removingPercentEncoding ?? rest).pathParts() {
        if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
    }
    return (parts.joined(separator: "/"), fragment)
}

/// Checks every internal link and fragment of every HTML file in `files`; returns the broken ones.
func brokenLinks(in files: [String: Data]) -> [String] {
    var pages: [String: PageLinks] = [:]
    for (path, data) in files where path.hasSuffix(".html") {
        pages[path] = PageLinks(String(decoding: data, as: UTF8.self))
    }
    var broken: [String] = []
    for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
        for href in page.hrefs {
            guard let (target, fragment) = resolve(href, from: path) else { continue }
            if target.hasSuffix("/") || !(files[target] != nil) {
                broken.append("\(path): \(href) (no file)")
            } else if let fragment, !fragment.isEmpty, pages[target]?.ids.contains(where: { $0.utf8.elementsEqual(fragment.utf8) }) != true {
                // By byte, as a browser compares ids (Swift's `==` takes NFC and NFD as equal).
                broken.append("\(path): \(href) (no id)")
            }
        }
    }
    return broken
}

/// Whether a program is on the PATH (for tests that need `node`, `chromium` or `python3`).
func isInstalled(_ program: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
}

/// Runs a program found on the PATH; returns its exit status and standard output (standard error
/// is dropped: Chromium writes warnings there).
func runProgram(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The text of the `<main>` element of an HTML page, one block per line and each heading on a line
/// starting with `# ` (as check-conversion.py reads Markdown). Elements with `aria-hidden="true"`
/// and permalinks (`a.permalink`) are left out: they are decoration, not the document's text.
func mainText(of html: String) throws -> String {
    let script = #"""
    import sys, html.parser
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "div", "td", "th", "dt", "dd", "ol", "ul", "table", "tr", "main", "article"}
    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}
    class Text(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.inside = False; self.skip = 0; self.line = ""; self.heading = False; self.lines = []
        def flush(self):
            text = " ".join(self.line.split())
            if text: self.lines.append(("# " if self.heading else "") + text)
            self.line = ""; self.heading = False
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "main": self.inside = True
            if not self.inside or tag in VOID: return
            if self.skip: self.skip += 1; return
            if attrs.get("aria-hidden") == "true" or (tag == "a" and "permalink" in (attrs.get("class") or "").split()):
                self.skip = 1; return
            if tag in BLOCKS: self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"): self.heading = True
        def handle_endtag(self, tag):
            if not self.inside or tag in VOID: return
            if self.skip: self.skip -= 1; return
            if tag in BLOCKS: self.flush()
            if tag == "main": self.inside = False
        def handle_data(self, data):
            if self.inside and not self.skip: self.line += data
    parser = Text(); parser.feed(sys.stdin.read()); parser.flush()
    print("\n\n".join(parser.lines))
    """#
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(html.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Writes `pages` pages of `../shared/bench/make-corpus.py` to `folder/Content`.
func makeCorpus(_ pages: Int, in folder: TemporaryFolder) throws {
    let (status, _) = try runProgram(["python3", sharedFolder.appendingPathComponent("bench/make-corpus.py").path,
                                      folder.url.appendingPathComponent("Content").path, String(pages)])
    try #require(status == 0, "make-corpus.py failed")
}

/// The scheme an href would be read with (RFC 3986, §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`
/// before any `/`, `?` or `#`), or `nil` for a relative reference.
func scheme(of href: String) -> String? {
    var scheme = ""
    for scalar in href.unicodeScalars {
        if scalar == ":" { return scheme.isEmpty ? nil : scheme }
        let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        guard isLetter || (!scheme.isEmpty && (("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar))) else { return nil }
        scheme.unicodeScalars.append(scalar)
    }
    return nil
}

extension MarkdownBlock {
    /// The block's HTML as the site writes it without paragraph anchors, internal link `n` written
    /// as `octavo-link:n` and labels left empty: the parser's tests read the parse stage's output.
    var html: String {
        var writer = BlockHTML()
        writer.link = { "octavo-link:\($0)" }
        writer.label = { _ in "" }
        return writer.html(of: [self], paragraphIDs: [nil])
    }
}
