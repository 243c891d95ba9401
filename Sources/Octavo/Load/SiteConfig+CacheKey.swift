extension SiteConfig: CacheKeyed {
    static let keyedFields = ["title", "unsafe", "gfm", "allowOutsideLinks", "language", "baseURL", "description", "author", "favicon",
                              "editURL", "epub", "brokenLinkSeverity", "ignoredFrontMatter"]

    func append(to key: inout CacheKey) {
        key.append(title)
        key.append(unsafe)
        key.append(gfm)
        key.append(allowOutsideLinks)
        key.append(language)
        key.append(baseURL)
        key.append(description)
        key.append(author)
        key.append(favicon)
        key.append(editURL)
        key.append(epub)
        key.append(brokenLinkSeverity.rawValue)
        key.append(ignoredFrontMatter)
    }
}
