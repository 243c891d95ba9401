import Mustache

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
