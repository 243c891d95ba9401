import Foundation

/// Finds template tags that name a variable no page context has, so that a typo such as
/// `{{page.titel}}` is an error instead of silently rendering as nothing, even inside a section
/// that no page happens to render.
///
/// Templates are parsed by swift-mustache; this only reads tag names for diagnostics. It
/// understands `{{name}}`, `{{{name}}}`, `{{&name}}`, sections `{{#a.b}}`, `{{^a}}`, `{{/a}}`,
/// and transforms `{{#empty(a.b)}}`; partials, comments and blocks are skipped. A template that
/// changes delimiters (`{{=<% %>=}}`) is checked only up to the change.
public enum TemplateLint {
    /// One error per unknown name per template, at the first tag that uses it, and one for each
    /// partial (`{{> name}}`) that no template file provides.
    public static func diagnostics(for templates: TemplateSet) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (template, text) in templates.sources.sorted(by: { $0.key < $1.key }) {
            var reported: Set<String> = []
            for partial in partials(in: text) where templates.sources[partial.name] == nil {
                result.append(Diagnostic(file: "\(templates.displayRoot)/\(template).mustache", line: partial.line, column: partial.column,
                                         message: "template includes '\(partial.name)', but there is no \(templates.displayRoot)/\(partial.name).mustache"))
            }
            for tag in tags(in: text) {
                for name in tag.names where !PageContext.variableNames.contains(name) && reported.insert(name).inserted {
                    result.append(Diagnostic(file: "\(templates.displayRoot)/\(template).mustache", line: tag.line, column: tag.column,
                                             message: "template uses '\(name)', which no page has (\(hint(for: name)))"))
                }
            }
        }
        return result
    }

    /// A tag's position (1-based) and the variable names it uses.
    struct Tag {
        var line: Int
        var column: Int
        var names: [String]
    }

    /// Every `{{…}}` tag's inside and 1-based position, up to a change of delimiters (`{{=`),
    /// after which the rest would be misread.
    static func rawTags(in text: String) -> [(inside: Substring, line: Int, column: Int)] {
        var result: [(inside: Substring, line: Int, column: Int)] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") {
                guard let close = text[index...].range(of: "}}") else { break }
                let inside = text[text.index(index, offsetBy: 2)..<close.lowerBound]
                if inside.first == "=" { break }
                result.append((inside, line, column))
            }
            if text[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return result
    }

    /// The variable tags of a template: partials, comments, blocks and parents are left out.
    static func tags(in text: String) -> [Tag] {
        rawTags(in: text).compactMap { tag in
            var inside = tag.inside
            guard let sigil = inside.first, !"!><$".contains(sigil) else { return nil }
            if "#^/&{".contains(sigil) { inside = inside.dropFirst() }
            return Tag(line: tag.line, column: tag.column, names: names(in: inside))
        }
    }

    /// The partials a template includes (`{{> partials/sidebar}}`), with their positions.
    static func partials(in text: String) -> [(name: String, line: Int, column: Int)] {
        rawTags(in: text).compactMap { tag in
            guard tag.inside.first == ">" else { return nil }
            let name = tag.inside.dropFirst().trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : (name, tag.line, tag.column)
        }
    }

    /// `page.title` → [page, title]; `empty(page.children)` → [page, children]; `.` → [].
    static func names(in tag: Substring) -> [String] {
        var expression = tag.trimmingCharacters(in: .whitespaces)
        while let open = expression.firstIndex(of: "("), expression.hasSuffix(")") {
            expression = String(expression[expression.index(after: open)..<expression.index(before: expression.endIndex)])
        }
        return expression.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "did you mean 'title'?" for a name one or two edits from a variable, else the list of variables.
    static func hint(for name: String) -> String {
        let close = PageContext.variableNames.sorted().map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
        if let best = close.min(by: { $0.1 < $1.1 }) { return "did you mean '\(best.0)'?" }
        return "variables: " + PageContext.variableNames.sorted().joined(separator: ", ")
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
