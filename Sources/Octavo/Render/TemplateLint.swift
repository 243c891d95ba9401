import Foundation

/// Reads the tags of templates for mistakes that would otherwise render silently as nothing,
/// even inside a section that no page happens to render: a variable no page context has
/// (`{{page.titel}}`), a transform swift-mustache does not have (`{{^emtpy(page.children)}}`),
/// a partial no template file provides, and partials that include each other with nothing that
/// could stop them.
///
/// Templates are parsed by swift-mustache; this only reads tags for diagnostics. It understands
/// `{{name}}`, `{{{name}}}`, `{{&name}}`, sections `{{#a.b}}`, `{{^a}}`, `{{/a}}`, transforms
/// `{{#empty(a.b)}}`, partials `{{> name}}`, parents `{{< name}}`, blocks `{{$name}}`, comments,
/// and changes of delimiters (`{{=<% %>=}}`).
public enum TemplateLint {
    /// An error for each loop of partials with no section or block around any of its includes
    /// (`partials/loop.mustache` holding `{{> partials/loop}}`): rendering one never ends. A loop
    /// through a section may end (a contents list walks `{{#children}}`); the render stage bounds
    /// those (see ``TemplateSet/render(_:template:limits:)``).
    ///
    /// - Parameters:
    ///   - sources: Template name → text.
    ///   - displayRoot: The templates folder as the user named it.
    ///   - structures: Each template's ``Structure`` when the caller has read it already (the
    ///     template set does, for its depth limit); read here otherwise.
    /// - Returns: One error per loop, at the include that starts it, naming the chain from the
    ///   template where the search began (`layout` first).
    static func endlessInclusions(in sources: [String: String], displayRoot: String, builtInNames: Set<String> = [],
                                  structures: [String: Structure] = [:]) -> [Diagnostic] {
        let names = [TemplateSet.layoutName].filter { sources[$0] != nil } + sources.keys.filter { $0 != TemplateSet.layoutName }.sorted()
        var edges: [String: [Partial]] = [:]
        for name in names {
            edges[name] = (structures[name] ?? structure(of: sources[name] ?? "")).includes
                .filter { !$0.enclosed && !$0.partial.isDynamic && sources[$0.partial.name] != nil }.map(\.partial)
        }
        enum Mark { case onPath, done }
        var marks: [String: Mark] = [:]
        var result: [Diagnostic] = []
        // Depth-first, with an explicit stack: a chain of thousands of partials must not overflow it.
        for root in names where marks[root] == nil {
            var path: [(name: String, next: Int)] = [(root, 0)]
            marks[root] = .onPath
            while let top = path.last {
                let out = edges[top.name] ?? []
                guard top.next < out.count else {
                    marks[top.name] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let target = out[top.next].name
                switch marks[target] {
                case .done?:
                    continue
                case .onPath?:
                    let start = path.firstIndex { $0.name == target } ?? 0
                    let first = out[top.next]  // on a template that includes itself
                    let opening = start + 1 < path.count ? (edges[path[start].name] ?? [])[path[start].next - 1] : first
                    let chain = (path.map(\.name) + [target]).map { $0 + ".mustache" }.joined(separator: " → ")
                    result.append(Diagnostic(
                        file: DisplayPath(builtInNames.contains(path[start].name) ? BuiltInTheme.displayRoot : displayRoot).appending("\(path[start].name).mustache").text, line: opening.line, column: opening.column,
                        message: "partials include each other without end, with no section around any include that could stop them: \(chain) → …; put the include of '\(opening.name)' inside a section that ends, such as {{#children}} … {{/children}}"))
                case nil:
                    marks[target] = .onPath
                    path.append((target, 0))
                }
            }
        }
        return result
    }

    /// One error per unknown name or transform per template, at the first tag that uses it, and
    /// one for each partial (`{{> name}}`) that no template file provides (with the template's
    /// name at most two edits away, when there is one: ``Suggestion``).
    public static func diagnostics(for templates: TemplateSet) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (template, text) in templates.sources.sorted(by: { $0.key < $1.key }) {
            let file = templates.displayPath(of: template)
            var reported: Set<String> = []
            var reportedTransforms: Set<String> = []
            // Read once for both lists (each build lints every template).
            let raw = rawTags(in: text)
            for partial in raw.compactMap({ Self.partial(in: $0.inside, line: $0.line, column: $0.column) })
            where !partial.isDynamic && templates.sources[partial.name] == nil {
                let suggestion = Suggestion.closest(to: partial.name, among: templates.sources.keys).map { ": did you mean '\($0)'?" } ?? ""
                result.append(Diagnostic(file: file, line: partial.line, column: partial.column,
                                         message: "template includes '\(partial.name)', but there is no \(DisplayPath(templates.displayRoot).appending("\(partial.name).mustache"))\(suggestion)"))
            }
            for tag in tags(from: raw) {
                for name in tag.names where !PageContext.variableNames.contains(name) && reported.insert(name).inserted {
                    result.append(Diagnostic(file: file, line: tag.line, column: tag.column,
                                             message: "template uses '\(name)', which no page has (\(hint(for: name, among: PageContext.variableNames, listing: "variables")))"))
                }
                for transform in tag.transforms where !transformNames.contains(transform) && reportedTransforms.insert(transform).inserted {
                    result.append(Diagnostic(file: file, line: tag.line, column: tag.column,
                                             message: "template uses the transform '\(transform)()', which swift-mustache does not have, so the tag renders as if the value were missing (\(hint(for: transform, among: transformNames, listing: "transforms")))"))
                }
            }
        }
        return result
    }

    /// The transforms swift-mustache 2 applies (`Transform.swift` and `SequenceContext.swift` of
    /// its sources): on strings, sequences, dictionaries, integers, and `first()`, `index()` … of
    /// the current item of a list. Any other name makes the tag's value missing.
    static let transformNames: Set<String> = [
        "capitalized", "count", "empty", "enumerated", "equalzero", "even", "first", "index", "last",
        "lowercased", "minusone", "odd", "plusone", "reversed", "sorted", "uppercased",
    ]

    /// A tag's position (1-based), the variable names it uses and the transforms applied to them.
    struct Tag {
        var line: Int
        var column: Int
        var names: [String]
        var transforms: [String] = []
    }

    /// Every tag's inside and 1-based position, in order. Follows changes of delimiters
    /// (`{{=<% %>=}}`) as swift-mustache does, so a template cannot hide tags from the checks; a
    /// malformed change ends the list (the template then fails to parse anyway).
    static func rawTags(in text: String) -> [(inside: Substring, line: Int, column: Int)] {
        var result: [(inside: Substring, line: Int, column: Int)] = []
        var open = "{{"
        var close = "}}"
        var line = 1
        var column = 1
        var index = text.startIndex
        let utf8 = text.utf8
        func advance(to end: String.Index) {
            // Text between tags is mostly ASCII, where each byte is a character (but for "\r\n").
            if utf8[index..<end].allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
                for byte in utf8[index..<end] {
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
                index = end
                return
            }
            while index < end {
                if text[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index = text.index(after: index)
            }
        }
        // An ASCII delimiter is found by its bytes, then checked as characters are: it must start
        // at a character boundary and not end inside a character ("}}" + U+0301), as `firstRange`
        // on the characters finds it (Foundation's `range(of:)` traps on some text with NUL).
        func find(_ delimiter: String, from start: String.Index) -> Range<String.Index>? {
            guard delimiter.utf8.allSatisfy({ $0 < 0x80 }), let first = delimiter.utf8.first else {
                return text[start...].firstRange(of: delimiter)
            }
            var from = start
            while let candidate = utf8[from...].firstIndex(of: first) {
                if utf8[candidate...].starts(with: delimiter.utf8), let aligned = String.Index(candidate, within: text), text[aligned...].hasPrefix(delimiter) {
                    return aligned..<text.index(aligned, offsetBy: delimiter.count)
                }
                from = utf8.index(after: candidate)
            }
            return nil
        }
        while index < text.endIndex {
            if open.utf8.allSatisfy({ $0 < 0x80 }) {
                guard let found = find(open, from: index) else { break }
                advance(to: found.lowerBound)
            }
            guard text[index...].hasPrefix(open) else {
                advance(to: text.index(after: index))
                continue
            }
            let insideStart = text.index(index, offsetBy: open.count)
            guard let end = find(close, from: insideStart) else { break }
            let inside = text[insideStart..<end.lowerBound]
            if inside.first == "=" {
                let words = inside.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                guard inside.count > 1, inside.last == "=", words.count == 2 else { break }
                open = String(words[0])
                close = String(words[1])
            } else {
                result.append((inside, line, column))
            }
            advance(to: end.upperBound)
        }
        return result
    }

    /// The variable tags of a template: partials, comments, blocks and parents are left out.
    static func tags(in text: String) -> [Tag] {
        tags(from: rawTags(in: text))
    }

    private static func tags(from raw: [(inside: Substring, line: Int, column: Int)]) -> [Tag] {
        raw.compactMap { tag in
            var inside = tag.inside
            guard let sigil = inside.first, !"!><$".contains(sigil) else { return nil }
            if "#^/&{".contains(sigil) { inside = inside.dropFirst() }
            let expression = expression(in: inside)
            return Tag(line: tag.line, column: tag.column, names: expression.names, transforms: expression.transforms)
        }
    }

    /// A partial (`{{> name}}`) or parent (`{{< name}}`) tag; a dynamic one (`{{>*page.kind}}`)
    /// names the variable that holds the template's name.
    struct Partial {
        var name: String
        var line: Int
        var column: Int
        var isDynamic: Bool = false
    }

    /// The partials and parents a template includes (`{{> partials/sidebar}}`), with their positions.
    static func partials(in text: String) -> [Partial] {
        rawTags(in: text).compactMap { tag in partial(in: tag.inside, line: tag.line, column: tag.column) }
    }

    private static func partial(in inside: Substring, line: Int, column: Int) -> Partial? {
        guard inside.first == ">" || inside.first == "<" else { return nil }
        var name = inside.dropFirst().trimmingWhitespace()
        let isDynamic = name.hasPrefix("*")
        if isDynamic { name = name.dropFirst().trimmingWhitespace() }
        return name.isEmpty ? nil : Partial(name: name, line: line, column: column, isDynamic: isDynamic)
    }

    /// How a template includes others: each partial or parent with whether a section or block
    /// (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) encloses it, and how deeply the template nests
    /// sections and blocks at most.
    struct Structure {
        var includes: [(partial: Partial, enclosed: Bool)] = []
        var depth = 0
    }

    /// The ``Structure`` of a template.
    static func structure(of text: String) -> Structure {
        var result = Structure()
        var open = 0
        for tag in rawTags(in: text) {
            guard let sigil = tag.inside.first else { continue }
            if let partial = partial(in: tag.inside, line: tag.line, column: tag.column) {
                result.includes.append((partial, open > 0))
            }
            if "#^$<".contains(sigil) {
                open += 1
                result.depth = max(result.depth, open)
            } else if sigil == "/" {
                open = max(0, open - 1)
            }
        }
        return result
    }

    /// `page.title` → [page, title]; `empty(page.children)` → [page, children]; `.` → [].
    static func names(in tag: Substring) -> [String] {
        expression(in: tag).names
    }

    /// The names and transforms of a tag's expression, as swift-mustache reads it:
    /// `first(reversed(page.children))` → names [page, children], transforms [first, reversed].
    static func expression(in tag: Substring) -> (names: [String], transforms: [String]) {
        var expression = tag.trimmingWhitespace()
        var transforms: [String] = []
        while let open = expression.firstIndex(of: "("), expression.hasSuffix(")") {
            transforms.append(expression[..<open].trimmingWhitespace())
            expression = String(expression[expression.index(after: open)..<expression.index(before: expression.endIndex)])
        }
        let names = expression.split(separator: ".").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return (names, transforms.filter { !$0.isEmpty })
    }

    /// "did you mean 'title'?" for a name one or two edits from a known one, else the list of known names.
    static func hint(for name: String, among known: Set<String> = PageContext.variableNames, listing: String = "variables") -> String {
        if let best = Suggestion.closest(to: name, among: known, maxDistance: 2) { return "did you mean '\(best)'?" }
        return listing + ": " + known.sorted().joined(separator: ", ")
    }
}
