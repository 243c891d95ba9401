import Foundation

/// Finds the terms a text mentions: whole words only (`AU` is not in `August`, `UN` not in
/// `unilateral`), each form by its case rule, any run of spaces in the text matching the space of
/// a form; where forms overlap, the longest one that starts first wins (`UN Security Council`
/// counts for that term, not for `UN`).
public struct TermMatcher: Sendable {
    private struct Form: Sendable {
        var text: String
        var term: Int
        var exact: Bool
    }
    private let forms: [Form]

    /// Creates a matcher for `terms`; results are indices into it.
    public init(_ terms: [Term]) {
        var forms: [Form] = []
        for (index, term) in terms.enumerated() {
            for form in term.forms {
                let words = form.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !words.isEmpty else { continue }
                forms.append(Form(text: words, term: index, exact: term.rule(for: form) == .exact))
            }
        }
        self.forms = forms
    }

    /// The indices of the terms `text` mentions, each once, in the order of their first mention.
    public func terms(in text: String) -> [Int] {
        let text = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        var found: [(range: Range<String.Index>, term: Int)] = []
        for form in forms {
            var start = text.startIndex
            while start < text.endIndex,
                  let range = text.range(of: form.text, options: form.exact ? [.literal] : [.caseInsensitive], range: start..<text.endIndex) {
                if Self.isBoundary(text, before: range.lowerBound), Self.isBoundary(text, after: range.upperBound) {
                    found.append((range, form.term))
                }
                start = text.index(after: range.lowerBound)
            }
        }
        found.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound }
        var result: [Int] = []
        var end = text.startIndex
        for match in found where match.range.lowerBound >= end {
            end = match.range.upperBound
            if !result.contains(match.term) { result.append(match.term) }
        }
        return result
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    private static func isBoundary(_ text: String, before index: String.Index) -> Bool {
        index == text.startIndex || !isWordCharacter(text[text.index(before: index)])
    }

    private static func isBoundary(_ text: String, after index: String.Index) -> Bool {
        index == text.endIndex || !isWordCharacter(text[index])
    }
}
