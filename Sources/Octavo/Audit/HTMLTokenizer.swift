/// Reads the ids and the link and source URLs of an HTML page as a browser meets them: a small,
/// tolerant tokenizer after the WHATWG HTML tokenizer's main states, enough for the audit.
///
/// It knows comments (`<!-- … -->`, whose content is no markup), doctype and processing
/// instructions, end tags, raw text (`<script>`, `<style>`: no markup inside until the matching end
/// tag) and escapable raw text (`<title>`, `<textarea>`), and attributes double-quoted, single-quoted,
/// unquoted or without a value, with character references in their values (`&amp;`, `&#39;`,
/// `&#x27;` and the few named ones Octavo's templates use). Names are compared without case.
/// What it does not know is read as text, as a browser would; it never fails.
struct HTMLTokenizer {
    /// An attribute of a start tag that a check cares about.
    struct Reference: Equatable {
        /// The tag's name, lower-case (`a`, `img`, `link` …).
        var tag: String
        /// The attribute's name, lower-case (`href` or `src`).
        var attribute: String
        /// The value, with character references decoded.
        var value: String
    }

    /// Every `id` value, in document order.
    private(set) var ids: [String] = []
    /// Every `href` and `src` value, in document order.
    private(set) var references: [Reference] = []

    /// Tokenizes `html`.
    /// - Complexity: O(size of `html`).
    init(html: String) {
        var html = html
        html.withUTF8 { scan($0) }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        var index = 0
        func starts(_ text: StaticString, at position: Int) -> Bool {
            let length = text.utf8CodeUnitCount
            guard position + length <= count else { return false }
            let pointer = text.utf8Start
            for offset in 0..<length where Self.lower(bytes[position + offset]) != pointer[offset] { return false }
            return true
        }
        /// The index just after the first `text` at or after `position`, or the end.
        func after(_ text: StaticString, from position: Int) -> Int {
            var cursor = position
            while cursor < count {
                if starts(text, at: cursor) { return cursor + text.utf8CodeUnitCount }
                cursor += 1
            }
            return count
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if starts("<!--", at: index) {
                // `<!-->` and `<!--->` end at once (WHATWG: abrupt closing of empty comment).
                if starts("<!-->", at: index) { index += 5; continue }
                if starts("<!--->", at: index) { index += 6; continue }
                index = after("-->", from: index + 4)
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                index = after(">", from: index + 2)  // doctype, bogus comment, end tag
            } else if Self.isLetter(next) {
                index = startTag(bytes, at: index + 1)
            } else {
                index += 1  // a `<` that starts no tag is text
            }
        }
    }

    /// Reads a start tag whose name starts at `start`; returns the index after it (and after its
    /// raw text, for `script`, `style`, `title` and `textarea`).
    private mutating func startTag(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let count = bytes.count
        var index = start
        while index < count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ">") { index += 1 }
        let tagRange = start..<index
        var tag: String?  // made only when needed: most tags have no reference and no raw text
        func tagName() -> String {
            if let tag { return tag }
            let name = Self.lowered(bytes, tagRange)
            tag = name
            return name
        }
        while index < count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") { index += 1; continue }
            if byte == UInt8(ascii: ">") { index += 1; break }
            // An attribute name runs to a space, `/`, `>` or `=` (a first `=` belongs to the name).
            let nameStart = index
            index += 1
            while index < count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
                  bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let name = nameStart..<index
            while index < count, Self.isSpace(bytes[index]) { index += 1 }
            var valueRange: Range<Int>?
            if index < count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < count, Self.isSpace(bytes[index]) { index += 1 }
                if index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < count, bytes[index] != quote { index += 1 }
                    valueRange = valueStart..<index
                    index = min(index + 1, count)
                } else {
                    let valueStart = index
                    while index < count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    valueRange = valueStart..<index
                }
            }
            // Values are decoded only for the attributes kept: most (class, rel …) are skipped.
            if Self.equals(bytes, name, "id") {
                ids.append(valueRange.map { Self.decode(bytes, $0) } ?? "")
            } else if let valueRange, Self.equals(bytes, name, "href") {
                references.append(Reference(tag: tagName(), attribute: "href", value: Self.decode(bytes, valueRange)))
            } else if let valueRange, Self.equals(bytes, name, "src") {
                references.append(Reference(tag: tagName(), attribute: "src", value: Self.decode(bytes, valueRange)))
            }
        }
        // Raw text: nothing inside is markup until the element's own end tag.
        guard ["script", "style", "title", "textarea"].contains(where: { Self.equals(bytes, tagRange, $0) }) else { return index }
        let end = Array(("</" + tagName()).utf8)
        while index < count {
            if bytes[index] == UInt8(ascii: "<"), index + end.count <= count,
               (0..<end.count).allSatisfy({ Self.lower(bytes[index + $0]) == end[$0] }) {
                return index
            }
            index += 1
        }
        return index
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Whether the bytes in `range` are `name` (lower-case ASCII), ignoring ASCII case.
    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let pointer = name.utf8Start
        for offset in 0..<range.count where lower(bytes[range.lowerBound + offset]) != pointer[offset] { return false }
        return true
    }

    /// The bytes in `range` as a string, ASCII letters lower-case; a name written in lower case
    /// (most) is made without a copy to lower.
    private static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let name = UnsafeBufferPointer(rebasing: bytes[range])
        guard name.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: name, as: UTF8.self) }
        return String(decoding: name.map(lower), as: UTF8.self)
    }

    /// The named references an attribute value of Octavo's pages may hold; others stay as written.
    private static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// An attribute value with its character references decoded (`&amp;`, `&#39;`, `&#x27;` …).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard raw.utf8.contains(UInt8(ascii: "&")) else { return raw }
        var result = ""
        var rest = Substring(raw)
        while let amp = rest.utf8.firstIndex(of: UInt8(ascii: "&")) {
            result += rest[..<amp]
            let afterAmp = rest[rest.utf8.index(after: amp)...]
            guard let semicolon = afterAmp.utf8.prefix(32).firstIndex(of: UInt8(ascii: ";")) else {
                result += "&"
                rest = afterAmp
                continue
            }
            let name = afterAmp[..<semicolon]
            var scalar: Unicode.Scalar?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            }
            if let scalar {
                result.unicodeScalars.append(scalar)
            } else if let text = named[String(name)] {
                result += text
            } else {
                result += "&" + name + ";"
            }
            rest = afterAmp[afterAmp.utf8.index(after: semicolon)...]
        }
        return result + rest
    }
}
