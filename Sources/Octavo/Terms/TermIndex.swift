import Dispatch

/// The index of terms of a site: where each term of ``TermList`` is mentioned, paragraph by
/// paragraph, and the terms of each page. Made after the outline stage from the paragraphs'
/// parsed text (``MarkdownBlock/prose``), so headings, code and link texts never count.
public struct TermIndex: Sendable {
    /// The index page's path from the site root.
    public static let path = GeneratedPaths.terms
    /// Its title.
    public static let title = "Index of terms"

    /// A paragraph that mentions a term.
    public struct Mention: Sendable, Equatable {
        /// The page (index into ``Site/pages``).
        public var page: Int
        /// The paragraph anchor on that page (`p2`).
        public var paragraph: String
        /// The paragraph's 1-based number on the page, for its label (`III.3 ¶2`).
        public var number: Int
    }

    /// The terms, A to Z by name.
    public var terms: [Term]
    /// Each term's id on the index page, aligned with ``terms``.
    public var ids: [String]
    /// Each term's mentions in reading order, aligned with ``terms``.
    public var mentions: [[Mention]]
    /// For each page of the site, the terms (indices into ``terms``) it mentions, A to Z.
    public var pageTerms: [[Int]]
    /// Warnings: those of the list, and each term that the text never mentions, at its line.
    public var diagnostics: [Diagnostic]

    /// Finds every mention of the terms of `list` in the paragraphs of `site`.
    /// - Parameters:
    ///   - reserved: Ids the index page already has (``TemplateSet/reservedIDs``); no term gets one.
    /// - Complexity: O(paragraph text × forms).
    public init(list: TermList, site: Site, reserved: Set<String> = []) {
        let order = list.terms.indices.sorted {
            let (a, b) = (list.terms[$0].name.lowercased(), list.terms[$1].name.lowercased())
            return a != b ? a < b : $0 < $1
        }
        terms = order.map { list.terms[$0] }
        var generator = HeadingIDGenerator(reserving: reserved.union(Self.letters.map(Self.letterID)))
        ids = terms.map { generator.id(for: $0.name) }
        let matcher = TermMatcher(terms)
        // Each page's paragraphs are matched on all cores (a page's mentions depend on its own
        // text only), then gathered in reading order.
        var found = [[(term: Int, mention: Mention)]](repeating: [], count: site.pages.count)
        found.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { pageIndex in
                let page = site.pages[pageIndex]
                var number = 0
                var onPage: [(term: Int, mention: Mention)] = []
                for (block, id) in zip(page.blocks + page.closing, page.paragraphIDs) {
                    guard let id else { continue }
                    number += 1
                    for term in matcher.terms(in: block.prose) {
                        onPage.append((term, Mention(page: pageIndex, paragraph: id, number: number)))
                    }
                }
                output.buffer[pageIndex] = onPage
            }
        }
        var mentions = [[Mention]](repeating: [], count: terms.count)
        var pageTerms = [[Int]](repeating: [], count: site.pages.count)
        for (pageIndex, onPage) in found.enumerated() {
            for (term, mention) in onPage { mentions[term].append(mention) }
            pageTerms[pageIndex] = Set(onPage.map(\.term)).sorted()
        }
        self.mentions = mentions
        self.pageTerms = pageTerms
        diagnostics = list.diagnostics
        for (term, found) in zip(terms, mentions) where found.isEmpty {
            diagnostics.append(Diagnostic(file: list.file, line: term.line, severity: .warning,
                                          message: "the term '\(term.name)' is never mentioned in a paragraph: correct its name or aliases, or remove it"))
        }
        diagnostics.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// Up to `limit` pages that share the most terms with page `index`, most first, ties in
    /// reading order; only pages sharing at least one term.
    public func related(to index: Int, limit: Int = 3) -> [Int] {
        guard !pageTerms[index].isEmpty else { return [] }
        var shared: [Int: Int] = [:]
        for term in pageTerms[index] {
            var seen: Set<Int> = []
            for mention in mentions[term] where mention.page != index && seen.insert(mention.page).inserted {
                shared[mention.page, default: 0] += 1
            }
        }
        return shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }

    /// The first letters the index groups its terms under, A to Z (others under `#`).
    static let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) } + ["#"]

    /// The id of a letter's heading on the index page.
    static func letterID(_ letter: String) -> String { letter == "#" ? "letter-other" : "letter-" + letter.lowercased() }

    /// The letter a term is listed under.
    static func letter(of term: Term) -> String {
        let first = term.name.uppercased().first.map(String.init) ?? "#"
        return letters.contains(first) ? first : "#"
    }

    /// The index as HTML: a line of letters, then under each letter its terms, each with its note,
    /// its other forms, and a link to every paragraph that mentions it.
    /// - Parameters:
    ///   - site: The site, for the labels of the paragraphs.
    ///   - url: The URL (not yet escaped) of a paragraph anchor on a page, as written in the page
    ///     that shows the index.
    ///   - idPrefix: Put before every id the index writes (the print edition shares one page with the site's headings).
    ///   - letterLevel: The heading level of the letters (2 on `terms.html`, 3 inside the print edition's section).
    public func html(site: Site, idPrefix: String = "", letterLevel: Int = 2, url: (Int, String) -> String) -> String {
        var groups: [(letter: String, terms: [Int])] = []
        for index in terms.indices {
            let letter = Self.letter(of: terms[index])
            if groups.last?.letter == letter { groups[groups.count - 1].terms.append(index) } else { groups.append((letter, [index])) }
        }
        var html = "<nav class=\"term-letters\" aria-label=\"Letters\"><ul>\n"
        for group in groups {
            html += "<li><a href=\"#\(idPrefix)\(Self.letterID(group.letter))\">\(HTMLEscaping.escape(group.letter))</a></li>\n"
        }
        html += "</ul></nav>\n"
        for group in groups {
            html += "<h\(letterLevel) id=\"\(idPrefix)\(Self.letterID(group.letter))\">\(HTMLEscaping.escape(group.letter))</h\(letterLevel)>\n<dl class=\"terms\">\n"
            for index in group.terms {
                let term = terms[index]
                html += "<dt id=\"\(HTMLEscaping.escape(idPrefix + ids[index]))\">\(HTMLEscaping.escape(term.name))</dt>\n<dd>"
                if !term.note.isEmpty { html += "<p>\(HTMLEscaping.escape(term.note))</p>" }
                if !term.aliases.isEmpty { html += "<p class=\"term-aliases\">Also: \(term.aliases.map(HTMLEscaping.escape).joined(separator: ", "))</p>" }
                let links = mentions[index].map { mention in
                    "<a href=\"\(HTMLEscaping.escape(url(mention.page, mention.paragraph)))\">"
                        + HTMLEscaping.escape(LinkLabel.paragraph(mention.number, of: site.pages[mention.page])) + "</a>"
                }
                if !links.isEmpty { html += "<p class=\"term-mentions\">" + links.joined(separator: ", ") + "</p>" }
                html += "</dd>\n"
            }
            html += "</dl>\n"
        }
        return html
    }

    /// The index as a page for the search index: one paragraph per term, its name, forms and note.
    public func searchPage() -> Page {
        let blocks = terms.map { term in
            let text = ([term.name] + term.aliases).joined(separator: ", ") + (term.note.isEmpty ? "" : ". " + term.note)
            return MarkdownBlock(kind: .paragraph, content: [], text: text, line: term.line)
        }
        return Page(kind: .page, path: Self.path, title: Self.title, number: nil, numberPath: nil, heading: nil, blocks: blocks,
                    closing: [], document: nil, line: 1, parent: 0, children: [], description: nil, summary: "")
    }
}
