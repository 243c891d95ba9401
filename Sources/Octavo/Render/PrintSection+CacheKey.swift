extension PrintSection: CacheKeyed {
    static let keyedFields = ["id", "depth", "title", "number", "numberPath", "numberedTitle", "heading", "text", "children"]

    func append(to key: inout CacheKey) {
        key.append(id)
        key.append(depth)
        key.append(title)
        key.append(number)
        key.append(numberPath)
        key.append(numberedTitle)
        key.append(heading)
        // `text` makes the body and the closing: what it makes is what the key holds.
        key.append(body)
        key.append(closing)
        key.append(children)
    }
}
