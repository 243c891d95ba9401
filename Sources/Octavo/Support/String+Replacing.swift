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
}
