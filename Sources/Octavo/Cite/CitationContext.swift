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

    /// The names of every ``variables`` table of a citation, for ``TemplateLint``.
    static let variableNames = Set(variables.keys).union(MetaTag.variables.keys).union(Line.variables.keys)
}

extension CitationContext: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (CitationContext) -> Any] = [
        "meta": { $0.meta },
        "jsonLD": { $0.jsonLD },
        "line": { $0.line.orAbsent },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}

extension CitationContext.MetaTag: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (CitationContext.MetaTag) -> Any] = [
        "name": { $0.name },
        "content": { $0.content },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}

extension CitationContext.Line: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (CitationContext.Line) -> Any] = [
        "text": { $0.text },
        "bib": { $0.bib },
        "ris": { $0.ris },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
