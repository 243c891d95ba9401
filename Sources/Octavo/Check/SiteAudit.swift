import Foundation

/// Checks a rendered site as a reader's browser would meet it: links that templates made,
/// duplicate ids, pages no link leads to, and headings that skip a level.
///
/// Content links are already checked by ``LinkResolver``; the audit reads the HTML Octavo wrote
/// (its attributes are always double-quoted) so that template mistakes are caught too.
public struct SiteAudit: Sendable {
    /// The outlined site.
    public var site: Site
    /// The link stage's result; links it reported are not reported again.
    public var links: LinkResolver.Resolution
    /// `(path, html)` of every page.
    public var pages: [(path: String, html: String)]
    /// Every path the build writes (pages and assets).
    public var files: Set<String>

    /// Creates an audit.
    public init(site: Site, links: LinkResolver.Resolution, pages: [(path: String, html: String)], files: Set<String>) {
        self.site = site
        self.links = links
        self.pages = pages
        self.files = files
    }

    /// Every problem found: errors for broken links made by templates, warnings for duplicate
    /// ids, unreachable pages and skipped heading levels.
    /// - Complexity: O(total size of the HTML).
    public func diagnostics() -> [Diagnostic] {
        var result: [Diagnostic] = []
        let scanned = pages.map { HTMLAttributes(html: $0.html) }
        var idsByPath: [String: Set<String>] = [:]
        for (index, page) in pages.enumerated() { idsByPath[page.path] = Set(scanned[index].ids) }

        var reached: Set<String> = []
        var queue = ["index.html"]
        var edges: [String: [String]] = [:]
        for (index, page) in pages.enumerated() {
            let location = self.location(ofPage: index)
            var seen: Set<String> = []
            for id in scanned[index].ids where !seen.insert(id).inserted {
                result.append(Diagnostic(file: location.file, line: location.line, severity: .warning,
                                         message: "page '\(page.path)' has the id '\(id)' more than once"))
            }
            let unresolved = unresolvedDestinations(ofPage: index)
            for reference in scanned[index].references {
                guard LinkReference.isInternal(reference), !unresolved.contains(reference),
                      !reference.hasPrefix(LinkReference.placeholderPrefix) else { continue }
                let (path, fragment) = Self.resolve(reference, from: page.path)
                guard files.contains(path) else {
                    result.append(Diagnostic(file: location.file, line: location.line, severity: .error,
                                             message: "page '\(page.path)' links to '\(reference)', which the build does not write"))
                    continue
                }
                edges[page.path, default: []].append(path)
                if let fragment, !fragment.isEmpty, let ids = idsByPath[path], !ids.contains(fragment) {
                    result.append(Diagnostic(file: location.file, line: location.line, severity: .error,
                                             message: "page '\(page.path)' links to '\(reference)', but '\(path)' has no id '\(fragment)'"))
                }
            }
        }
        while let path = queue.popLast() {
            guard reached.insert(path).inserted else { continue }
            queue += edges[path, default: []]
        }
        for (index, page) in pages.enumerated() where !reached.contains(page.path) {
            let location = self.location(ofPage: index)
            result.append(Diagnostic(file: location.file, line: location.line, severity: .warning,
                                     message: "no link leads to page '\(page.path)' from the home page"))
        }
        result += skippedHeadingLevels()
        return result
    }

    /// Warnings for headings more than one level deeper than the heading before them on their
    /// page (the page's title counts as level 1).
    func skippedHeadingLevels() -> [Diagnostic] {
        var result: [Diagnostic] = []
        for page in site.pages {
            guard let document = page.document else { continue }
            var previous = 1
            for block in page.blocks + page.closing {
                guard let level = block.headingLevel else { continue }
                if level > previous + 1 {
                    result.append(Diagnostic(file: site.documents[document].displayPath,
                                             line: site.documents[document].bodyFirstLine + block.line - 1, column: 1,
                                             severity: .warning,
                                             message: "heading level \(level) skips level \(previous + 1): use \(String(repeating: "#", count: previous + 1))"))
                }
                previous = level
            }
        }
        return result
    }

    private func location(ofPage index: Int) -> (file: String, line: Int?) {
        let page = site.pages[index]
        guard let document = page.document else { return ("the page of folder '\((page.path as NSString).deletingLastPathComponent)'", nil) }
        return (site.documents[document].displayPath, page.line)
    }

    private func unresolvedDestinations(ofPage index: Int) -> Set<String> {
        guard let document = site.pages[index].document else { return [] }
        var result: Set<String> = []
        for (link, target) in zip(site.documents[document].links, links.targets[document]) {
            if case .unresolved = target { result.insert(link.destination) }
        }
        return result
    }

    /// The site path and fragment an href written in the page at `page` leads to.
    static func resolve(_ reference: String, from page: String) -> (String, String?) {
        var rest = reference
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            let raw = String(rest[rest.index(after: hash)...])
            fragment = raw.removingPercentEncoding ?? raw
            rest = String(rest[..<hash])
        }
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        if rest.isEmpty { return (page, fragment) }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in (rest.removingPercentEncoding ?? rest).split(separator: "/") {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
        }
        return (parts.joined(separator: "/") + (rest.hasSuffix("/") ? "/" : ""), fragment)
    }
}

/// The `id`, `href` and `src` attribute values of an HTML page Octavo wrote.
struct HTMLAttributes {
    var ids: [String] = []
    var references: [String] = []

    init(html: String) {
        let bytes = Array(html.utf8)
        var index = 0
        let count = bytes.count
        while index < count {
            // Attributes follow a space inside a tag: ` id="`, ` href="`, ` src="`.
            if bytes[index] == UInt8(ascii: " ") {
                if let (name, start) = Self.attribute(in: bytes, at: index + 1) {
                    var end = start
                    while end < count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    let value = Self.unescape(String(decoding: bytes[start..<end], as: UTF8.self))
                    if name == "id" { ids.append(value) } else { references.append(value) }
                    index = end
                    continue
                }
            }
            index += 1
        }
    }

    private static let names: [(String, [UInt8])] = [("id", Array("id=\"".utf8)), ("href", Array("href=\"".utf8)), ("src", Array("src=\"".utf8))]

    private static func attribute(in bytes: [UInt8], at index: Int) -> (String, Int)? {
        for (name, pattern) in names where index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return (name, index + pattern.count) }
        }
        return nil
    }

    private static func unescape(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
