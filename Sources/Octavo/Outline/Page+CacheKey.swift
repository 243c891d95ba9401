extension Page: CacheKeyed {
    static let keyedFields = ["kind", "path", "title", "number", "numberPath", "heading", "blocks", "closing", "document", "line", "parent",
                              "children", "description", "summary"]

    func append(to key: inout CacheKey) {
        key.append(kind.rawValue)
        key.append(path)
        key.append(title)
        key.append(number)
        key.append(numberPath)
        key.append(heading)
        key.append(blocks)
        key.append(closing)
        key.append(document)
        key.append(line)
        key.append(parent)
        key.append(children)
        key.append(description)
        key.append(summary)
    }
}
