extension LinkTarget {
    /// Writes the target into `key`: which case, then its values.
    func append(to key: inout CacheKey) {
        // A switch without `default`: a case added later does not compile until it is written here.
        switch self {
        case .page(let page, let fragment):
            key.append(0)
            key.append(page)
            key.append(fragment)
        case .file(let path, let fragment):
            key.append(1)
            key.append(path)
            key.append(fragment)
        case .unresolved(let original):
            key.append(2)
            key.append(original)
        }
    }
}
