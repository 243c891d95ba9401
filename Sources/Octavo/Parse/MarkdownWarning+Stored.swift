extension MarkdownWarning {
    /// The properties ``write(to:)`` writes, in its order; a test holds it to the stored properties.
    static let storedFields = ["line", "column", "message"]

    /// Writes the warning for the parse cache on disk (see ``ParseCacheFile``).
    func write(to writer: inout ByteWriter) {
        writer.append(line)
        writer.append(column)
        writer.append(message)
    }

    /// Reads what ``write(to:)`` wrote; `nil` when the bytes are not such a warning.
    init?(reading reader: inout ByteReader) {
        guard let line = reader.int(), let column = reader.int(), let message = reader.string() else { return nil }
        self.init(line: line, column: column, message: message)
    }
}
