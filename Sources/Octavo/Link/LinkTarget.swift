import Foundation

/// Where an internal link leads once the site is outlined.
public enum LinkTarget: Sendable, Equatable {
    /// A page (index into ``Site/pages``), with an optional fragment (`#id`, without `#`).
    case page(Int, fragment: String?)
    /// A file in the output (an asset), by its output path, with an optional fragment.
    case file(String, fragment: String?)
    /// Nothing: the link is written as it was, and a diagnostic says why.
    case unresolved(String)
}

extension LinkTarget {
    /// The URL of this target as written in the page at `fromPath`: relative, naming the file
    /// (`../iii/index.html#id`), percent-encoded where URLs need it, not yet HTML-escaped.
    func url(from fromPath: String, site: Site, original: String) -> String {
        switch self {
        case .page(let index, let fragment):
            let path = site.pages[index].path
            let query = URLEscaping.query(of: original)
            let base = path == fromPath && fragment != nil && query.isEmpty ? "" : RelativePath.from(fromPath, to: path)
            return URLEscaping.path(base) + query + (fragment.map { "#" + URLEscaping.fragment($0) } ?? "")
        case .file(let path, let fragment):
            return URLEscaping.path(RelativePath.from(fromPath, to: path)) + URLEscaping.query(of: original)
                + (fragment.map { "#" + URLEscaping.fragment($0) } ?? "")
        case .unresolved:
            return original
        }
    }
}
