import Mustache

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
        var html = ""
        appendLink(to: &html)
        return html
    }

    /// Appends ``link`` to `html`, piece by piece (the sidebar of every page appends dozens).
    func appendLink(to html: inout String) {
        if more > 0 {
            html += "<a class=\"more\" href=\""
            HTMLEscaping.append(url, to: &html)
            html += "\">"
            HTMLEscaping.append(title, to: &html)
            html += "</a>"
            return
        }
        html += "<a href=\""
        HTMLEscaping.append(url, to: &html)
        html += isCurrent ? "\" aria-current=\"page\">" : "\">"
        if let number {
            html += "<span class=\"number\">"
            HTMLEscaping.append(number, to: &html)
            html += ".</span> "
        }
        HTMLEscaping.append(title, to: &html)
        html += "</a>"
    }

    /// `childList`: ``children`` as HTML made by Octavo, the nested `<ol>` lists of numbered
    /// links that `partials/toc-list` prints for the contents. Print it with `{{{childList}}}`.
    public var childList: String { ListHTML.tocList(children) }

    /// The names of ``variables``, for ``TemplateLint``.
    static let variableNames = Set(variables.keys)
}

extension NavItem: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (NavItem) -> Any] = [
        "title": { $0.title },
        "number": { $0.number.orAbsent },
        "numberedTitle": { $0.numberedTitle },
        "url": { $0.url },
        "summary": { $0.summary.orAbsent },
        "isCurrent": { $0.isCurrent },
        "isOpen": { $0.isOpen },
        "children": { $0.children },
        "link": { $0.link },
        "childList": { $0.childList },
        "more": { $0.more > 0 ? $0.more : Optional<Int>.none.orAbsent },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
