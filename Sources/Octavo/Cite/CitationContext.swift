import Mustache

/// `citation`: how to cite the page, for the templates; absent on pages of no document.
///
/// `{{#citation}}{{#meta}}<meta name="{{name}}" content="{{content}}">{{/meta}}{{/citation}}` writes
/// the Highwire Press tags; `{{{citation.jsonLD}}}` the JSON-LD (made safe for `<script>`);
/// `citation.line` is there on part and item pages only.
public struct CitationContext: Sendable {
    /// A `<meta name content>` pair.
    public struct MetaTag: Sendable {
        /// `name`: `citation_title` …
        public var name: String
        /// `content`: its value, not yet escaped.
        public var content: String
    }

    /// The citation line and its downloads.
    public struct Line: Sendable {
        /// `text`: the citation a reader copies.
        public var text: String
        /// `bib`: the URL of the page's BibTeX file (`cite.bib`).
        public var bib: String
        /// `ris`: the URL of the page's RIS file (`cite.ris`).
        public var ris: String
    }

    /// `meta`: the Highwire Press tags.
    public var meta: [MetaTag]
    /// `jsonLD`: schema.org JSON-LD, print with `{{{citation.jsonLD}}}`.
    public var jsonLD: String
    /// `line`: on part and item pages, the citation line and its downloads.
    public var line: Line?

    /// The context of a citation; `withLine` for a part or item page.
    public init(_ citation: Citation, withLine: Bool) {
        meta = citation.metaTags.map { MetaTag(name: $0.name, content: $0.content) }
        jsonLD = citation.jsonLD
        line = withLine ? Line(text: citation.text, bib: Citation.bibFile, ris: Citation.risFile) : nil
    }

    static let variableNames: Set<String> = ["meta", "jsonLD", "line", "name", "content", "text", "bib", "ris"]
}

extension CitationContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "meta": meta
        case "jsonLD": jsonLD
        case "line": line.orAbsent
        default: nil
        }
    }
}

extension CitationContext.MetaTag: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "content": content
        default: nil
        }
    }
}

extension CitationContext.Line: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "bib": bib
        case "ris": ris
        default: nil
        }
    }
}
