/// A link or image whose destination is inside the site, as written in the Markdown.
public struct LinkReference: Sendable, Hashable {
    /// The destination as written (after CommonMark's unescaping), for example `other.md#anchor`.
    public var destination: String
    /// The 1-based line in the Markdown body.
    public var line: Int
    /// The 1-based column, in UTF-8 bytes.
    public var column: Int
    /// Whether this is an image (`![alt](src)`).
    public var isImage: Bool
    /// Whether the link has no text (`[](#III.3)`): the render stage fills in the target's label
    /// (see ``LinkLabel``).
    public var fillsText: Bool = false

    /// Creates a link reference.
    public init(destination: String, line: Int, column: Int, isImage: Bool) {
        self.destination = destination
        self.line = line
        self.column = column
        self.isImage = isImage
    }

    /// The destination the parser hands cmark for link `index`, so that ``HTMLSplitter`` finds
    /// where cmark wrote the URL; it never leaves the parse stage.
    public static func placeholder(_ index: Int) -> String { "\(placeholderPrefix)\(index)" }

    /// Every placeholder starts with this; it ends at the first byte that is not a digit.
    public static let placeholderPrefix = "octavo-link:"

    /// Whether cmark's safe mode drops this destination (writes `href=""`): it starts, in any
    /// letter case, with `javascript:`, `vbscript:`, `file:` or `data:`, unless `data:image/png`,
    /// `gif`, `jpeg` or `webp` follows (cmark 0.30, `_scan_dangerous_url` of scanners.re).
    public static func isDangerous(_ destination: String) -> Bool {
        let lower = String(decoding: destination.utf8.prefix(20).map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        if ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: lower.hasPrefix) { return false }
        return ["javascript:", "vbscript:", "file:", "data:"].contains(where: lower.hasPrefix)
    }

    /// Whether a destination points inside the site: it has no URL scheme (`https:`, `mailto:` …),
    /// does not start with `//`, and is not empty. A destination written like a placeholder
    /// (`octavo-link:0`) counts as internal, so that it gets a placeholder of its own and is
    /// reported as missing, rather than being taken for link 0.
    public static func isInternal(_ destination: String) -> Bool {
        guard let first = destination.utf8.first, !destination.hasPrefix("//") else { return false }
        if destination.hasPrefix(placeholderPrefix) { return true }
        // A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986, §3.1).
        func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        guard isAlpha(first) else { return true }
        for c in destination.utf8.dropFirst() {
            if c == UInt8(ascii: ":") { return false }
            if !(isAlpha(c) || (0x30...0x39).contains(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) {
                return true
            }
        }
        return true
    }
}
