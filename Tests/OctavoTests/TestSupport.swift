import Foundation
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

/// A folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("octavo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

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

    /// Every regular file below `sub`, relative path → bytes.
    func snapshot(_ sub: String) -> [String: Data] {
        let base = url.appendingPathComponent(sub)
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))
            result[relative] = FileManager.default.contents(atPath: file.path)
        }
        return result
    }
}

/// Options for a build of `content` (relative to `folder`) with the real templates into `folder/Output`.
func options(in folder: TemporaryFolder, content: String = "Content", templates: URL = realTemplates, strict: Bool = false) -> SiteBuilder.Options {
    SiteBuilder.Options(content: folder.url.appendingPathComponent(content), templates: templates,
                        output: folder.url.appendingPathComponent("Output"), displayContent: content,
                        displayTemplates: "Templates", strict: strict)
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
        return pattern.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
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
    if let hash = rest.firstIndex(of: "#") {
        fragment = String(rest[rest.index(after: hash)...]).removingPercentEncoding
        rest = String(rest[..<hash])
    }
    if rest.isEmpty { return (page, fragment) }
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for part in (rest.removingPercentEncoding ?? rest).split(separator: "/") {
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
            } else if let fragment, !fragment.isEmpty, pages[target]?.ids.contains(fragment) != true {
                broken.append("\(path): \(href) (no id)")
            }
        }
    }
    return broken
}
