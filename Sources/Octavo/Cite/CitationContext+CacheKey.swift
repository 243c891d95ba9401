extension CitationContext: CacheKeyed {
    static let keyedFields = ["meta", "jsonLD", "line"]

    func append(to key: inout CacheKey) {
        key.append(meta)
        key.append(jsonLD)
        key.append(line)
    }
}

extension CitationContext.MetaTag: CacheKeyed {
    static let keyedFields = ["name", "content"]

    func append(to key: inout CacheKey) {
        key.append(name)
        key.append(content)
    }
}

extension CitationContext.Line: CacheKeyed {
    static let keyedFields = ["text", "bib", "ris"]

    func append(to key: inout CacheKey) {
        key.append(text)
        key.append(bib)
        key.append(ris)
    }
}
