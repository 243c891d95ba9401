extension MarkdownBlock {
    /// The properties ``write(to:)`` writes; a test holds it to the stored properties.
    static let storedFields = ["kind", "content", "text", "line", "id", "nestedIDs", "links", "prose"]

    /// Writes the block for the parse cache on disk (see ``ParseCacheFile``). The nested ids come
    /// before the content, whose heading slots are checked against them when read.
    func write(to writer: inout ByteWriter) {
        // A switch without `default`: a kind added later does not compile until it is written here.
        switch kind {
        case .heading(let level):
            writer.append(0)
            writer.append(level)
        case .closingMarker: writer.append(1)
        case .paragraph: writer.append(2)
        case .other: writer.append(3)
        }
        writer.append(nestedIDs)
        writer.append(content.count)
        for segment in content { segment.write(to: &writer) }
        writer.append(text)
        writer.append(line)
        writer.append(id)
        writer.append(links.lowerBound)
        writer.append(links.upperBound)
        writer.append(prose)
    }

    /// Reads what ``write(to:)`` wrote; `nil` when the bytes are not such a block or it refers to
    /// links the document does not have.
    /// - Parameter links: How many internal links the document has.
    init?(reading reader: inout ByteReader, links linkCount: Int) {
        let kind: Kind
        switch reader.int() {
        case 0:
            guard let level = reader.int(), (1...6).contains(level) else { return nil }
            kind = .heading(level: level)
        case 1: kind = .closingMarker
        case 2: kind = .paragraph
        case 3: kind = .other
        default: return nil
        }
        guard let nestedIDs = reader.strings(), let count = reader.count() else { return nil }
        var content: [HTMLSegment] = []
        content.reserveCapacity(count)
        for _ in 0..<count {
            guard let segment = HTMLSegment(reading: &reader, links: linkCount, nested: nestedIDs.count) else { return nil }
            content.append(segment)
        }
        guard let text = reader.string(), let line = reader.int(), line >= 0, let id = reader.optionalString(),
              let lower = reader.int(), let upper = reader.int(), 0 <= lower, lower <= upper, upper <= linkCount,
              let prose = reader.string() else { return nil }
        self.init(kind: kind, content: content, text: text, line: line, id: id, nestedIDs: nestedIDs)
        self.links = lower..<upper
        self.prose = prose
    }
}
