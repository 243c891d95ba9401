import Foundation

/// Percent-encoding for URLs Octavo writes.
///
/// One rule for every path segment and fragment, here and in `Templates/assets/search.js`
/// (`encodeURIComponent` per segment): everything but ASCII letters, digits and `-_.!~*'()` is
/// percent-encoded as UTF-8, so `#`, `?`, `%`, space, `"`, `:`, `&`, `+` and every non-ASCII
/// letter in a name reach the file they name.
public enum URLEscaping {
    /// What a segment keeps as it is: JavaScript's `encodeURIComponent` set.
    private static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-_.!~*'()")
        return set
    }()

    /// Encodes a path segment by segment, keeping the `/` between them.
    ///
    /// `:` is always encoded (`%3A`): a relative URL whose first segment holds a colon is read
    /// as having a scheme (`javascript:alert(1)/index.html`, `Note: intro/index.html`; RFC 3986,
    /// §4.2), and a page's path comes from names the user chose. `#` and `?` would start a
    /// fragment or query. Browsers and servers decode them back to the file's name.
    public static func path(_ path: String) -> String {
        if path.utf8.allSatisfy(isPlain) { return path }
        return path.pathParts(omittingEmpty: false).map { segment(String($0)) }.joined(separator: "/")
    }

    /// Encodes one path segment (no `/` kept), as `encodeURIComponent` does.
    public static func segment(_ segment: String) -> String {
        // Most segments and fragments (`details`, `iii-3`) need nothing: Foundation is not asked.
        if segment.utf8.allSatisfy({ isPlain($0) && $0 != 0x2F }) { return segment }
        return segment.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? segment
    }

    /// ASCII letters, digits and `-._/`: never encoded.
    private static func isPlain(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x2F
    }

    /// Encodes a fragment as one segment (ids are letters, digits, `-` and `_`; others are encoded).
    public static func fragment(_ fragment: String) -> String {
        segment(fragment)
    }

    /// The query of a link as written (`?view=full` of `c.md?view=full#top`), with `?`, or `""`
    /// when it has none. It is kept as written but for the characters a URL cannot hold as they
    /// are (space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, controls, non-ASCII, and a `%`
    /// that starts no escape: RFC 3986, §3.4), which are percent-encoded as UTF-8.
    public static func query(of destination: String) -> String {
        let utf8 = destination.utf8
        let end = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        guard let start = utf8[..<end].firstIndex(of: UInt8(ascii: "?")) else { return "" }
        let bytes = Array(utf8[start..<end])
        var result = ""
        for (offset, byte) in bytes.enumerated() {
            let isHex = { (at: Int) in at < bytes.count && (bytes[at] as UInt8).isHexDigit }
            let plain = byte > 0x20 && byte < 0x7F && !"\"<>\\^`{|}".utf8.contains(byte)
                && (byte != UInt8(ascii: "%") || (isHex(offset + 1) && isHex(offset + 2)))
            result += plain ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded
        }
        return result
    }
}

private extension UInt8 {
    var isHexDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}

private extension String {
    /// Two hex digits: `"7"` → `"07"`.
    var leftPadded: String { count < 2 ? "0" + self : self }
}
