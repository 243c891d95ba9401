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
    /// The section's text as HTML (the page's blocks), made when a template reads it: the print
    /// edition holds every page, and a section's HTML is let go once it is written.
    public var body: String { text.body() }
    /// The section's closing text as HTML, to print after its `children`; made when read, as ``body``.
    public var closing: String { text.closing() }
    /// Makes ``body`` and ``closing``.
    var text: (body: @Sendable () -> String, closing: @Sendable () -> String)
    /// The pages below this one, in reading order.
    public var children: [PrintSection]

    /// The names of ``variables``, for ``TemplateLint``.
    static let variableNames = Set(variables.keys)
}

extension PrintSection: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (PrintSection) -> Any] = [
        "id": { $0.id },
        "depth": { $0.depth },
        "title": { $0.title },
        "number": { $0.number.orAbsent },
        "numberPath": { $0.numberPath.orAbsent },
        "numberedTitle": { $0.numberedTitle },
        "heading": { $0.heading },
        "body": { $0.body },
        "closing": { $0.closing },
        "children": { $0.children },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
