extension NavItem: CacheKeyed {
    static let keyedFields = ["title", "number", "numberedTitle", "url", "summary", "isCurrent", "isOpen", "children", "more"]

    func append(to key: inout CacheKey) {
        key.append(title)
        key.append(number)
        key.append(numberedTitle)
        key.append(url)
        key.append(summary)
        key.append(isCurrent)
        key.append(isOpen)
        key.append(children)
        key.append(more)
    }
}
