import Foundation

extension TermMatcher {
    /// The matching rule as written, for any text and forms: Foundation's search with the case
    /// rule of each form and a word boundary (no letter or number) on each side of a match.
    /// ``terms(in:)`` takes it for texts and forms its byte scan does not cover.
    func unicodeTerms(in text: String) -> [Int] {
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
