/// The paths of the files the build makes itself, relative to the site root.
///
/// Kept apart from the stages that make these files because pages link to them (the search box,
/// the print link, the index of terms) and render before those stages run: a stage reads a path
/// here rather than importing the later stage that owns the file.
public enum GeneratedPaths {
    /// The search page.
    public static let search = "search.html"
    /// The search index the search page loads by `<script>` (never `fetch`, so it works offline).
    public static let searchIndex = "search-index.js"
    /// The print edition: the whole document on one page.
    public static let printEdition = "print.html"
    /// The index of terms (`Content/terms.yml`).
    public static let terms = "terms.html"
    /// The page servers show for a missing file.
    public static let notFound = "404.html"
    /// The sitemap (with a base URL only).
    public static let sitemap = "sitemap.xml"
    /// The robots file naming the sitemap (with a base URL only).
    public static let robots = "robots.txt"
}
