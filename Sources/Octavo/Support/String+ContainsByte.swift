import Foundation

extension String {
    /// Whether the string's UTF-8 holds `byte`, found by `memchr`. The generic `utf8.contains`
    /// steps through String's index one byte at a time, which made the parse stage's checks for
    /// `|`, `~` and `[` over every text node a few percent of a large build.
    /// - Complexity: O(n), a `memchr` for native strings.
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false }
    }
}
