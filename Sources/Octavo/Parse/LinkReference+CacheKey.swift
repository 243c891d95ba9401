extension LinkReference: CacheKeyed {
    static let keyedFields = ["destination", "line", "column", "isImage", "fillsText"]

    func append(to key: inout CacheKey) {
        key.append(destination)
        key.append(line)
        key.append(column)
        key.append(isImage)
        key.append(fillsText)
    }
}
