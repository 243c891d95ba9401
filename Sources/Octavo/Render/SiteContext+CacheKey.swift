extension SiteContext: CacheKeyed {
    static let keyedFields = ["title", "root", "home", "generator", "search", "print", "language", "dir", "baseURL", "description", "author", "favicon"]

    func append(to key: inout CacheKey) {
        key.append(title)
        key.append(root)
        key.append(home)
        key.append(generator)
        key.append(search)
        key.append(print)
        key.append(language)
        key.append(dir)
        key.append(baseURL)
        key.append(description)
        key.append(author)
        key.append(favicon)
    }
}
