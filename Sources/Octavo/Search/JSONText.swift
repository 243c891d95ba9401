/// JSON text for the values the index writes.
enum JSONText {
    /// A JSON string literal; non-ASCII characters are written as they are (UTF-8), but for the line
    /// and paragraph separators, which older JavaScript engines do not accept in string literals.
    static func string(_ text: String) -> String {
        var json = "\""
        json.reserveCapacity(text.utf8.count + 2)
        // Runs of bytes that need no escape are copied whole, not byte by byte.
        let utf8 = text.utf8
        var plain = utf8.startIndex
        var index = plain
        func escape(_ replacement: String, through last: String.UTF8View.Index) {
            json += text[plain..<index]
            json += replacement
            plain = utf8.index(after: last)
            index = plain
        }
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): escape("\\\"", through: index)
            case UInt8(ascii: "\\"): escape("\\\\", through: index)
            case UInt8(ascii: "\n"): escape("\\n", through: index)
            case UInt8(ascii: "\r"): escape("\\r", through: index)
            case UInt8(ascii: "\t"): escape("\\t", through: index)
            case 0..<0x20: escape((byte < 0x10 ? "\\u000" : "\\u00") + String(byte, radix: 16), through: index)
            case 0xE2:  // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
                let second = utf8.index(after: index)
                if second != utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third != utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 {
                        escape(utf8[third] == 0xA8 ? "\\u2028" : "\\u2029", through: third)
                        continue
                    }
                }
                index = utf8.index(after: index)
            default:
                index = utf8.index(after: index)
            }
        }
        json += text[plain..<index]
        json += "\""
        return json
    }
}
