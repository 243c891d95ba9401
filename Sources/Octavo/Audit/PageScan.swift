/// What the audit reads of one page's HTML: its ids, and the internal links it makes, each
/// resolved to the site path and fragment it leads to. A function of the page's path, its HTML and
/// the destinations of its source that the link stage left unresolved (already reported), so that
/// ``AuditCache`` can keep it between builds.
struct PageScan: Sendable {
    /// Every `id` value, in document order.
    var ids: [String]
    /// The same ids as bytes, compared by code point as a browser compares them.
    var idBytes: Set<ByteString>
    /// Every internal `href` and `src` value but the unresolved ones, in document order: their
    /// numbers in ``table``. Pages of one folder write the same navigation links, so a site of
    /// 10,000 pages has some 700,000 links but a few tens of thousands different ones.
    var linkNumbers: [Int32]
    /// The links that ``linkNumbers`` number.
    let table: LinkTable

    /// Every internal `href` and `src` value but the unresolved ones, in document order.
    var links: LazyMapSequence<[Int32], Link> {
        linkNumbers.lazy.map { [table] in table.link($0) }
    }

    /// An internal link of the page.
    struct Link: Sendable {
        /// The value as written.
        var reference: String
        /// The tag it is on, lower-case (`a`, `img` …).
        var tag: String
        /// Where it leads.
        var target: Target
    }

    /// Where a link leads.
    enum Target: Sendable {
        /// Above the site's root (more `..` than the page has folders above it).
        case climbs
        /// A site path (its UTF-8 bytes too, compared with the files by code point) and a fragment.
        case path(String, bytes: ByteString, fragment: String?)
    }
}
