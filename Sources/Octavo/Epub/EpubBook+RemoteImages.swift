extension EpubBook {
    /// The chapter's HTML with each remote image (`<img src="https://…" alt="…" />`, as cmark writes
    /// a Markdown image) replaced by a link to it that reads as its alt text: EPUB 3.3 (§3.6) lets a
    /// book load only audio, video and fonts from the web, and epubcheck refuses a remote image
    /// (RSC-006). Other `<img>` tags (raw HTML) are left as written.
    ///
    /// - Parameter html: A chapter's XHTML body.
    /// - Returns: The same text, but each remote image tag is `<a href="URL">ALT</a>`, its title
    ///   kept as the link's.
    static func linkingRemoteImages(_ html: String) -> String {
        guard html.contains("<img src=\"") else { return html }
        var result = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<img src=\"") {
            result += rest[..<start.lowerBound]
            let afterSource = rest[start.upperBound...]
            guard let sourceEnd = afterSource.firstIndex(of: "\""),
                  Self.isRemote(afterSource[..<sourceEnd]),
                  let end = afterSource.range(of: " />") else {
                result += rest[start]
                rest = rest[start.upperBound...]
                continue
            }
            let source = afterSource[..<sourceEnd]
            let attributes = afterSource[afterSource.index(after: sourceEnd)..<end.lowerBound]
            let alt = Self.attribute("alt", in: attributes) ?? ""
            let title = Self.attribute("title", in: attributes).map { " title=\"\($0)\"" } ?? ""
            result += "<a href=\"\(source)\"\(title)>\(alt.isEmpty ? source : alt)</a>"
            rest = afterSource[end.upperBound...]
        }
        return result + rest
    }

    /// Whether an image's (HTML-escaped) source is on the web: `http:`, `https:` or `//host`.
    private static func isRemote(_ source: Substring) -> Bool {
        let lower = source.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//")
    }

    /// The value of ` name="…"` among cmark's image attributes (already escaped, without quotes inside).
    private static func attribute(_ name: String, in attributes: Substring) -> Substring? {
        guard let start = attributes.range(of: " \(name)=\"") else { return nil }
        let value = attributes[start.upperBound...]
        return value.firstIndex(of: "\"").map { value[..<$0] }
    }
}
