extension LinkReference {
    /// The properties ``write(to:)`` writes, in its order; a test holds it to the stored properties.
    static let storedFields = ["destination", "line", "column", "isImage", "fillsText"]

    /// Writes the reference for the parse cache on disk (see ``ParseCacheFile``).
    func write(to writer: inout ByteWriter) {
        writer.append(destination)
        writer.append(line)
        writer.append(column)
        writer.append(isImage)
        writer.append(fillsText)
    }

    /// Reads what ``write(to:)`` wrote; `nil` when the bytes are not such a reference.
    init?(reading reader: inout ByteReader) {
        guard let destination = reader.string(), let line = reader.int(), let column = reader.int(),
              let isImage = reader.bool(), let fillsText = reader.bool() else { return nil }
        self.init(destination: destination, line: line, column: column, isImage: isImage)
        self.fillsText = fillsText
    }
}
