import Mustache

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
