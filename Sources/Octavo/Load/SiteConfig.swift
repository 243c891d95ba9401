import Foundation
import Yams

/// Site-wide settings from `site.yml` at the top of the content folder (optional).
///
/// ```yaml
/// title: My site     # the site's title; default: the home page's title
/// unsafe: true       # keep raw HTML and javascript: links in Markdown (default false)
/// markdown: commonmark  # CommonMark 0.30 only, without GitHub's extensions (default gfm)
/// allow_outside_links: true  # follow symbolic links that lead outside the site (default false)
/// language: fr       # BCP 47 tag for <html lang>; right-to-left scripts also get dir="rtl"
/// base_url: https://example.org/docs/   # canonical links, sitemap.xml, robots.txt, Open Graph
/// description: …     # the home page's description and the site's in Open Graph
/// author: …          # <meta name="author">
/// favicon: icon.png  # a file of the content folder
/// edit_url: https://github.com/o/r/edit/main/Content/   # + the source path: "Edit this page"
/// epub: book.epub    # also write an EPUB, relative to the folder that holds the content folder
/// broken_links: warn # broken links are warnings, not errors (default error); --strict still fails
/// ```
public struct SiteConfig: Sendable, Equatable {
    /// The site's title, shown in every page's header; default: the home page's title.
    public var title: String?
    /// Whether raw HTML and dangerous URLs in Markdown are kept (cmark's `CMARK_OPT_UNSAFE`).
    public var unsafe: Bool
    /// Whether Markdown is GitHub-flavoured (`markdown: gfm`, the default) rather than CommonMark
    /// 0.30 only (`markdown: commonmark`); see ``MarkdownParser/gfm``.
    public var gfm: Bool = true
    /// Whether symbolic links in the content and templates folders may lead outside the site's
    /// root (see ``LinkBoundary``).
    public var allowOutsideLinks: Bool
    /// The site's language as a BCP 47 tag (`en`, `fr-CA`, `zh-Hans`); default `en`.
    public var language: String = "en"
    /// The URL the site is published at, ending in `/`; `nil` when not given.
    public var baseURL: String?
    /// A description of the whole site.
    public var description: String?
    /// The author, for `<meta name="author">`.
    public var author: String?
    /// The favicon's path relative to the content folder (`icon.png`).
    public var favicon: String?
    /// The prefix of each page's "Edit this page" link; the source path relative to the content
    /// folder follows it.
    public var editURL: String?
    /// Where to write the EPUB edition (see ``EpubBook``), as written: relative to the folder that
    /// holds the content folder; `--epub` overrides it.
    public var epub: String?
    /// How a broken link is reported: `.error` (the default, the build fails) or `.warning`
    /// (`broken_links: warn`, the build publishes; `--strict` still fails on it).
    public var brokenLinkSeverity: Diagnostic.Severity = .error
    /// Front matter keys that other tools or the site's own scripts read (`ignore_front_matter:
    /// [tags, extra]`, Hugo's `tags`, Zola's `[extra]` table): Octavo does not warn about them.
    /// Sorted, without repeats.
    public var ignoredFrontMatter: [String] = []

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
            // At the value: what is wrong is there.
            let (line, column) = (value.mark?.line, value.mark?.column)
            switch key.string {
            case "title":
                if let text = value.scalar?.string { title = text } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'title' must be text"))
                }
            case "unsafe":
                if let flag = value.bool { unsafe = flag } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'unsafe' must be true or false"))
                }
            case "markdown":
                switch value.scalar?.string {
                case "gfm": gfm = true
                case "commonmark": gfm = false
                default: problems.append(Diagnostic(file: file, line: line, column: column, message: "'markdown' must be gfm (GitHub-flavoured, the default) or commonmark"))
                }
            case "allow_outside_links":
                if let flag = value.bool { allowOutsideLinks = flag } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'allow_outside_links' must be true or false"))
                }
            case "language":
                if let text = value.scalar?.string, Self.isLanguageTag(text) { language = text } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'language' must be a BCP 47 language tag such as en, fr-CA or zh-Hans"))
                }
            case "base_url":
                if let text = value.scalar?.string, let url = Self.baseURL(text) { baseURL = url } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: Self.baseURLProblem(for: value.scalar?.string ?? "")))
                }
            case "epub":
                if let text = value.scalar?.string, text.hasSuffix(".epub"), !text.contains("\0") { epub = text } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'epub' must be the path of a file ending in .epub, such as book.epub"))
                }
            case "broken_links":
                switch value.scalar?.string {
                case "error": brokenLinkSeverity = .error
                case "warn", "warning": brokenLinkSeverity = .warning
                default: problems.append(Diagnostic(file: file, line: line, column: column, message: "'broken_links' must be error or warn"))
                }
            case "ignore_front_matter":
                let items = value.sequence.map(Array.init) ?? [value]
                let keys = items.compactMap { $0.scalar?.string }
                if keys.count == items.count, keys.allSatisfy({ !$0.isEmpty }) { ignoredFrontMatter = Array(Set(keys)).sorted() } else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'ignore_front_matter' must list front matter keys, like [tags, extra]"))
                }
            case "description", "author", "favicon", "edit_url":
                guard let text = value.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    problems.append(Diagnostic(file: file, line: line, column: column, message: "'\(key.string ?? "")' must be text"))
                    continue
                }
                switch key.string {
                case "description": description = text
                case "author": author = text
                case "favicon":
                    if text.hasPrefix("/") || text.split(separator: "/").contains("..") || text.contains("://") {
                        problems.append(Diagnostic(file: file, line: line, column: column, message: "'favicon' must be the path of a file in the content folder, such as icon.png"))
                    } else { favicon = text }
                default:
                    if text.hasPrefix("https://") || text.hasPrefix("http://") { editURL = text } else {
                        problems.append(Diagnostic(file: file, line: line, column: column, message: "'edit_url' must start with https:// or http://"))
                    }
                }
            default:
                let name = key.string ?? ""
                let known = Self.knownKeys.split(separator: ", ").map(String.init)
                let message = Suggestion.closest(to: name, among: known).map { "unknown setting '\(name)': did you mean '\($0)'?" }
                    ?? "unknown setting '\(name)' (known: \(Self.knownKeys))"
                problems.append(Diagnostic(file: file, line: key.mark?.line, column: key.mark?.column, message: message))
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
    }

    /// The keys `site.yml` may hold, for messages.
    static let knownKeys = "title, unsafe, markdown, allow_outside_links, language, base_url, description, author, favicon, edit_url, epub, broken_links, ignore_front_matter"

    /// What a base URL must look like, for messages.
    public static let baseURLProblem = "the base URL must be an absolute http:// or https:// URL, such as https://example.org/docs/"

    /// Why `text` is not a base URL (``baseURL(_:)`` is `nil`): a space, a query or a fragment in
    /// an otherwise absolute URL is named as such; anything else is ``baseURLProblem``.
    public static func baseURLProblem(for text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let absolute = trimmed.lowercased().hasPrefix("https://") || trimmed.lowercased().hasPrefix("http://")
        if absolute, trimmed.contains(" ") {
            return "the base URL has a space, which a URL cannot hold: write it as %20 (\(trimmed.replacingOccurrences(of: " ", with: "%20")))"
        }
        if absolute, let components = URLComponents(string: trimmed), components.user != nil || components.password != nil {
            return "the base URL holds a user name or password, which every page would publish: leave it out"
        }
        if absolute, let port = URLComponents(string: trimmed)?.port, port > 65_535 {
            return "the base URL's port \(port) is above 65535, the largest there is"
        }
        if absolute, let mark = trimmed.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            return "the base URL has a \(trimmed[mark] == "?" ? "query (?…)" : "fragment (#…)"), which the pages' addresses cannot go below: leave it out (\(trimmed[..<mark]))"
        }
        return baseURLProblem
    }

    /// Whether `tag` has the shape of a BCP 47 language tag (RFC 5646): a 2–3 letter language
    /// (or `x`/`i` private and grandfathered forms), then subtags of 1–8 letters or digits.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count) || first == "x" || first == "i",
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The base URL with a `/` at its end, or `nil` when `text` is not an absolute http(s) URL
    /// with a host (no query or fragment).
    public static func baseURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, !trimmed.contains(" "),
              components.user == nil, components.password == nil, (components.port ?? 1) <= 65_535 else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    /// Whether text in this language is written right to left: the script subtag when there is one
    /// (`az-Arab`), else the language's usual script (Unicode CLDR's likely subtags).
    public static func isRightToLeft(_ tag: String) -> Bool {
        let parts = tag.lowercased().split(separator: "-")
        if let script = parts.dropFirst().first(where: { $0.count == 4 && $0.allSatisfy(\.isLetter) }) { return rtlScripts.contains(script) }
        return parts.first.map { rtlLanguages.contains($0) } ?? false
    }

    // Made once: every page asks (its `site.dir`).
    private static let rtlScripts: Set<Substring> = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr", "mend", "yezi"]
    private static let rtlLanguages: Set<Substring> = ["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi", "nqo", "prs", "pnb", "lrc", "mzn", "glk", "azb"]
}
