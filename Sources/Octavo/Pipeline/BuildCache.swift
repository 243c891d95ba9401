/// What an incremental build keeps between builds: `octavo serve` keeps one for its session, in
/// memory, and gives it to every rebuild (``Pipeline/cache``); `octavo build` has none.
///
/// Each stage's cache keys its results by everything the result is a function of, written out and
/// compared byte for byte (``CacheKey``), so a build with a cache writes exactly the bytes a
/// build without one writes: a change re-parses only the files whose bytes changed, and re-renders
/// only the pages whose context (their own text, or the titles and summaries their navigation
/// shows) or templates changed. A template change re-renders every page and parses nothing.
public final class BuildCache: Sendable {
    /// Markdown files as read (front matter parsed), by source path.
    public let sources = SourceCache()
    /// Parsed documents by source path.
    public let parse = ParseCache()
    /// Each page's summary, by its first paragraph's bytes.
    public let summaries = SummaryCache()
    /// Rendered pages by output path.
    public let render = RenderCache()
    /// Each page's words and text entry for the search index, by output path.
    public let search = SearchCache()
    /// What the audit read of each page's HTML, by output path.
    public let audit = AuditCache()
    /// The output files as last written or compared, by path.
    public let written = WrittenFiles()

    /// Creates an empty cache; the first build with it does all the work.
    public init() {}
}
