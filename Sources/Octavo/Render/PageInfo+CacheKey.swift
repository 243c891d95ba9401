extension PageInfo: CacheKeyed {
    static let keyedFields = ["title", "number", "numberPath", "numberedTitle", "kind", "isHome", "url", "description", "summary", "heading",
                              "body", "closing", "children", "canonical", "editURL", "date"]

    func append(to key: inout CacheKey) {
        key.append(title)
        key.append(number)
        key.append(numberPath)
        key.append(numberedTitle)
        key.append(kind)
        key.append(isHome)
        key.append(url)
        key.append(description)
        key.append(summary)
        key.append(heading)
        key.append(body)
        key.append(closing)
        key.append(children)
        key.append(canonical)
        key.append(editURL)
        key.append(date)
    }
}
