import Mustache

/// Everything a template can print for one page. Complete before rendering starts: templates
/// choose and loop, they never compute.
///
/// Every URL is relative to the page being rendered and names its file (`../iii/index.html`).
/// Values printed with `{{name}}` are HTML-escaped; `page.heading`, `page.body` and `page.closing`
/// are HTML made by Octavo and are printed with `{{{name}}}`.
public struct PageContext: Sendable {
    /// The site as a whole.
    public var site: SiteContext
    /// The page itself.
    public var page: PageInfo
    /// The page's ancestors from the home page down, not the page itself.
    public var breadcrumbs: [NavItem]
    /// The page before this one in reading order, if any.
    public var prev: NavItem?
    /// The page after this one in reading order, if any.
    public var next: NavItem?
    /// The home page's children; the one that holds the current page is `isOpen` and has its children.
    public var sidebar: [NavItem]
    /// The home page with the whole site below it as nested `children`; on the home page only.
    public var toc: NavItem?
    /// The headings in the page's body, for an "On this page" list, nested: a heading is in the
    /// `children` of the nearest heading before it with a lower level.
    public var onThisPage: [HeadingItem]
    /// In the print edition only: the home page's section, with every page below it nested in reading order.
    public var print: [PrintSection] = []
    /// The terms of the index of terms the page's paragraphs mention, A to Z, each linked to its
    /// entry in `terms.html` (`summary` is its note); empty without `terms.yml`.
    public var topics: [NavItem] = []
    /// Up to three pages sharing the most terms with this one, most first, ties in reading order.
    public var related: [NavItem] = []
    /// How to cite the page (see ``CitationContext``); absent on pages of no document.
    public var citation: CitationContext?

    /// Every variable name any context value answers to; a template asking for another is a mistake.
    public static let variableNames: Set<String> = Set(variables.keys).union(SiteContext.variableNames).union(PageInfo.variableNames).union(NavItem.variableNames)
        .union(HeadingItem.variableNames).union(PrintSection.variableNames).union(CitationContext.variableNames).union(ListHTML.variableNames)
}

extension PageContext: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (PageContext) -> Any] = [
        "site": { $0.site },
        "page": { $0.page },
        "breadcrumbs": { $0.breadcrumbs },
        "prev": { $0.prev.orAbsent },
        "next": { $0.next.orAbsent },
        "sidebar": { $0.sidebar },
        "toc": { $0.toc.orAbsent },
        "onThisPage": { $0.onThisPage },
        "print": { $0.print },
        "topics": { $0.topics },
        "related": { $0.related },
        "citation": { $0.citation.orAbsent },
        "html": { ListHTML(context: $0) },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
