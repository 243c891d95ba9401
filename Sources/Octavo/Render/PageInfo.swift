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

    static let variableNames: Set<String> = [
        "title", "number", "numberPath", "numberedTitle", "kind", "isHome", "url", "description", "summary",
        "heading", "body", "closing", "children", "canonical", "editURL",
    ]
}

extension PageInfo: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "number": number.orAbsent
        case "numberPath": numberPath.orAbsent
        case "numberedTitle": numberedTitle
        case "kind": kind
        case "isHome": isHome
        case "url": url
        case "description": description.orAbsent
        case "summary": summary
        case "heading": heading
        case "body": body
        case "closing": closing
        case "children": children
        case "canonical": canonical.orAbsent
        case "editURL": editURL.orAbsent
        default: nil
        }
    }
}
