import Foundation
import Mustache

/// A Mustache syntax error put in words, at the place to fix.
///
/// swift-mustache reports `expectedSectionEnd` at the end of the file and `sectionCloseNameIncorrect`
/// in the middle of a tag; a person needs the section that was opened and never closed, or the
/// closing tag that does not match. The template's tags are read again (``TemplateLint/rawTags(in:)``)
/// to find them.
enum TemplateSyntaxError {
    /// The diagnostic for a template that swift-mustache could not parse.
    /// - Parameters:
    ///   - error: swift-mustache's error, with the line and column (1-based, in Characters) where it stopped.
    ///   - text: The template's text.
    ///   - file: The template's display path (`Templates/layout.mustache`).
    static func diagnostic(for error: MustacheTemplate.ParserError, text: String, file: String) -> Diagnostic {
        let line = error.context.lineNumber, column = error.context.columnNumber
        switch error.error as? MustacheTemplate.Error {
        case .expectedSectionEnd?:
            if let open = openSections(in: text).unclosed.last {
                return Diagnostic(file: file, line: open.line, column: open.column,
                                  message: "section '\(open.name)' opened at \(open.line):\(open.column) is never closed: add {{/\(open.name)}} where it ends")
            }
        case .sectionCloseNameIncorrect?:
            if let wrong = openSections(in: text).wrongClose {
                let message = wrong.open.map {
                    "{{/\(wrong.name)}} closes '\(wrong.name)', but the section open here is '\($0.name)' (opened at \($0.line):\($0.column)): close it first with {{/\($0.name)}}, or fix the name"
                } ?? "{{/\(wrong.name)}} closes a section that is not open: remove it, or open the section with {{#\(wrong.name)}} before it"
                return Diagnostic(file: file, line: wrong.line, column: wrong.column, message: message)
            }
        case .unfinishedName?:
            if let tag = tagStart(in: text, line: line, column: column) {
                let end = tag.text.hasPrefix("{{{") ? "}}}" : "}}"
                return Diagnostic(file: file, line: tag.line, column: tag.column,
                                  message: "tag '\(tag.text)' is not finished: a name is letters, digits, '.', '-' or '_' (with transforms such as empty(page.children)), and the tag ends with \(end)")
            }
        default:
            break
        }
        return Diagnostic(file: file, line: line, column: column, message: "template does not parse: \(error.error)")
    }

    /// A section tag: its name and 1-based position.
    struct Section {
        var name: String
        var line: Int
        var column: Int
    }

    /// Sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) read in order: those left open at the end,
    /// outermost first, and the first closing tag that does not close the innermost open one.
    static func openSections(in text: String) -> (unclosed: [Section], wrongClose: (name: String, line: Int, column: Int, open: Section?)?) {
        var open: [Section] = []
        for tag in TemplateLint.rawTags(in: text) {
            guard let sigil = tag.inside.first else { continue }
            let name = tag.inside.dropFirst().trimmingCharacters(in: .whitespaces)
            if "#^$<".contains(sigil) {
                open.append(Section(name: name, line: tag.line, column: tag.column))
            } else if sigil == "/" {
                guard let last = open.last, last.name == name else { return (open, (name, tag.line, tag.column, open.last)) }
                open.removeLast()
            }
        }
        return (open, nil)
    }

    /// The `{{` that opens the tag swift-mustache stopped in, at or before `line`:`column`, with the
    /// tag's text up to the end of its line (at most 40 characters).
    static func tagStart(in text: String, line: Int, column: Int) -> (line: Int, column: Int, text: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let row = Array(lines[line - 1])
        var index = min(column, row.count) - 1
        while index >= 1 {
            if row[index - 1] == "{", row[index] == "{" {
                var start = index - 1
                while start > 0, row[start - 1] == "{" { start -= 1 }
                // Up to the first `}}` (the tag as written), else the rest of the line.
                var text = String(row[start...].prefix(40))
                if let close = text.range(of: "}}") { text = String(text[..<close.upperBound]) }
                let tag = text.trimmingCharacters(in: .whitespaces)
                return (line, start + 1, tag)
            }
            index -= 1
        }
        return nil
    }
}
