import Foundation
import Yams

/// The settings a Markdown file gives in its YAML front matter (the block between two `---` lines
/// at the very top of the file).
///
/// Every key is optional. Keys Octavo does not read are kept in ``unreadKeys`` so that `check`
/// can warn about them (a misspelt `wieght:` should not pass silently).
public struct FrontMatter: Sendable, Equatable {
    /// The page title; defaults to the text of the file's first heading, then to its file name.
    public var title: String?
    /// A one-sentence description, used for the `<meta name="description">` and in listings.
    public var description: String?
    /// Sort key among the pages of one folder: lower first; pages without a weight come after
    /// those with one, then by file name.
    public var weight: Int?
    /// Replaces the file name's stem in the page's path (`slug: intro` makes `guide/intro/index.html`).
    /// One path segment: no `/`, `\`, `..` or control characters.
    public var slug: String?
    /// Heading levels (1–6) at which the file is split into pages, outermost first:
    /// `[1, 2]` makes one page per level-1 heading and one per level-2 heading below it.
    public var split: [Int]
    /// Who wrote the document (a person or an organisation), for citations and metadata, and the
    /// EPUB's creator (`dc:creator`); read from the home page's file only, else `site.yml`'s `author`.
    public var author: String?
    /// Who published it, for citations and metadata, and the EPUB's `dc:publisher`.
    public var publisher: String?
    /// When it was published, as written: `2023`, `2023-02` or `2023-02-21` (ISO 8601).
    public var date: String?
    /// A stable identifier of the document (a DOI, an ISBN, a report number or a URL); the EPUB's
    /// unique identifier (`urn:isbn:…`, `urn:uuid:…`).
    public var identifier: String?
    /// Whether the page is a draft (`draft: true`): left out of `build` (pages, navigation, search,
    /// print edition, sitemap, EPUB) unless `--drafts`; `check` still checks it.
    public var draft = false
    /// Keys present in the front matter that Octavo does not read, with their 1-based line in the file.
    public var unreadKeys: [(key: String, line: Int)]
    /// The 1-based line in the file of each key, read or not, for diagnostics about its value.
    public var keyLines: [String: Int] = [:]

    /// The keys Octavo reads; all others are reported as unread.
    public static let knownKeys: Set<String> = ["title", "description", "weight", "slug", "split", "author", "publisher", "date", "identifier", "draft"]

    /// Front matter with nothing set.
    public init() {
        split = []
        unreadKeys = []
    }

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.description == rhs.description && lhs.weight == rhs.weight
            && lhs.slug == rhs.slug && lhs.split == rhs.split
            && lhs.author == rhs.author && lhs.publisher == rhs.publisher && lhs.date == rhs.date && lhs.identifier == rhs.identifier
            && lhs.draft == rhs.draft
            && lhs.unreadKeys.map(\.key) == rhs.unreadKeys.map(\.key)
    }
}

extension FrontMatter {
    /// Parses front matter YAML.
    ///
    /// - Parameters:
    ///   - yaml: The text between the `---` lines.
    ///   - file: The file's path, for diagnostics.
    ///   - firstLine: The 1-based line of the file on which `yaml` starts (2 when the file opens with `---`).
    /// - Throws: ``BuildError`` naming the file and line when the YAML does not parse, is not a
    ///   mapping, or a known key has the wrong type (`weight: many`).
    public init(yaml: String, file: String, firstLine: Int) throws {
        self.init()
        let root: Node?
        do {
            // Every value is read from its text (`scalar.string`), never from the tag YAML 1.1 would give
            // it, so no tag is resolved: Yams' default resolver compiles seven ICU regular expressions,
            // a few milliseconds of every cold build. The encoding is named: Yams' default reads the
            // whole process environment (for YAMS_DEFAULT_ENCODING) on every call, most of the
            // front matter's time on a large site, to choose UTF-8, which every Swift string gets.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            // `title Hooks` among other keys: YAML's own message ("mapping values are not allowed
            // in this context", "could not find expected ':'") points at another line.
            throw Self.missingColon(in: yaml, file: file, firstLine: firstLine)
                ?? Self.diagnose(error, file: file, firstLine: firstLine, what: "front matter is")
        } catch {
            throw BuildError(file: file, line: firstLine, "front matter is not valid YAML: \(error)")
        }
        guard let root else { return }  // empty front matter
        guard let mapping = root.mapping else {
            // `title Command line`: YAML reads a line without `: ` as text, not as a key.
            if root.scalar != nil, let hint = Self.missingColon(in: yaml, file: file, firstLine: firstLine) { throw hint }
            throw BuildError(file: file, line: firstLine, "front matter must be a YAML mapping of keys to values: lines of 'key: value'")
        }
        func line(_ node: Node) -> Int { firstLine + (node.mark?.line ?? 1) - 1 }
        func fail(_ node: Node, _ message: String) -> BuildError {
            BuildError(file: file, line: line(node), column: node.mark?.column, message)
        }
        func string(_ key: String, _ node: Node) throws -> String {
            guard let scalar = node.scalar else { throw fail(node, "front matter '\(key)' must be text") }
            return scalar.string
        }
        // Decimal digits only. Yams' `Node.int` also reads YAML 1.1's `0x10` and base 60 (`1:30`),
        // and traps on a base-60 number too large for Int (`1:1:1:1:1:1:1:1:1:1:1`).
        func wholeNumber(_ node: Node) -> Int? {
            guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return nil }
            return Int(scalar.string)
        }
        // Every key is read, so that each wrong value is reported at once, not one build at a time.
        var problems: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            keyLines[key] = line(keyNode)
            do {
                switch key {
                case "title":
                    title = try string(key, value)
                case "description":
                    description = try string(key, value)
                case "slug":
                    let text = try string(key, value)
                    if let problem = Self.slugProblem(text) { throw fail(value, problem) }
                    slug = text
                case "identifier", "author", "publisher":
                    let text = try string(key, value).trimmingSpaces()
                    guard !text.isEmpty else { throw fail(value, "front matter '\(key)' must be text") }
                    switch key {
                    case "identifier": identifier = text
                    case "author": author = text
                    default: publisher = text
                    }
                case "date":
                    let text = try string(key, value)
                    let reading = Self.readDate(text)
                    guard case .day(let day) = reading else { throw fail(value, Self.dateProblem(reading, text)) }
                    date = day
                case "draft":
                    // Plain only: `draft: "false"` is text in YAML, and reading it as a boolean would
                    // make one spelling of the same text a draft and the other not.
                    guard let scalar = value.scalar, scalar.style == .plain || scalar.style == .any, ["true", "false"].contains(scalar.string) else {
                        throw fail(value, "front matter 'draft' must be true or false, without quotes")
                    }
                    draft = scalar.string == "true"
                case "weight":
                    guard let number = wholeNumber(value) else {
                        throw fail(value, "front matter 'weight' must be a whole number, not '\(value.string ?? "a list")'")
                    }
                    weight = number
                case "split":
                    let items = value.sequence.map(Array.init) ?? [value]
                    split = try items.map { item in
                        guard let level = wholeNumber(item), (1...6).contains(level) else {
                            throw fail(item, "front matter 'split' must list heading levels from 1 to 6, like [1, 2]")
                        }
                        return level
                    }
                    guard split == split.sorted(), Set(split).count == split.count else {
                        throw fail(value, "front matter 'split' must list heading levels in increasing order, like [1, 2]")
                    }
                default:
                    unreadKeys.append((key, line(keyNode)))
                }
            } catch let error as BuildError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
    }

    /// Why `slug` cannot be a page's folder name (empty, `.`, more than one path segment, or with
    /// a control character), or `nil` when it can.
    public static func slugProblem(_ slug: String) -> String? {
        let forbidden = slug.isEmpty || slug == "." || slug.contains("..") || slug.contains("/") || slug.contains("\\")
            || slug.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard forbidden else { return nil }
        let shown = slug.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
        let what = slug.isEmpty ? "is empty" : slug == "." ? "is '.', which names the folder itself" : "is not one path segment"
        return "slug '\(shown)' \(what): a slug is a folder name of the page's address, such as getting-started (no '/', '\\', '..' or control characters)"
    }

    /// The first line of `yaml` that starts at the left edge, holds no colon and reads as a key and
    /// a value (`title Hooks`, `wieght 2`: a known key or one close to it, then a space and more),
    /// as a diagnostic that suggests the line with a colon; `nil` when there is none.
    static func missingColon(in yaml: String, file: String, firstLine: Int) -> BuildError? {
        for (offset, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let start = line.first, start != " ", start != "\t", start != "#", start != "-", !line.contains(":") else { continue }
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            let word = words.first.map(String.init) ?? ""
            guard words.count == 2, let key = knownKeys.contains(word) ? word : Suggestion.closest(to: word, among: knownKeys) else { continue }
            return BuildError(file: file, line: firstLine + offset, column: 1,
                              "front matter must be lines of 'key: value', and this line has no colon: did you mean '\(key): \(words[1])'?")
        }
        return nil
    }

    /// A YAML error as a diagnostic at its line in the file. A bracket or quote left open is
    /// reported where it opens (libyaml's context), not where the file ran out of it.
    static func diagnose(_ error: YamlError, file: String, firstLine: Int, what: String) -> BuildError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            if let context, context.text.contains("flow") || context.text.contains("quoted scalar"),
               (context.mark.line, context.mark.column) < (mark.line, mark.column) {
                let opened = context.text.contains("sequence") ? "the list opened with '['" : context.text.contains("mapping") ? "the mapping opened with '{'"
                    : "the quoted text"
                return BuildError(file: file, line: firstLine + context.mark.line - 1, column: context.mark.column,
                                  "\(what) not valid YAML: \(opened) starts here and is not closed (\(problem) at line \(firstLine + mark.line - 1))")
            }
            return BuildError(file: file, line: firstLine + mark.line - 1, column: mark.column, "\(what) not valid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, _):
            return BuildError(file: file, line: firstLine, "\(what) not valid: it repeats the key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return BuildError(file: file, line: firstLine, "\(what) not valid YAML: \(error)")
        }
    }
}
