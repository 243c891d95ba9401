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

    /// The names of ``variables``, for ``TemplateLint``.
    static let variableNames = Set(variables.keys)
}

// Templates look values up by name; answering from a switch avoids reflection on every lookup.

extension HeadingItem: MustacheParent {
    /// Every variable a template can ask this value for, and how it is read: the one table that
    /// the renderer (``child(named:)``) and ``TemplateLint`` both read.
    static let variables: [String: @Sendable (HeadingItem) -> Any] = [
        "title": { $0.title },
        "id": { $0.id },
        "level": { $0.level },
        "children": { $0.children },
    ]

    public func child(named name: String) -> Any? {
        Self.variables[name]?(self)
    }
}
