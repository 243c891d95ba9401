import Foundation

/// Checks a rendered site as a reader's browser would meet it: links that templates made,
/// duplicate ids, pages no link leads to, and headings that skip a level.
///
/// Content links are already checked by ``LinkResolver``; the audit reads the HTML Octavo wrote
/// with ``HTMLTokenizer``, as a browser would (an id inside a comment is no id), so that template
/// mistakes are caught too.
public struct SiteAudit: Sendable {
    /// The outlined site.
    public var site: Site
    /// The link stage's result; links it reported are not reported again.
    public var links: LinkResolver.Resolution
    /// `(path, html)` of every page.
    public var pages: [(path: String, html: String)]
    /// Every path the build writes (pages and assets).
    public var files: Set<String>
    /// Where the templates write links, so that a broken one is reported at the template; without
    /// it (or when no template attribute matches) at the page's source.
    public var templates: TemplateLinkLocator?
    /// Where the templates write ids, so that an id a page repeats is reported at the template.
    public var templateIDs: TemplateIDLocator?
    /// The scans of earlier builds (`octavo serve`): pages whose HTML is unchanged are not read again.
    public var cache: AuditCache?
    /// The pages' scans, made as the build rendered them (see ``PageScanner``), in the order of
    /// ``pages``, whose HTML is then not read (it may be empty).
    var scanned: [PageScan]?

    /// Creates an audit.
    public init(site: Site, links: LinkResolver.Resolution, pages: [(path: String, html: String)], files: Set<String>,
                templates: TemplateLinkLocator? = nil) {
        self.site = site
        self.links = links
        self.pages = pages
        self.files = files
        self.templates = templates
    }

    /// Every problem found: errors for broken links made by templates, warnings for duplicate
    /// ids, unreachable pages and skipped heading levels.
    /// - Complexity: O(total size of the HTML).
    public func diagnostics() -> [Diagnostic] {
        var result: [Diagnostic] = []
        let scans = self.scans()
        // Ids and paths compared by code point, as a browser and a file system compare them:
        // Swift's `==` takes NFC and NFD forms as equal, so a link it accepts could lead nowhere.
        var idsByPath: [String: Set<ByteString>] = [:]
        for (index, page) in pages.enumerated() { idsByPath[page.path] = scans[index].idBytes }
        let exactFiles = Set(files.map(ByteString.init))

        // Pages by path (pages whose paths Swift's `==` takes as equal are reached together, as
        // when paths were the nodes), and each page's links to pages, once each: numbers, so that
        // the graph of a site of 10,000 pages is a few megabytes.
        let pagesByPath = Dictionary(grouping: pages.indices, by: { pages[$0].path })
        var edges = [[Int32]](repeating: [], count: pages.count)
        var missing: [ByteString: [(page: Int, reference: String)]] = [:]
        var missingOrder: [String] = []
        var climbs: [(page: Int, reference: String)] = []
        // A template link is on many pages: one diagnostic per place in the templates and message.
        var reportedInTemplates: Set<String> = []
        // What each link of the scans' tables leads to, found once per link (on all cores) rather
        // than once per page that has it: pages of a folder share their navigation links.
        var verdicts: [ObjectIdentifier: [Int32]] = [:]
        for scan in scans where verdicts[ObjectIdentifier(scan.table)] == nil {
            verdicts[ObjectIdentifier(scan.table)] = Self.verdicts(of: scan.table, files: exactFiles, ids: idsByPath, pages: pagesByPath)
        }
        for (index, page) in pages.enumerated() {
            var seen: Set<String> = []
            for id in scans[index].ids where !seen.insert(id).inserted {
                let place = self.location(ofID: id, onPage: index)
                result.append(Diagnostic(file: place.file, line: place.line, column: place.column, severity: .warning,
                                         message: "page '\(page.path)' has the id '\(id)' more than once"))
            }
            let table = scans[index].table
            let found = verdicts[ObjectIdentifier(table)] ?? []
            for number in scans[index].linkNumbers {
                let verdict = Int(number) < found.count ? found[Int(number)] : Self.lookAgain
                if verdict >= 0 {
                    edges[index].append(verdict)
                    continue
                }
                if verdict == Self.leadsToNoPage { continue }
                let link = table.link(number)
                let reference = link.reference
                guard case .path(let path, let bytes, let fragment) = link.target else {
                    climbs.append((index, reference))
                    continue
                }
                guard exactFiles.contains(bytes) else {
                    if missing[bytes] == nil { missingOrder.append(path) }
                    missing[bytes, default: []].append((index, reference))
                    continue
                }
                if link.tag == "img", path.hasSuffix(".html") || path.hasSuffix("/") {
                    let diagnostic = self.diagnostic(reference, page: index,
                                                     "page '\(page.path)' shows '\(reference)' as an image, but it is a page: link to it with <a href>, or name an image file")
                    if diagnostic.column == nil || reportedInTemplates.insert("img \(diagnostic.file):\(diagnostic.line ?? 0):\(diagnostic.column ?? 0)").inserted {
                        result.append(diagnostic)
                    }
                    continue
                }
                if let targets = pagesByPath[path] {
                    for target in targets { edges[index].append(Int32(target)) }
                }
                if let fragment, !fragment.isEmpty, let ids = idsByPath[path], !ids.contains(ByteString(fragment)) {
                    let diagnostic = self.diagnostic(reference, page: index, "page '\(page.path)' links to '\(reference)', but '\(path)' has no id '\(fragment)'")
                    // At a template (the only diagnostics with a column here), once for all pages; the message names the first.
                    if diagnostic.column == nil || reportedInTemplates.insert("# \(diagnostic.file):\(diagnostic.line ?? 0):\(diagnostic.column ?? 0) \(fragment)").inserted {
                        result.append(diagnostic)
                    }
                }
            }
        }
        // A link a template writes is broken on every page: say so once, at the first page.
        for path in missingOrder {
            guard let first = missing[ByteString(path)]?.first, let count = missing[ByteString(path)]?.count else { continue }
            let others = count > 1 ? " (and on \(count - 1) other page\(count == 2 ? "" : "s"))" : ""
            result.append(diagnostic(first.reference, page: first.page,
                                     "page '\(pages[first.page].path)' links to '\(first.reference)', which the build does not write\(others)"))
        }
        // A template's link climbs on every page: say so once, at the first page.
        if let first = climbs.first {
            let others = climbs.count > 1 ? " (and \(climbs.count - 1) other link\(climbs.count == 2 ? "" : "s"))" : ""
            result.append(diagnostic(first.reference, page: first.page,
                                     "page '\(pages[first.page].path)' links to '\(first.reference)', which climbs above the site's root\(others): remove a '../' (after {{site.root}}, none is needed)"))
        }
        var reached = [Bool](repeating: false, count: pages.count)
        var queue: [Int32] = []
        func reach(_ page: Int) {
            for member in pagesByPath[pages[page].path] ?? [] where !reached[member] {
                reached[member] = true
                queue.append(Int32(member))
            }
        }
        for start in pagesByPath["index.html"] ?? [] { reach(start) }
        while let page = queue.popLast() {
            for target in edges[Int(page)] where !reached[Int(target)] { reach(Int(target)) }
        }
        for (index, page) in pages.enumerated() where !reached[index] {
            let location = self.location(ofPage: index)
            result.append(Diagnostic(file: location.file, line: location.line, column: location.line.map { _ in 1 }, severity: .warning,
                                     message: "no link leads to page '\(page.path)' from the home page"))
        }
        result += skippedHeadingLevels()
        return result
    }

    /// A link's verdict (see ``verdicts(of:files:ids:pages:)``): it leads to a file the build
    /// writes that is no page, and is no image.
    static let leadsToNoPage: Int32 = -2
    /// A link's verdict: there may be something to report, or it leads to more than one page
    /// (paths Swift's `==` takes as equal); ``diagnostics()`` looks at it again on each page.
    static let lookAgain: Int32 = -1

    /// The verdict on each link of `table`, by number, found on all cores: the page it leads to
    /// when it is found (a file the build writes, no image of a page, its fragment an id there),
    /// ``leadsToNoPage``, or ``lookAgain``.
    /// - Parameters:
    ///   - files: Every path the build writes, as bytes.
    ///   - ids: Each page's ids as bytes, by its path.
    ///   - pages: The pages with each path.
    static func verdicts(of table: PageScan.LinkTable, files: Set<ByteString>, ids: [String: Set<ByteString>], pages: [String: [Int]]) -> [Int32] {
        var verdicts = [Int32](repeating: lookAgain, count: table.count)
        verdicts.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { number in
                let link = table.link(Int32(number))
                guard case .path(let path, let bytes, let fragment) = link.target, files.contains(bytes),
                      link.tag != "img" || !(path.hasSuffix(".html") || path.hasSuffix("/")) else { return }
                if let fragment, !fragment.isEmpty, let found = ids[path], !found.contains(ByteString(fragment)) { return }
                let targets = pages[path] ?? []
                if targets.count <= 1 { output.buffer[number] = targets.first.map(Int32.init) ?? leadsToNoPage }
            }
        }
        return verdicts
    }

    /// Each page's ``PageScan``: those the build made as it rendered (``scanned``), else from
    /// ``cache`` when the page's HTML is unchanged, else its HTML tokenized (on all cores) and its
    /// links resolved.
    func scans() -> [PageScan] {
        if let scanned { return scanned }
        var scanner = PageScanner(site: site, links: links, cache: cache)
        let known = pages.indices.map { scanner.cached($0, html: pages[$0].html) }
        var tokens = [HTMLTokenizer?](repeating: nil, count: pages.count)
        tokens.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pages.count) {
                if known[$0] == nil { output.buffer[$0] = HTMLTokenizer(html: pages[$0].html) }
            }
        }
        let made = pages.indices.map { scanner.scan($0, tokens: tokens[$0], known: known[$0], html: pages[$0].html) }
        scanner.finish()
        return made
    }

    /// Warnings for headings more than one level deeper than the heading before them in their
    /// source (a page's own heading counts; a page without one starts at level 1, its title).
    func skippedHeadingLevels() -> [Diagnostic] {
        var result: [Diagnostic] = []
        for page in site.pages {
            guard let document = page.document else { continue }
            var previous = page.heading?.headingLevel ?? 1
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
        site.location(ofPage: index)
    }

    /// An error about `reference` on page `index`: at the template attribute that writes it when
    /// one matches, else at the page's source.
    private func diagnostic(_ reference: String, page index: Int, _ message: String) -> Diagnostic {
        if let place = templates?.location(of: reference) {
            return Diagnostic(file: place.file, line: place.line, column: place.column, severity: .error, message: message)
        }
        // A link of the page's own source: at its line and column.
        if let document = site.pages[index].document,
           let link = (site.documents[document].links + site.documents[document].externalLinks).first(where: { $0.destination == reference }) {
            return Diagnostic(file: site.documents[document].displayPath, line: site.documents[document].bodyFirstLine + link.line - 1,
                              column: link.column, severity: .error, message: message)
        }
        // A link of raw HTML (`unsafe: true`): at the line of the block that writes it.
        if let document = site.pages[index].document, let line = Self.rawHTMLLine(of: reference, on: site.pages[index]) {
            return Diagnostic(file: site.documents[document].displayPath, line: site.documents[document].bodyFirstLine + line - 1,
                              severity: .error, message: message)
        }
        let location = self.location(ofPage: index)
        return Diagnostic(file: location.file, line: location.line, column: location.line.map { _ in 1 }, severity: .error, message: message)
    }

    /// The 1-based line in the page's body of the first raw HTML that holds `reference`: the line
    /// of its block, plus the lines before it within the block (cmark writes raw HTML as it is in
    /// the source, line for line); `nil` when no block holds it.
    static func rawHTMLLine(of reference: String, on page: Page) -> Int? {
        let quoted = ["\"\(reference)\"", "'\(reference)'", "=\(reference)"]
        for block in (page.heading.map { [$0] } ?? []) + page.blocks + page.closing {
            var before = 0
            for segment in block.content {
                guard case .html(let html) = segment else { continue }
                if let match = quoted.lazy.compactMap({ html.range(of: $0) }).first {
                    return block.line + before + html[..<match.lowerBound].utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                }
                before += html.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
        }
        return nil
    }

    /// Where an id of a page was written: the heading of the page's source that has it (line,
    /// column 1), else the template that writes it, else the page's source.
    private func location(ofID id: String, onPage index: Int) -> (file: String, line: Int?, column: Int?) {
        let page = site.pages[index]
        if let document = page.document {
            for block in (page.heading.map { [$0] } ?? []) + page.blocks + page.closing where block.id == id || block.nestedIDs.contains(id) {
                return (site.documents[document].displayPath, site.documents[document].bodyFirstLine + block.line - 1, 1)
            }
        }
        if let place = templateIDs?.location(of: id) { return (place.file, place.line, place.column) }
        let location = self.location(ofPage: index)
        return (location.file, location.line, location.line.map { _ in 1 })
    }

    /// Whether `reference`, written in the page at `page`, has more `..` than the page has folders
    /// above it: a browser would stay at the root on file:// and leave the site under a sub-path.
    static func climbsAboveRoot(_ reference: String, from page: String) -> Bool {
        climbsAboveRoot(reference, depth: page.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    /// ``climbsAboveRoot(_:from:)`` for a page `depth` folders below the root, read byte by byte
    /// (every link of every page comes here).
    static func climbsAboveRoot(_ reference: String, depth start: Int) -> Bool {
        var depth = start
        var length = 0, dots = 0
        // A part between slashes: ".." climbs, "." stays, an empty one is skipped, others descend.
        func endPart() -> Bool {
            defer { length = 0; dots = 0 }
            guard length > 0 else { return false }
            if length == 2, dots == 2 {
                depth -= 1
                return depth < 0
            }
            if length != 1 || dots != 1 { depth += 1 }
            return false
        }
        for byte in reference.utf8 {
            if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "?") { break }
            if byte == UInt8(ascii: "/") {
                if endPart() { return true }
                continue
            }
            length += 1
            if byte == UInt8(ascii: ".") { dots += 1 }
        }
        return endPart()
    }

    /// The site path and fragment an href written in the page at `page` leads to.
    static func resolve(_ reference: String, from page: String) -> (String, String?) {
        var rest = Substring(reference)
        var fragment: String?
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            let raw = String(rest[rest.utf8.index(after: hash)...])
            fragment = raw.utf8.contains(UInt8(ascii: "%")) ? (raw.removingPercentEncoding ?? raw) : raw
            rest = rest[..<hash]
        }
        if let query = rest.utf8.firstIndex(of: UInt8(ascii: "?")) { rest = rest[..<query] }
        if rest.isEmpty { return (page, fragment) }
        let decoded = rest.utf8.contains(UInt8(ascii: "%")) ? (rest.removingPercentEncoding ?? String(rest)) : String(rest)
        var parts = page.pathParts()
        parts.removeLast()
        for part in decoded.pathParts() {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(part) }
        }
        return (parts.joined(separator: "/") + (decoded.hasSuffix("/") ? "/" : ""), fragment)
    }
}
