extension HTMLSegment {
    /// Writes the segment for the parse cache on disk (see ``ParseCacheFile``): a tag, then its values.
    func write(to writer: inout ByteWriter) {
        // A switch without `default`: a case added later does not compile until it is written here.
        switch self {
        case .html(let text):
            writer.append(0)
            writer.append(text)
        case .linkURL(let index):
            writer.append(1)
            writer.append(index)
        case .linkLabel(let index):
            writer.append(2)
            writer.append(index)
        case .headingOpen(let level, let nested):
            writer.append(3)
            writer.append(level)
            writer.append(nested)
        case .headingClose(let level, let nested):
            writer.append(4)
            writer.append(level)
            writer.append(nested)
        }
    }

    /// Reads what ``write(to:)`` wrote; `nil` when the bytes are not such a segment or it refers to
    /// a link or nested heading the block does not have (later stages index by these numbers).
    /// - Parameters:
    ///   - links: How many internal links the document has.
    ///   - nested: How many headings are nested in the block.
    init?(reading reader: inout ByteReader, links: Int, nested: Int) {
        guard let tag = reader.int() else { return nil }
        switch tag {
        case 0:
            guard let text = reader.string() else { return nil }
            self = .html(text)
        case 1, 2:
            guard let index = reader.int(), (0..<links).contains(index) else { return nil }
            self = tag == 1 ? .linkURL(index) : .linkLabel(index)
        case 3, 4:
            guard let level = reader.int(), (1...6).contains(level), let index = reader.int(), (0..<nested).contains(index) else { return nil }
            self = tag == 3 ? .headingOpen(level: level, nested: index) : .headingClose(level: level, nested: index)
        default:
            return nil
        }
    }
}
