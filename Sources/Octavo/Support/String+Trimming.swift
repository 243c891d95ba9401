extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's NSString: the scalars of
    /// `CharacterSet.whitespaces` removed from both ends, which are those of Unicode general
    /// category Zs, U+0009 CHARACTER TABULATION and U+200B ZERO WIDTH SPACE (Zs before Unicode
    /// 4.0.1; swift-corelibs-foundation keeps it); line breaks stay.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\u{200B}" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }), let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}
