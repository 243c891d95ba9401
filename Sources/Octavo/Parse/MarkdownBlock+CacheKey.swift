extension MarkdownBlock: CacheKeyed {
    static let keyedFields = ["kind", "content", "text", "line", "id", "nestedIDs", "links", "prose"]

    func append(to key: inout CacheKey) {
        // A switch without `default`: a kind added later does not compile until it is written here.
        switch kind {
        case .heading(let level):
            key.append(0)
            key.append(level)
        case .closingMarker: key.append(1)
        case .paragraph: key.append(2)
        case .other: key.append(3)
        }
        key.append(content)
        key.append(text)
        key.append(line)
        key.append(id)
        key.append(nestedIDs)
        key.append(links.lowerBound)
        key.append(links.upperBound)
        key.append(prose)
    }
}
