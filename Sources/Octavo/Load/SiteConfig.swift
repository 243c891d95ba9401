import Foundation
import Yams

/// Site-wide settings from `site.yml` at the top of the content folder (optional).
///
/// ```yaml
/// title: My site     # the site's title; default: the home page's title
/// unsafe: true       # keep raw HTML and javascript: links in Markdown (default false)
/// allow_outside_links: true  # follow symbolic links that lead outside the site (default false)
/// ```
public struct SiteConfig: Sendable, Equatable {
    /// The site's title, shown in every page's header; default: the home page's title.
    public var title: String?
    /// Whether raw HTML and dangerous URLs in Markdown are kept (cmark's `CMARK_OPT_UNSAFE`).
    public var unsafe: Bool
    /// Whether symbolic links in the content and templates folders may lead outside the site's
    /// root (see ``LinkBoundary``).
    public var allowOutsideLinks: Bool

    /// The file name, at the top of the content folder.
    public static let fileName = "site.yml"

    /// Default settings.
    public init(title: String? = nil, unsafe: Bool = false, allowOutsideLinks: Bool = false) {
        self.title = title
        self.unsafe = unsafe
        self.allowOutsideLinks = allowOutsideLinks
    }

    /// Parses `site.yml`.
    /// - Throws: ``BuildError`` naming the file and line for YAML that does not parse, a value of
    ///   the wrong type, or a key Octavo does not know.
    public init(yaml: String, file: String) throws {
        self.init()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw FrontMatter.diagnose(error, file: file, firstLine: 1, what: "settings are")
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            throw BuildError(file: file, line: 1, "settings must be a YAML mapping of keys to values")
        }
        var problems: [Diagnostic] = []
        for (key, value) in mapping {
            let line = value.mark?.line
            switch key.string {
            case "title":
                if let text = value.scalar?.string { title = text } else {
                    problems.append(Diagnostic(file: file, line: line, message: "'title' must be text"))
                }
            case "unsafe":
                if let flag = value.bool { unsafe = flag } else {
                    problems.append(Diagnostic(file: file, line: line, message: "'unsafe' must be true or false"))
                }
            case "allow_outside_links":
                if let flag = value.bool { allowOutsideLinks = flag } else {
                    problems.append(Diagnostic(file: file, line: line, message: "'allow_outside_links' must be true or false"))
                }
            default:
                problems.append(Diagnostic(file: file, line: key.mark?.line,
                                           message: "unknown setting '\(key.string ?? "")' (known: title, unsafe, allow_outside_links)"))
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
    }
}
