import Mustache

/// `page`: the page being rendered.
public struct PageInfo: Sendable {
    /// `page.title`: the title without number.
    public var title: String
    /// `page.number`: the number as written (`III`), or absent.
    public var number: String?
    /// `page.numberPath`: the full number (`III.3`), or absent.
    public var numberPath: String?
    /// `page.numberedTitle`: `III. Priorities of cooperation`, or the title when unnumbered.
    public var numberedTitle: String
    /// `page.kind`: `home`, `section` or `page`; `search` and `print` on the search page and the print edition.
    public var kind: String
    /// `page.isHome`: true on the home page.
    public var isHome: Bool
    /// `page.url`: the page's URL from the site root (`iii/3/index.html`), percent-encoded as
    /// ``URLEscaping/path(_:)`` does, so that `{{site.root}}{{page.url}}` is a safe relative URL.
    public var url: String
    /// `page.description`: front matter description, else the summary; absent when there is neither.
    public var description: String?
    /// `page.summary`: the first sentence of the page's text.
    public var summary: String
    /// `page.heading`: the page's `<h1>` (HTML, with id and permalink).
    public var heading: String
    /// `page.body`: the page's text as HTML, before its list of children.
    public var body: String
    /// `page.closing`: the section's closing text as HTML (after its children); may be empty.
    public var closing: String
    /// `page.children`: the pages directly below this one.
    public var children: [NavItem]
    /// `page.canonical`: the page's absolute URL under the base URL (`https://example.org/docs/iii/`);
    /// absent without a base URL.
    public var canonical: String?
    /// `page.editURL`: `edit_url` of `site.yml` followed by the page's source path; absent without
    /// `edit_url` and on pages the build makes.
    public var editURL: String?
    /// `page.date`: `date` of the front matter of the file this page starts (its first page when
    /// the file is split), as written (`2023-02-21`, ISO 8601); absent without one.
    public var date: String? = nil

    /// The names of ``variables``, for ``TemplateLint``.
    static let variableNames = Set(variables.keys)
}

extension PageInfo: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (PageInfo) -> Any] = [
        "title": { $0.title },
        "number": { $0.number.orAbsent },
        "numberPath": { $0.numberPath.orAbsent },
        "numberedTitle": { $0.numberedTitle },
        "kind": { $0.kind },
        "isHome": { $0.isHome },
        "url": { $0.url },
        "description": { $0.description.orAbsent },
        "summary": { $0.summary },
        "heading": { $0.heading },
        "body": { $0.body },
        "closing": { $0.closing },
        "children": { $0.children },
        "canonical": { $0.canonical.orAbsent },
        "editURL": { $0.editURL.orAbsent },
        "date": { $0.date.orAbsent },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
