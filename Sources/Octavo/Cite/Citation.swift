import Foundation

/// How to cite one page of the site: the document it belongs to, the page's number and title, its
/// URL, and who published it when, from the document's front matter (`author`, `publisher`,
/// `date`, `identifier`). Writes the citation line, BibTeX, RIS, Highwire Press `citation_*` meta
/// tags (read by Google Scholar and Zotero) and schema.org JSON-LD.
public struct Citation: Sendable {
    /// The document's title (`Global Security Initiative Concept Paper`).
    public var documentTitle: String
    /// The page's full number (`III.3`), or `nil`.
    public var number: String?
    /// The page's title without number (`The risk of nuclear war`).
    public var title: String
    /// Whether the page is the document itself (its first page), not a part of it.
    public var isDocument: Bool
    /// The page's absolute URL under the base URL, or its path from the site root without one.
    public var url: String
    /// Whether ``url`` is absolute (a base URL is set).
    public var isAbsolute: Bool
    /// The document's first page's URL, as ``url``.
    public var documentURL: String
    /// From the front matter: author, publisher, date (ISO 8601 as written), identifier.
    public var author: String?
    /// The publisher.
    public var publisher: String?
    /// The date of publication.
    public var date: String?
    /// A stable identifier of the document.
    public var identifier: String?
    /// The site's language (BCP 47).
    public var language: String
    /// A key for BibTeX (`global-security-initiative-iii-3`): letters, digits and `-`.
    public var key: String

    /// The file names of the downloads beside a page's `index.html`.
    public static let bibFile = "cite.bib", risFile = "cite.ris"

    /// The citation of page `index` of `site`, or `nil` for a page of no document (a generated folder page).
    public init?(page index: Int, site: Site, config: SiteConfig) {
        let page = site.pages[index]
        guard let documentIndex = page.document else { return nil }
        let document = site.documents[documentIndex]
        let front = document.frontMatter
        let root = site.pages[document.rootPage]
        documentTitle = front.title ?? root.title
        number = page.numberPath
        title = page.title
        isDocument = index == document.rootPage
        func address(_ path: String) -> String {
            config.baseURL.map { $0 + PageRenderer.canonicalPath(path) } ?? URLEscaping.path(path)
        }
        url = address(page.path)
        documentURL = address(root.path)
        isAbsolute = config.baseURL != nil
        author = front.author
        publisher = front.publisher
        date = front.date
        identifier = front.identifier
        language = config.language
        let stem = HeadingIDGenerator.slug(document.path.lastPart.split(separator: ".").first.map(String.init) ?? "document")
        key = Self.keyCharacters(([stem] + (number.map { [HeadingIDGenerator.slug($0.replacingASCII(0x2E, with: 0x20))] } ?? []))
            .joined(separator: "-"))
    }

    /// The ASCII letters, digits and hyphens of `text` that are characters of their own (not an
    /// `e` under a combining accent). ASCII text is filtered by its bytes, each a character.
    static func keyCharacters(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        return String(decoding: text.utf8.filter { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        }, as: UTF8.self)
    }

    /// The part's or item's label: `III.3 The risk of nuclear war`, or the title.
    public var label: String { number.map { "\($0) \(title)" } ?? title }

    /// The year of ``date``.
    public var year: String? { date.map { String($0.prefix(4)) } }

    /// The citation line a reader copies: `Author. Document title, III.3 "Short title". Publisher, date. URL`.
    public var text: String {
        var parts: [String] = []
        if let author { parts.append(author.hasSuffix(".") ? author : author + ".") }
        parts.append(isDocument ? documentTitle + "." : "\(documentTitle), \(number.map { $0 + " " } ?? "")“\(title)”.")
        let published = [publisher == author ? nil : publisher, date].compactMap { $0 }
        if !published.isEmpty { parts.append(published.joined(separator: ", ") + ".") }
        if let identifier, identifier != url { parts.append(identifier + ".") }
        parts.append(url)
        return parts.joined(separator: " ")
    }

    /// A BibTeX entry (`@misc`, or `@inbook`-like fields for a part: `booktitle` names the document).
    public var bibtex: String {
        // Braces and backslashes dropped, LaTeX's special characters escaped; byte by byte, since
        // all of them are ASCII (a byte of UTF-8 below 0x80 is always a character of its own).
        func value(_ text: String) -> String {
            var escaped: [UInt8] = []
            escaped.reserveCapacity(text.utf8.count + 8)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\\"): continue
                case UInt8(ascii: "&"), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "_"), UInt8(ascii: "$"): escaped.append(UInt8(ascii: "\\")); escaped.append(byte)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
        var fields: [(String, String)] = [("title", "{" + value(isDocument ? documentTitle : label) + "}")]
        if !isDocument { fields.append(("booktitle", "{" + value(documentTitle) + "}")) }
        if let author { fields.append(("author", "{" + value(author) + "}")) }
        if let publisher { fields.append(("publisher", value(publisher))) }
        if let year { fields.append(("year", year)) }
        if let date { fields.append(("date", date)) }
        if let identifier { fields.append(("note", value(identifier))) }
        fields.append(("url", value(url)))
        fields.append(("language", value(language)))
        return "@misc{\(key),\n" + fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n") + "\n}\n"
    }

    /// An RIS record (`TY  - RPRT` for the document, `CHAP` for a part of it), lines ending in CR LF as RIS asks.
    public var ris: String {
        var lines = ["TY  - " + (isDocument ? "RPRT" : "CHAP"), "TI  - " + (isDocument ? documentTitle : label)]
        if !isDocument { lines.append("T2  - " + documentTitle) }
        if let author { lines.append("AU  - " + author) }
        if let publisher { lines.append("PB  - " + publisher) }
        if let year { lines.append("PY  - " + year) }
        if let date { lines.append("DA  - " + date.replacingASCII(0x2D, with: 0x2F)) }
        if let identifier { lines.append("M1  - " + identifier) }
        lines.append("UR  - " + url)
        lines.append("LA  - " + language)
        lines.append("ER  - ")
        return lines.map { $0.replacingASCII(0x0A, with: 0x20) }.joined(separator: "\r\n") + "\r\n"
    }

    /// Highwire Press tags, `(name, content)`, in the order Zotero's translator reads them.
    public var metaTags: [(name: String, content: String)] {
        var tags: [(String, String)] = [("citation_title", isDocument ? documentTitle : label)]
        if !isDocument { tags.append(("citation_inbook_title", documentTitle)) }
        if let author { tags.append(("citation_author", author)) }
        if let publisher { tags.append(("citation_publisher", publisher)) }
        if let date { tags.append(("citation_publication_date", date.replacingASCII(0x2D, with: 0x2F))) }
        if let identifier { tags.append(("citation_technical_report_number", identifier)) }
        if isAbsolute { tags.append(("citation_public_url", url)) }
        tags.append(("citation_language", language))
        return tags
    }

    /// The downloads of each part and item page: `cite.bib` and `cite.ris` beside its `index.html`.
    public static func files(site: Site, config: SiteConfig) -> [OutputFile] {
        var files: [OutputFile] = []
        for index in site.pages.indices where site.pages[index].numberPath != nil {
            guard let citation = Citation(page: index, site: site, config: config) else { continue }
            let folder = site.pages[index].path.folderPart
            let prefix = folder.isEmpty ? "" : folder + "/"
            files.append(OutputFile(path: prefix + bibFile, contents: .bytes(Array(citation.bibtex.utf8))))
            files.append(OutputFile(path: prefix + risFile, contents: .bytes(Array(citation.ris.utf8))))
        }
        return files
    }
}
