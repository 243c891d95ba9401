import Foundation

extension String {
    /// The string with every `old` character replaced by `new`, both ASCII: Foundation's
    /// `replacingOccurrences(of:with:)`, done on the bytes when the string is ASCII, which spares a
    /// cold build Foundation's start-up of string search (ICU's tables, a few milliseconds).
    func replacingASCII(_ old: UInt8, with new: UInt8) -> String {
        guard utf8.contains(old) else { return self }
        // Beyond ASCII, Foundation keeps `-` followed by a combining mark: leave such text to it.
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return replacingOccurrences(of: String(Character(Unicode.Scalar(old))), with: String(Character(Unicode.Scalar(new))))
        }
        return String(decoding: utf8.map { $0 == old ? new : $0 }, as: UTF8.self)
    }

    /// Whether the string is a date as front matter writes one: `2023-02-21`, `2023-02` or `2023`
    /// (four digits, then optionally `-` and two digits, twice). As the regular expression
    /// `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$` that this replaces (ICU's, whose `$` also matches
    /// before one line end at the end of the text), without compiling it on every cold build.
    var isFrontMatterDate: Bool {
        let lineEnds: [Unicode.Scalar] = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
        var scalars = Array(unicodeScalars)
        if let last = scalars.last, lineEnds.contains(last) {
            scalars.removeLast()
            if scalars.last == "\r", self.unicodeScalars.last == "\n" { scalars.removeLast() }
        }
        guard scalars.count == 4 || scalars.count == 7 || scalars.count == 10 else { return false }
        for (position, scalar) in scalars.enumerated() {
            let isDigit = scalar.value >= 0x30 && scalar.value <= 0x39
            if position == 4 || position == 7 ? scalar != "-" : !isDigit { return false }
        }
        return true
    }
}
