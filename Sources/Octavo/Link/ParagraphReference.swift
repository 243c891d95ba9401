/// A fragment that names a paragraph by number: `p2` (on the page that holds the link) or
/// `III.3.p2` (paragraph 2 of the page numbered III.3).
struct ParagraphReference: Equatable {
    /// The page's number path (`III.3`), or empty for `pN` alone.
    var number: String
    /// The paragraph's 1-based number.
    var paragraph: Int

    /// Creates a reference from its parts.
    init(number: String, paragraph: Int) {
        self.number = number
        self.paragraph = paragraph
    }

    /// Reads `p` + digits, optionally after a number and `.`; `nil` for any other fragment.
    init?(_ fragment: String) {
        let parts = fragment.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = parts.last, last.utf8.first == UInt8(ascii: "p"), last.count > 1, last.count <= 7,
              last.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(last.dropFirst()), value > 0 else { return nil }
        let number = parts.dropLast().joined(separator: ".")
        guard number.isEmpty || Self.isNumber(number) else { return nil }
        self.number = number
        self.paragraph = value
    }

    /// Whether a fragment reads like a number path of the outline (`IX.9`, `II`, `3`, `A.2`): parts
    /// of digits, Roman numerals or one letter, joined by `.`; one letter alone is not enough.
    static func isNumber(_ fragment: String) -> Bool {
        let parts = fragment.split(separator: ".", omittingEmptySubsequences: false)
        func isDigits(_ part: Substring) -> Bool { !part.isEmpty && part.count <= 4 && part.allSatisfy { $0.isASCII && $0.isNumber } }
        func isRoman(_ part: Substring) -> Bool { !part.isEmpty && part.count <= 6 && part.allSatisfy { "IVXLCDM".contains($0) } }
        func isLetter(_ part: Substring) -> Bool { part.count == 1 && part.allSatisfy { $0.isASCII && $0.isLetter } }
        if parts.count == 1 { return isDigits(parts[0]) || isRoman(parts[0]) }
        return parts.allSatisfy { isDigits($0) || isRoman($0) || isLetter($0) }
    }
}
