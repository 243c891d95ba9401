extension PrintSection: CacheKeyed {
    static let keyedFields = ["id", "depth", "title", "number", "numberPath", "numberedTitle", "heading", "body", "closing", "children"]

    func append(to key: inout CacheKey) {
        key.append(id)
        key.append(depth)
        key.append(title)
        key.append(number)
        key.append(numberPath)
        key.append(numberedTitle)
        key.append(heading)
        key.append(body)
        key.append(closing)
        key.append(children)
    }
}
