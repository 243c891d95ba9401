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
    public static let variableNames: Set<String> = Set([
        "site", "page", "breadcrumbs", "prev", "next", "sidebar", "toc", "onThisPage", "print", "topics", "related", "citation",
    ]).union(SiteContext.variableNames).union(PageInfo.variableNames).union(NavItem.variableNames)
        .union(HeadingItem.variableNames).union(PrintSection.variableNames).union(CitationContext.variableNames)
}

/// `site`: values that are the same on every page, but for `root`.
public struct SiteContext: Sendable {
    /// `site.title`: the home page's title.
    public var title: String
    /// `site.root`: the relative path from the page to the site root, `""` or `../../`;
    /// `{{site.root}}assets/style.css` names an asset.
    public var root: String
    /// `site.home`: the URL of the home page (`../../index.html`).
    public var home: String
    /// `site.generator`: `Octavo`.
    public var generator: String
    /// `site.search`: the URL of the search page (`../search.html`); absent when the templates have no `search.mustache`.
    public var search: String?
    /// `site.print`: the URL of the print edition (`../print.html`); absent when the templates have no `print.mustache`.
    public var print: String?
    /// `site.language`: the BCP 47 tag of `language` in `site.yml`, default `en`.
    public var language: String = "en"
    /// `site.dir`: `rtl` for a right-to-left language; absent otherwise.
    public var dir: String?
    /// `site.baseURL`: `base_url` of `site.yml` or `--base-url`, ending in `/`; absent without one.
    public var baseURL: String?
    /// `site.description`, `site.author`: from `site.yml`; absent when not set.
    public var description: String?
    /// `site.author`: from `site.yml`; absent when not set.
    public var author: String?
    /// `site.favicon`: the URL of `favicon` of `site.yml`; absent when not set.
    public var favicon: String?

    static let variableNames: Set<String> = ["title", "root", "home", "generator", "search", "print",
                                             "language", "dir", "baseURL", "description", "author", "favicon"]
}

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

    static let variableNames: Set<String> = [
        "title", "number", "numberPath", "numberedTitle", "kind", "isHome", "url", "description", "summary",
        "heading", "body", "closing", "children", "canonical", "editURL", "date",
    ]
}

/// A link to a page, in breadcrumbs, navigation, children and tables of contents.
public struct NavItem: Sendable {
    /// The title without number.
    public var title: String
    /// The number, or absent.
    public var number: String?
    /// Title with number.
    public var numberedTitle: String
    /// The URL relative to the current page.
    public var url: String
    /// The first sentence of the page's text; absent when the page has no text.
    public var summary: String?
    /// Whether this is the page being rendered.
    public var isCurrent: Bool
    /// Whether this is the page being rendered or one of its ancestors.
    public var isOpen: Bool
    /// Child pages (filled in `toc` everywhere, in `sidebar` for the open item only).
    public var children: [NavItem]
    /// `more`: on an entry that stands for pages left out of a long list (see ``NavWindow``), how
    /// many; its `url` is the full contents and its `title` says what is left out. 0 (absent to
    /// templates) on every other item.
    public var more: Int = 0

    /// `link`: the whole link as HTML made by Octavo, for long lists such as the sidebar:
    /// `<a href="URL" aria-current="page"><span class="number">3.</span> Title</a>`
    /// (`aria-current` on the current page only, the number only when there is one). Print it
    /// with `{{{link}}}`; it renders much faster than the same markup built from the fields.
    public var link: String {
        if more > 0 { return "<a class=\"more\" href=\"" + HTMLEscaping.escape(url) + "\">" + HTMLEscaping.escape(title) + "</a>" }
        var html = "<a href=\"" + HTMLEscaping.escape(url) + "\""
        if isCurrent { html += " aria-current=\"page\"" }
        html += ">"
        if let number { html += "<span class=\"number\">" + HTMLEscaping.escape(number) + ".</span> " }
        return html + HTMLEscaping.escape(title) + "</a>"
    }

    static let variableNames: Set<String> = ["title", "number", "numberedTitle", "url", "summary", "isCurrent", "isOpen", "children", "link", "more"]
}

/// A page in the print edition, with the pages below it: `print` and its `children`.
public struct PrintSection: Sendable {
    /// The id of the page's heading in `print.html`; link to it with `#{{id}}`.
    public var id: String
    /// 0 for the home page, 1 for its children (the parts), 2 below them …
    public var depth: Int
    /// The title without number.
    public var title: String
    /// The page's own number, or absent.
    public var number: String?
    /// The full number (`III.3`), or absent.
    public var numberPath: String?
    /// Title with number, as in navigation.
    public var numberedTitle: String
    /// The page's heading as HTML: `<hN>` with N = depth + 1 (at most 6), its id and permalink.
    public var heading: String
    /// The page's text as HTML, headings moved to fit below `heading`; every internal link is a `#fragment` of `print.html`.
    public var body: String
    /// The section's closing text as HTML, to print after its `children`.
    public var closing: String
    /// The pages below this one, in reading order.
    public var children: [PrintSection]

    static let variableNames: Set<String> = [
        "id", "depth", "title", "number", "numberPath", "numberedTitle", "heading", "body", "closing", "children",
    ]
}

/// A heading on the page, for "On this page".
public struct HeadingItem: Sendable {
    /// The heading's text.
    public var title: String
    /// Its id; link to it with `#{{id}}`.
    public var id: String
    /// Its level, 1–6.
    public var level: Int
    /// The headings below it up to the next heading of its level or higher (see ``nested(_:)``).
    public var children: [HeadingItem] = []

    static let variableNames: Set<String> = ["title", "id", "level", "children"]
}

// Templates look values up by name; answering from a switch avoids reflection on every lookup.

extension PageContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "breadcrumbs": breadcrumbs
        case "prev": prev.orAbsent
        case "next": next.orAbsent
        case "sidebar": sidebar
        case "toc": toc.orAbsent
        case "onThisPage": onThisPage
        case "print": print
        case "topics": topics
        case "related": related
        case "citation": citation.orAbsent
        default: nil
        }
    }
}

extension SiteContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "root": root
        case "home": home
        case "generator": generator
        case "search": search.orAbsent
        case "print": print.orAbsent
        case "language": language
        case "dir": dir.orAbsent
        case "baseURL": baseURL.orAbsent
        case "description": description.orAbsent
        case "author": author.orAbsent
        case "favicon": favicon.orAbsent
        default: nil
        }
    }
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
        case "date": date.orAbsent
        default: nil
        }
    }
}

extension NavItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "number": number.orAbsent
        case "numberedTitle": numberedTitle
        case "url": url
        case "summary": summary.orAbsent
        case "isCurrent": isCurrent
        case "isOpen": isOpen
        case "children": children
        case "link": link
        case "more": more > 0 ? more : Optional<Int>.none.orAbsent
        default: nil
        }
    }
}

extension HeadingItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "id": id
        case "level": level
        case "children": children
        default: nil
        }
    }
}

extension PrintSection: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "depth": depth
        case "title": title
        case "number": number.orAbsent
        case "numberPath": numberPath.orAbsent
        case "numberedTitle": numberedTitle
        case "heading": heading
        case "body": body
        case "closing": closing
        case "children": children
        default: nil
        }
    }
}

/// The answer for a value a page does not have (no number, no next page …).
///
/// Mustache looks a name that a value answers `nil` for up in the enclosing values, so an
/// unnumbered item inside a numbered part would print the part's number. `Absent` stops the
/// lookup: sections over it are skipped and printing it prints nothing.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

extension Optional {
    /// The value, or ``Absent`` so that Mustache does not look further up.
    var orAbsent: Any { self.map { $0 as Any } ?? Absent() }
}
