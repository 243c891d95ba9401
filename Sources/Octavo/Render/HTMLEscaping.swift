import Foundation

/// Escaping for text Octavo puts into HTML itself.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'` (safe in text and in quoted attributes).
    ///
    /// The same as swift-mustache's escaping of `{{name}}`: a character is replaced only when it
    /// is one of the five on its own, so `<` followed by a combining mark (one character) is kept.
    /// - Complexity: O(n) in the UTF-8 bytes; text without any of the five is returned as it is.
    public static func escape(_ text: String) -> String {
        // A special byte next to ASCII bytes only (or an end) is a character of its own: no ASCII
        // character joins it (Unicode's grapheme rules join a character only to an extending
        // mark, a joiner or a spacing mark after it, or to a prepended mark before it, all outside
        // ASCII; "\r\n" holds none of the five). Text where one touches a non-ASCII byte takes the
        // character loop.
        var special = false
        var bytewise = true
        var previous: UInt8 = 0
        var afterSpecial = false
        for byte in text.utf8 {
            if isSpecial(byte) {
                special = true
                if previous >= 0x80 { bytewise = false }
                afterSpecial = true
            } else {
                if afterSpecial, byte >= 0x80 { bytewise = false }
                afterSpecial = false
            }
            previous = byte
        }
        guard special else { return text }
        if bytewise {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 32)
            for byte in text.utf8 {
                switch byte {
                case 0x26: bytes += [0x26, 0x61, 0x6D, 0x70, 0x3B]        // &amp;
                case 0x3C: bytes += [0x26, 0x6C, 0x74, 0x3B]              // &lt;
                case 0x3E: bytes += [0x26, 0x67, 0x74, 0x3B]              // &gt;
                case 0x22: bytes += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case 0x27: bytes += [0x26, 0x23, 0x33, 0x39, 0x3B]        // &#39;
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Appends ``escape(_:)`` of `text` to `html`.
    static func append(_ text: String, to html: inout String) {
        html += escape(text)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
