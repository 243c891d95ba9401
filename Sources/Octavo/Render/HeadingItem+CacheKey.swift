extension HeadingItem: CacheKeyed {
    static let keyedFields = ["title", "id", "level", "children"]

    func append(to key: inout CacheKey) {
        key.append(title)
        key.append(id)
        key.append(level)
        key.append(children)
    }
}
