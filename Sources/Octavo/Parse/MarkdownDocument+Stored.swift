extension MarkdownDocument {
    /// The properties ``write(to:)`` writes; a test holds it to the stored properties.
    static let storedFields = ["blocks", "links", "externalLinks", "warnings"]

    /// Writes the document for the parse cache on disk (see ``ParseCacheFile``): the links first,
    /// so that reading the blocks can check the link numbers they hold.
    func write(to writer: inout ByteWriter) {
        writer.append(links.count)
        for link in links { link.write(to: &writer) }
        writer.append(externalLinks.count)
        for link in externalLinks { link.write(to: &writer) }
        writer.append(warnings.count)
        for warning in warnings { warning.write(to: &writer) }
        writer.append(blocks.count)
        for block in blocks {
            block.write(to: &writer)
            writer.flushIfFull()
        }
    }

    /// Reads what ``write(to:)`` wrote, to its last byte; `nil` when the bytes are anything else.
    init?(reading reader: inout ByteReader) {
        func elements<T>(_ read: (inout ByteReader) -> T?) -> [T]? {
            guard let count = reader.count() else { return nil }
            var result: [T] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                guard let element = read(&reader) else { return nil }
                result.append(element)
            }
            return result
        }
        guard let links = elements({ LinkReference(reading: &$0) }),
              let externalLinks = elements({ LinkReference(reading: &$0) }),
              let warnings = elements({ MarkdownWarning(reading: &$0) }),
              let blocks = elements({ MarkdownBlock(reading: &$0, links: links.count) }),
              reader.isAtEnd else { return nil }
        self.init(blocks: blocks, links: links, externalLinks: externalLinks)
        self.warnings = warnings
    }
}
