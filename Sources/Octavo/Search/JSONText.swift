/// JSON text for the values the index writes.
enum JSONText {
    /// A JSON string literal; non-ASCII characters are written as they are (UTF-8), but for the line
    /// and paragraph separators, which older JavaScript engines do not accept in string literals.
    static func string(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable(literal) ?? Array(text.utf8).withUnsafeBufferPointer(literal)
    }

    /// The literal of valid UTF-8: runs of bytes that need no escape are copied whole.
    private static func literal(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var json: [UInt8] = [UInt8(ascii: "\"")]
        json.reserveCapacity(bytes.count + 2)
        var plain = 0
        func escape(_ replacement: String, from index: Int, through last: Int) {
            json.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<index]))
            json.append(contentsOf: replacement.utf8)
            plain = last + 1
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): escape("\\\"", from: index, through: index)
            case UInt8(ascii: "\\"): escape("\\\\", from: index, through: index)
            case UInt8(ascii: "\n"): escape("\\n", from: index, through: index)
            case UInt8(ascii: "\r"): escape("\\r", from: index, through: index)
            case UInt8(ascii: "\t"): escape("\\t", from: index, through: index)
            case 0..<0x20: escape((byte < 0x10 ? "\\u000" : "\\u00") + String(byte, radix: 16), from: index, through: index)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
                escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", from: index, through: index + 2)
                index += 2
            default:
                break
            }
            index += 1
        }
        json.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        json.append(UInt8(ascii: "\""))
        return String(decoding: json, as: UTF8.self)
    }
}
