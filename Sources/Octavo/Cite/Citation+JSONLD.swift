extension Citation {
    /// Schema.org JSON-LD: an `Article` (the page) with `isPartOf` the document (a `Report`).
    /// Safe inside `<script>`: `<`, `>` and `&` are written as `\u003c` …, so no text ends the element.
    /// Their `url`s are absolute, under the base URL; without one there is none (a reader
    /// resolves a relative `url` against the page, where the site path would lead astray).
    ///
    /// Written by hand, keys in sorted order, in the bytes `JSONSerialization` wrote with
    /// `.sortedKeys` and `.withoutEscapingSlashes` (a test compares them): building the dictionaries
    /// and serializing them cost about a million instructions a page.
    public var jsonLD: String {
        var json = "{\"@context\":\"https://schema.org\",\"@type\":\"Article\","
        json.reserveCapacity(1024)
        func field(_ key: String, _ value: String) {
            json += "\"" + key + "\":"
            Self.appendJSONString(value, to: &json)
            json += ","
        }
        func organisation(_ key: String, _ name: String) {
            json += "\"" + key + "\":{\"@type\":\"Organization\",\"name\":"
            Self.appendJSONString(name, to: &json)
            json += "},"
        }
        let headline = isDocument ? documentTitle : label
        if let author { organisation("author", author) }
        if let date { field("datePublished", date) }
        field("headline", headline)
        field("inLanguage", language)
        json += "\"isPartOf\":{\"@type\":\"Report\","
        if let author { organisation("author", author) }
        if let date { field("datePublished", date) }
        if let identifier { field("identifier", identifier) }
        field("name", documentTitle)
        if let publisher { organisation("publisher", publisher) }
        if isAbsolute { field("url", documentURL) }
        json.removeLast()  // the last field's comma
        json += "},"
        field("name", headline)
        if let publisher { organisation("publisher", publisher) }
        if isAbsolute { field("url", url) }
        json.removeLast()
        json += "}"
        return json
    }

    /// Appends `text` as a JSON string literal as `JSONSerialization` writes it (`\b \f \n \r \t`,
    /// other controls as `\u00XX` in lower-case hex, `/` and non-ASCII as they are), with `<`, `>`
    /// and `&` written as `\u003c`, `\u003e`, `\u0026` for `<script>`.
    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        var plain = text.utf8.startIndex
        let utf8 = text.utf8
        var index = plain
        func escape(_ replacement: String) {
            json += text[plain..<index]
            json += replacement
            plain = utf8.index(after: index)
        }
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): escape("\\\"")
            case UInt8(ascii: "\\"): escape("\\\\")
            case 0x08: escape("\\b")
            case 0x0C: escape("\\f")
            case UInt8(ascii: "\n"): escape("\\n")
            case UInt8(ascii: "\r"): escape("\\r")
            case UInt8(ascii: "\t"): escape("\\t")
            case 0..<0x20: escape((byte < 0x10 ? "\\u000" : "\\u00") + String(byte, radix: 16))
            case UInt8(ascii: "<"): escape("\\u003c")
            case UInt8(ascii: ">"): escape("\\u003e")
            case UInt8(ascii: "&"): escape("\\u0026")
            default: break
            }
            index = utf8.index(after: index)
        }
        json += text[plain..<index]
        json += "\""
    }
}
