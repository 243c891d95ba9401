/// A problem the parser found in a Markdown body that does not stop a build: syntax read as text
/// that the author likely meant otherwise, or raw HTML that safe mode leaves out.
public struct MarkdownWarning: Sendable, Hashable {
    /// The 1-based line in the Markdown body.
    public var line: Int
    /// The 1-based column, in UTF-8 bytes.
    public var column: Int
    /// A sentence a person can act on.
    public var message: String

    /// Creates a warning.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}
