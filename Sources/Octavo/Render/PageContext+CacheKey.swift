extension PageContext: CacheKeyed {
    static let keyedFields = ["site", "page", "breadcrumbs", "prev", "next", "sidebar", "toc", "onThisPage", "print", "topics", "related", "citation"]

    func append(to key: inout CacheKey) {
        key.append(site)
        key.append(page)
        key.append(breadcrumbs)
        key.append(prev)
        key.append(next)
        key.append(sidebar)
        key.append(toc)
        key.append(onThisPage)
        key.append(print)
        key.append(topics)
        key.append(related)
        key.append(citation)
    }
}
