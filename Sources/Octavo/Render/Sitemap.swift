/// `sitemap.xml` and `robots.txt` for a site with a base URL.
///
/// The sitemap lists every page of the site (not the search page, print edition or 404 page,
/// which repeat or have no content of their own) in reading order, following the sitemaps.org
/// 0.9 schema: a `<urlset>` of `<url><loc>` with absolute, entity-escaped URLs.
public struct Sitemap: Sendable {
    /// The sitemap's path in the output folder.
    public static let path = GeneratedPaths.sitemap
    /// The robots file's path in the output folder.
    public static let robotsPath = GeneratedPaths.robots

    /// The base URL, ending in `/`.
    public var baseURL: String
    /// The pages' paths relative to the site root (`iii/3/index.html`), in reading order.
    public var pagePaths: [String]

    /// Creates a sitemap of these pages under `baseURL`.
    public init(baseURL: String, pagePaths: [String]) {
        self.baseURL = baseURL
        self.pagePaths = pagePaths
    }

    /// The text of `sitemap.xml`.
    public var xml: String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pagePaths {
            text += "<url><loc>" + HTMLEscaping.escape(baseURL + PageRenderer.canonicalPath(path)) + "</loc></url>\n"
        }
        return text + "</urlset>\n"
    }

    /// The text of `robots.txt`: every crawler welcome, and where the sitemap is. Crawlers read it
    /// only at the root of a host, so a site under a sub-path (`/docs/`) should copy its line.
    public var robots: String {
        "User-agent: *\nAllow: /\nSitemap: \(baseURL)\(Self.path)\n"
    }
}
