import Mustache

/// `html`: a page's long lists as HTML made by Octavo, in the markup the built-in theme's partials
/// had when they built it from the lists' fields, which took a large share of a build (every
/// field of every entry looked up through Mustache's context stack and escaped character by
/// character). Print with `{{{html.sidebar}}}`; the lists themselves stay available to templates.
struct ListHTML: MustacheParent {
    /// The page's values the lists are made from.
    let context: PageContext

    /// The names a template can ask for, for ``TemplateLint``.
    static let variableNames: Set<String> = ["sidebar", "breadcrumbs", "children", "topics", "related", "onThisPage", "citationMeta"]

    func child(named name: String) -> Any? {
        switch name {
        case "sidebar": Self.sidebar(context.sidebar)
        case "breadcrumbs": Self.breadcrumbs(context.breadcrumbs, current: context.page.numberedTitle)
        case "children": Self.children(context.page.children)
        case "topics": Self.topics(context.topics)
        case "related": Self.related(context.related)
        case "onThisPage": Self.onThisPage(context.onThisPage)
        case "citationMeta": Self.citationMeta(context.citation?.meta ?? [])
        default: nil
        }
    }

    /// `<ol>`, an `<li>` per entry with its ``NavItem/link`` (`class="open"` on the open entry,
    /// which lists its children in an `<ol>` of its own, and so on down to the current page), `</ol>`.
    static func sidebar(_ items: [NavItem]) -> String {
        var html = "<ol>\n"
        html.reserveCapacity(4096)
        for item in items {
            html += item.isOpen ? "<li class=\"open\">" : "<li>"
            item.appendLink(to: &html)
            html += "\n"
            if item.isOpen, !item.children.isEmpty { nested(item.children, into: &html) }
            html += "</li>\n"
        }
        html += "</ol>"
        return html
    }

    /// The `<ol>` of an open entry's children: an open child with children of its own lists them
    /// below it in turn.
    private static func nested(_ items: [NavItem], into html: inout String) {
        html += "<ol>\n"
        for item in items {
            if item.isOpen, !item.children.isEmpty {
                html += "<li class=\"open\">"
                item.appendLink(to: &html)
                html += "\n"
                nested(item.children, into: &html)
                html += "</li>\n"
            } else {
                html += "<li>"
                item.appendLink(to: &html)
                html += "</li>\n"
            }
        }
        html += "</ol>\n"
    }

    /// A line `<meta name="…" content="…">` per Highwire Press tag of the page's citation, each
    /// ending in a line break; empty without a citation.
    static func citationMeta(_ tags: [CitationContext.MetaTag]) -> String {
        var html = ""
        for tag in tags {
            html += "<meta name=\"" + HTMLEscaping.escape(tag.name) + "\" content=\"" + HTMLEscaping.escape(tag.content) + "\">\n"
        }
        return html
    }

    /// `<ol>`, a linked `<li>` per ancestor, home first, and the current page's title as the last
    /// `<li aria-current="page">`, `</ol>`.
    static func breadcrumbs(_ items: [NavItem], current: String) -> String {
        var html = "<ol>\n"
        for item in items {
            html += "<li><a href=\"" + HTMLEscaping.escape(item.url) + "\">" + HTMLEscaping.escape(item.numberedTitle) + "</a></li>\n"
        }
        return html + "<li aria-current=\"page\">" + HTMLEscaping.escape(current) + "</li>\n</ol>"
    }

    /// `<ol class="children">`, an `<li>` per child page with its number, title and summary,
    /// `</ol>`; empty when there are no children.
    static func children(_ items: [NavItem]) -> String {
        guard !items.isEmpty else { return "" }
        var html = "<ol class=\"children\">\n"
        for item in items {
            html += "<li><a href=\"" + HTMLEscaping.escape(item.url) + "\">"
            if let number = item.number { html += "<span class=\"number\">" + HTMLEscaping.escape(number) + ".</span> " }
            html += HTMLEscaping.escape(item.title) + "</a>"
            if let summary = item.summary { html += "<p class=\"summary\">" + HTMLEscaping.escape(summary) + "</p>" }
            html += "</li>\n"
        }
        return html + "</ol>"
    }

    /// `<ul>`, an `<li>` per term with a link to its entry and its note as the link's `title`, `</ul>`.
    static func topics(_ items: [NavItem]) -> String {
        var html = "<ul>\n"
        for item in items {
            html += "<li><a href=\"" + HTMLEscaping.escape(item.url) + "\""
            if let summary = item.summary { html += " title=\"" + HTMLEscaping.escape(summary) + "\"" }
            html += ">" + HTMLEscaping.escape(item.title) + "</a></li>\n"
        }
        return html + "</ul>"
    }

    /// `<ul>`, an `<li>` per page with its ``NavItem/link``, `</ul>`.
    static func related(_ items: [NavItem]) -> String {
        var html = "<ul>\n"
        for item in items { html += "<li>" + item.link + "</li>\n" }
        return html + "</ul>"
    }

    /// `<ul>`, an `<li>` per heading with its title linked to its id and the headings below it in
    /// a `<ul>` of their own, `</ul>`: "On this page" as `partials/heading-item` prints it, which
    /// took two includes and six lookups per heading.
    static func onThisPage(_ items: [HeadingItem]) -> String {
        var html = "<ul>\n"
        appendHeadings(items, to: &html)
        return html + "</ul>"
    }

    private static func appendHeadings(_ items: [HeadingItem], to html: inout String) {
        for item in items {
            html += "<li><a href=\"#" + HTMLEscaping.escape(item.id) + "\">" + HTMLEscaping.escape(item.title) + "</a>\n"
            if !item.children.isEmpty {
                html += "<ul>\n"
                appendHeadings(item.children, to: &html)
                html += "</ul>\n"
            }
            html += "</li>\n"
        }
    }

    /// `<ol>`, an `<li>` per item with its number and title linked, its children nested the same
    /// way, `</ol>`: an item's ``NavItem/childList``, the contents as `partials/toc-list` prints it.
    static func tocList(_ items: [NavItem]) -> String {
        var html = ""
        appendTocList(items, to: &html)
        return html
    }

    private static func appendTocList(_ items: [NavItem], to html: inout String) {
        html += "<ol>\n"
        for item in items {
            html += "<li><a href=\"" + HTMLEscaping.escape(item.url) + "\">"
            if let number = item.number { html += "<span class=\"number\">" + HTMLEscaping.escape(number) + ".</span> " }
            html += HTMLEscaping.escape(item.title) + "</a>\n"
            if !item.children.isEmpty {
                appendTocList(item.children, to: &html)
                html += "\n"
            }
            html += "</li>\n"
        }
        html += "</ol>"
    }
}
