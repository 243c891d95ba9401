extension HTMLSegment: CacheKeyed {
    static let keyedFields: [String] = []

    func append(to key: inout CacheKey) {
        // A switch without `default`: a case added later does not compile until it is written here.
        switch self {
        case .html(let text):
            key.append(0)
            key.append(text)
        case .linkURL(let number):
            key.append(1)
            key.append(number)
        case .linkLabel(let number):
            key.append(2)
            key.append(number)
        case .headingOpen(let level, let nested):
            key.append(3)
            key.append(level)
            key.append(nested)
        case .headingClose(let level, let nested):
            key.append(4)
            key.append(level)
            key.append(nested)
        }
    }
}
