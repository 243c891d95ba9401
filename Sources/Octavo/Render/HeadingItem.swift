import Mustache

/// A heading on the page, for "On this page".
public struct HeadingItem: Sendable {
    /// The heading's text.
    public var title: String
    /// Its id; link to it with `#{{id}}`.
    public var id: String
    /// Its level, 1–6.
    public var level: Int
    /// The headings below it up to the next heading of its level or higher (see ``nested(_:)``).
    public var children: [HeadingItem] = []

    static let variableNames: Set<String> = ["title", "id", "level", "children"]
}

// Templates look values up by name; answering from a switch avoids reflection on every lookup.

extension HeadingItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "id": id
        case "level": level
        case "children": children
        default: nil
        }
    }
}
