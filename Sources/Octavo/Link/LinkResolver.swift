import Foundation

/// The link stage: resolves every internal link of every document to a page, an anchor on a
/// page, or an asset.
///
/// Understood forms, relative to the Markdown file that holds the link:
/// - `other.md`, `../guide/other.md`, `/guide/other.md` (from the content root): the file's first page;
/// - `other.md#anchor`, `#anchor`: the page that holds the heading with that id after splitting;
/// - `#III.3`, `other.md#III`: the page numbered so in that document;
/// - `#p2`: paragraph anchor 2 of the page that holds the link; `other.md#p2`: of that file's
///   first page; `#III.3.p2`: of the page numbered III.3;
/// - any other path: a file of the content folder, copied as an asset, or a folder by its page
///   (`index.md` or `_index.md` in any letter case, else `README.md`), written `folder/`,
///   `folder/index.md` or `folder/index.html`;
/// - `@/path.md` (Zola) and `doc:` (DocC) are errors that say what to write instead;
/// - a `?query` after the path is kept, before the fragment, in the URL written.
public struct LinkResolver: Sendable {
    /// Files the build writes besides pages and content assets (`search.html`, `print.html`,
    /// `assets/style.css` of the templates …), by output path: links to them resolve.
    public var builtFiles: Set<String>
    /// Ids the templates write on pages besides the headings' (the literal ids of
    /// ``TemplateSet/reservedIDs``, such as `content`): a fragment naming one leads to the document's
    /// first page; the audit then checks, in the rendered HTML, that the page has it. `title` leads
    /// to a page only when the page has no heading, so that its `<h1>` has that id.
    public var pageIDs: Set<String>
    /// Paths of the documents that are unpublished drafts (`draft: true`, built without
    /// `--drafts`), left out of the site: a link to one from a document that is not a draft itself
    /// is an error.
    public var drafts: Set<String> = []
    /// Whether a link to `name.html` leads to the page of `name.md`, as in an mdBook book (the
    /// content has its `SUMMARY.md`): mdBook writes each chapter so, and books link so.
    public var htmlNamesMarkdown = false
    /// What to add to the message of a missing path (normalized, from the content folder) that a
    /// folder the build does not read has, such as a Hugo or Zola site's `static/`; `nil`: nothing.
    public var unreadFolderHint: (@Sendable (String) -> String?)?

    /// Creates a resolver.
    public init(builtFiles: Set<String> = [], pageIDs: Set<String> = []) {
        self.builtFiles = builtFiles
        self.pageIDs = pageIDs
    }

    /// The result: for each document (by index), the target of each of its links (by index).
    public struct Resolution: Sendable {
        /// `targets[document][link]`.
        public var targets: [[LinkTarget]]
        /// One diagnostic for each unresolved link.
        public var diagnostics: [Diagnostic]
        /// `labels[document][link]`: the text to write in a link written without any
        /// (``LinkReference/fillsText``), see ``LinkLabel``; `nil` for every other link.
        public var labels: [[String?]] = []

        /// The label of link `link` of document `document`, if it has one.
        public func label(document: Int, link: Int) -> String? {
            guard document < labels.count, link < labels[document].count else { return nil }
            return labels[document][link]
        }
    }

    /// Resolves the links of every document of `site`.
    /// - Complexity: O(links) dictionary look-ups.
    public func resolve(_ site: Site) -> Resolution {
        var documentsByPath: [String: Int] = [:]
        for (index, document) in site.documents.enumerated() { documentsByPath[document.path] = index }
        let folderPages = site.folderPageDocuments()
        let assetPaths = Set(site.assets.map(\.path))
        var targets: [[LinkTarget]] = []
        var labels: [[String?]] = []
        var diagnostics: [Diagnostic] = []
        let linkPages = Self.linkPages(site)
        // Made at the first broken link only: a site whose links all resolve pays nothing for hints.
        var alternatives: Alternatives?
        for (documentIndex, document) in site.documents.enumerated() {
            var resolved: [LinkTarget] = []
            var documentLabels: [String?] = []
            for (linkIndex, link) in document.links.enumerated() {
                let from = linkPages[documentIndex][linkIndex]
                var target = resolve(link.destination, in: document, from: from, site: site, documents: documentsByPath, folderPages: folderPages,
                                     assets: assetPaths, alternatives: &alternatives, naming: link.isImage ? "image" : "link target")
                if link.isImage, Self.isPage(target, site: site) {
                    target = .unresolved("image source '\(link.destination)' is a page, not an image: link to it with [text](\(link.destination)), or give an image file")
                }
                if case .unresolved(let reason) = target {
                    diagnostics.append(Diagnostic(file: document.displayPath, line: document.bodyFirstLine + link.line - 1,
                                                  column: link.column, severity: .error, message: reason))
                }
                resolved.append(target)
                documentLabels.append(link.fillsText ? Self.label(of: target, site: site) : nil)
            }
            for link in document.externalLinks {
                guard let reason = Self.unfollowable(link.destination) else { continue }
                diagnostics.append(Diagnostic(file: document.displayPath, line: document.bodyFirstLine + link.line - 1,
                                              column: link.column, severity: .error, message: reason))
            }
            targets.append(resolved)
            labels.append(documentLabels)
        }
        return Resolution(targets: targets, diagnostics: diagnostics, labels: labels)
    }

    /// A destination's part percent-decoded and in NFC. A part of ASCII bytes without `%` is
    /// both already (most links): it is returned as it
    /// is, without Foundation's two passes, which were most of the link stage's time.
    static func decoded(_ part: String) -> String {
        if part.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "%") }) { return part }
        return (part.removingPercentEncoding ?? part).precomposedStringWithCanonicalMapping
    }

    /// Why a browser cannot follow a link written for another documentation tool, with what to
    /// write instead, or `nil`: DocC's `doc:` links name symbols and articles, not pages of a site.
    static func unfollowable(_ destination: String) -> String? {
        guard destination.lowercased().hasPrefix("doc:") else { return nil }
        return "link target '\(destination)' is a DocC link, which a browser cannot follow: link to the article's Markdown file instead, like [text](\(destination.dropFirst(4).split(separator: "/").last.map { $0 + ".md" } ?? "article.md"))"
    }

    /// For each document, the page that holds each of its links (the document's first page when
    /// no block claims it), from the links each block holds (``MarkdownBlock/links``).
    static func linkPages(_ site: Site) -> [[Int]] {
        var result = site.documents.map { [Int](repeating: $0.rootPage, count: $0.links.count) }
        for (index, page) in site.pages.enumerated() {
            guard let document = page.document else { continue }
            for block in (page.heading.map { [$0] } ?? []) + page.blocks + page.closing {
                for link in block.links where link < result[document].count { result[document][link] = index }
            }
        }
        return result
    }

    /// The label of a target (see ``LinkLabel``): a page's number and title, a paragraph's page
    /// number and `¶N`, a heading's text; `nil` for a link that does not resolve.
    static func label(of target: LinkTarget, site: Site) -> String? {
        switch target {
        case .page(let index, let fragment):
            let page = site.pages[index]
            guard let fragment, fragment != page.heading?.id else { return LinkLabel.page(page) }
            if let number = paragraphNumber(fragment, on: page) { return LinkLabel.paragraph(number, of: page) }
            if let block = (page.blocks + page.closing).first(where: { $0.id == fragment }) { return block.text }
            return LinkLabel.page(page)
        case .file(let path, _):
            return path.lastPart
        case .unresolved:
            return nil
        }
    }

    /// The 1-based number of the paragraph whose anchor is `id` on `page`, if one is.
    static func paragraphNumber(_ id: String, on page: Page) -> Int? {
        guard id.utf8.first == UInt8(ascii: "p") else { return nil }
        var count = 0
        for paragraph in page.paragraphIDs {
            guard let paragraph else { continue }
            count += 1
            if paragraph == id { return count }
        }
        return nil
    }

    /// Whether a target is a page (or an HTML file the build writes), which an image cannot show.
    private static func isPage(_ target: LinkTarget, site: Site) -> Bool {
        switch target {
        case .page: true
        case .file(let path, _): path.hasSuffix(".html")
        case .unresolved: false
        }
    }

    /// Where `destination`, written in `document` (on its page `page`), leads. A message of
    /// ``LinkTarget/unresolved(_:)`` names it `noun` (`link target`, or `image` for `![…](…)`).
    private func resolve(_ destination: String, in document: Document, from page: Int, site: Site, documents: [String: Int],
                         folderPages: [String: Int], assets: Set<String>, alternatives: inout Alternatives?,
                         naming noun: String = "link target") -> LinkTarget {
        // Zola's internal links (`@/blog/post.md`) start from its content folder, as `/` does here.
        if destination.utf8.starts(with: "@/".utf8) {
            return .unresolved("link target '\(destination)' is Zola's internal link form, which a browser cannot follow: write '\(destination.dropFirst())' (a path from the content folder)")
        }
        var rest = destination
        var fragment: String?
        // Found by byte, not Character: `#` followed by a combining mark (`#\u{301}x`) is one Character.
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            let raw = String(rest[rest.utf8.index(after: hash)...])
            // NFC, as heading ids are: the fragment is written as resolved, so that a link typed
            // in NFD leads where a browser looks (it compares ids code point by code point).
            fragment = Self.decoded(raw)
            rest = String(rest[..<hash])
        }
        if let query = rest.utf8.firstIndex(of: UInt8(ascii: "?")) { rest = String(rest[..<query]) }
        let decoded = Self.decoded(rest)

        // A fragment alone: the same document.
        if decoded.isEmpty {
            guard let fragment, !fragment.isEmpty else { return .page(document.rootPage, fragment: nil) }
            return anchor(fragment, in: document, page: page, site: site, written: destination)
        }
        guard let path = Self.normalize(decoded, relativeTo: document.path.folderPart) else {
            // A repository's docs/ linking to ../CONTRIBUTING.md: it works on GitHub, not in the site.
            return .unresolved("link target '\(destination)' points outside the content folder, which is all the site holds: "
                               + "link to the file's address on the web instead, or build from a content folder that holds it (--content)")
        }
        if assets.contains(path) || builtFiles.contains(path) { return .file(path, fragment: fragment) }
        let folder = path.hasSuffix("/") || path.isEmpty ? path : path + "/"
        // `index.md` (or `_index.md`, or the `index.html` a page is written to) in any letter
        // case names its folder's page, whichever file that is.
        let namesIndex = ["index.md", "index.markdown", "_index.md", "_index.markdown", "index.html"].contains(path.lastPart.lowercased())
        let folderKey = namesIndex ? path.folderPart : String(folder.dropLast(folder.isEmpty ? 0 : 1))
        // mdBook's `usage.html` for `usage.md`.
        let chapter = htmlNamesMarkdown && path.hasSuffix(".html") ? documents[String(path.dropLast(5)) + ".md"] : nil
        // A file, or a folder by its page (index.md or README.md); a fragment must name an anchor or number there.
        guard let index = documents[path] ?? folderPages[folderKey] ?? chapter else {
            // A folder without index.md has a page the build makes, listing its pages.
            let generated = namesIndex ? (path.folderPart.isEmpty ? "" : path.folderPart + "/") + "index.html" : folder + "index.html"
            if let page = site.pages.firstIndex(where: { $0.document == nil && $0.path == generated }), fragment?.isEmpty != false {
                return .page(page, fragment: nil)
            }
            if drafts.contains(path), !drafts.contains(document.path) { return .unresolved(Self.draftProblem(rest)) }
            if htmlNamesMarkdown, path.hasSuffix(".html"), drafts.contains(String(path.dropLast(5)) + ".md"), !drafts.contains(document.path) {
                return .unresolved(Self.draftProblem(rest))
            }
            // A folder whose pages are all drafts has no page of its own in the build.
            if !folderKey.isEmpty, !drafts.contains(document.path), drafts.contains(where: { $0.hasPrefix(folderKey + "/") }) {
                return .unresolved("link target '\(rest)' is a folder whose pages are all drafts (draft: true), which are not published: remove the link, or publish a page there by removing its draft: true (octavo build --drafts builds drafts too)")
            }
            if alternatives == nil { alternatives = Alternatives(site: site) }
            let hint = alternatives.map { Self.pathHint(path: path, written: rest, in: document, site: site, alternatives: $0) } ?? ""
            return .unresolved("\(noun) '\(rest)' does not exist\(hint)" + (unreadFolderHint?(path) ?? ""))
        }
        let target = site.documents[index]
        if drafts.contains(target.path), !drafts.contains(document.path) { return .unresolved(Self.draftProblem(rest)) }
        guard let fragment, !fragment.isEmpty else { return .page(target.rootPage, fragment: nil) }
        return anchor(fragment, in: target, page: target.rootPage, site: site, written: destination)
    }

    /// The error for a link from a published page to a draft.
    static func draftProblem(_ written: String) -> String {
        "link target '\(written)' is a draft (draft: true), which is not published: remove the link, or publish the page by removing draft: true (octavo build --drafts builds drafts too)"
    }

    /// The target of `#fragment` in `document`: a heading id, a paragraph anchor of `page` (the
    /// page holding the link, or the first page of the file linked to), a number (`III.3`), or a
    /// number and paragraph (`III.3.p2`).
    private func anchor(_ fragment: String, in document: Document, page: Int, site: Site, written: String) -> LinkTarget {
        if let page = document.anchorPages[fragment] { return .page(page, fragment: fragment) }
        if Self.paragraphNumber(fragment, on: site.pages[page]) != nil { return .page(page, fragment: fragment) }
        if let page = document.numberPages[fragment] { return .page(page, fragment: nil) }
        if let paragraph = ParagraphReference(fragment), let numbered = document.numberPages[paragraph.number] {
            let ids = site.pages[numbered].paragraphIDs.compactMap { $0 }
            guard paragraph.paragraph <= ids.count else {
                return .unresolved("link target '\(written)': \(paragraph.number) has no paragraph \(paragraph.paragraph) (it has \(ids.count)) in \(document.displayPath)")
            }
            return .page(numbered, fragment: ids[paragraph.paragraph - 1])
        }
        // `title` is the id of the `<h1>` made for a page without a heading of its own.
        if fragment == HeadingIDGenerator.titleID, site.pages[document.rootPage].heading == nil {
            return .page(document.rootPage, fragment: fragment)
        }
        if pageIDs.contains(fragment) { return .page(document.rootPage, fragment: fragment) }
        if let paragraph = ParagraphReference(fragment), paragraph.number.isEmpty {
            let count = site.pages[page].paragraphIDs.compactMap { $0 }.count
            return .unresolved("link target '\(written)': no paragraph \(paragraph.paragraph) on the page '\(LinkLabel.page(site.pages[page]))' (it has \(count)) in \(document.displayPath)")
        }
        if ParagraphReference.isNumber(fragment) {
            return .unresolved("link target '\(written)': no part or item numbered '\(fragment)' in \(document.displayPath)")
        }
        return .unresolved("link target '\(written)': no heading with id '\(fragment)' in \(document.displayPath)"
                           + Self.fragmentHint(fragment, in: document, written: written))
    }

    /// Joins a link path to the folder of the file that holds it and removes `.` and `..`.
    /// A path starting with `/` is taken from the content root. Returns `nil` when `..` climbs
    /// above the content root.
    static func normalize(_ path: String, relativeTo folder: String) -> String? {
        let joined = path.utf8.first == UInt8(ascii: "/") ? path : (folder.isEmpty ? path : folder + "/" + path)
        var parts: [Substring] = []
        for part in joined.pathParts() {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }
}
