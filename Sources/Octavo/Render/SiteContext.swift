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

    /// The names of ``variables``, for ``TemplateLint``.
    static let variableNames = Set(variables.keys)
}

extension SiteContext: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (SiteContext) -> Any] = [
        "title": { $0.title },
        "root": { $0.root },
        "home": { $0.home },
        "generator": { $0.generator },
        "search": { $0.search.orAbsent },
        "print": { $0.print.orAbsent },
        "language": { $0.language },
        "dir": { $0.dir.orAbsent },
        "baseURL": { $0.baseURL.orAbsent },
        "description": { $0.description.orAbsent },
        "author": { $0.author.orAbsent },
        "favicon": { $0.favicon.orAbsent },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
