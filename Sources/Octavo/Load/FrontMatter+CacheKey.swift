extension FrontMatter: CacheKeyed {
    static let keyedFields = ["title", "description", "weight", "slug", "split", "author", "publisher", "date", "identifier", "draft",
                              "unreadKeys", "keyLines"]

    func append(to key: inout CacheKey) {
        key.append(title)
        key.append(description)
        key.append(weight)
        key.append(slug)
        key.append(split)
        key.append(author)
        key.append(publisher)
        key.append(date)
        key.append(identifier)
        key.append(draft)
        key.append(unreadKeys.count)
        for (name, line) in unreadKeys {
            key.append(name)
            key.append(line)
        }
        // Sorted by bytes, so that equal dictionaries write the same key.
        let lines = keyLines.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        key.append(lines.count)
        for (name, line) in lines {
            key.append(name)
            key.append(line)
        }
    }
}
