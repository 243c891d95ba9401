/// Maps the path of an HTTP request to a path inside the output folder, or refuses it.
///
/// Pure: it looks at the request's bytes only, so every refusal is decided before the file system is
/// touched (symbolic links are checked by `SiteFileHandler` afterwards). Each `/`-separated segment is
/// percent-decoded once (RFC 3986 §2.1); a decoded segment that still holds `%` (double encoding), a
/// `/` or `\`, a control character (NUL included), or is `.` or `..`, refuses the whole request.
public enum ServePath {
    /// The longest request path accepted, in bytes of its percent-encoded form.
    public static let maximumLength = 2048

    /// What a request path maps to.
    public enum Resolution: Equatable, Sendable {
        /// The path's decoded segments, relative to the output folder (none for `/`); `folder` when the
        /// request ended in `/`.
        case inside(segments: [String], folder: Bool)
        /// A path that can never name a file of the site: the server answers 400 with this reason.
        case badRequest(String)
        /// A hidden name (starting with `.`, like the output's `.octavo-manifest`), not part of the
        /// site: the server answers 404.
        case hidden

        /// The segments joined with `/` (`""` for the folder itself), for a path that maps inside.
        public var relativePath: String? {
            if case .inside(let segments, _) = self { return segments.joined(separator: "/") }
            return nil
        }
    }

    /// Resolves a request target's path as it came over the wire (still percent-encoded, without
    /// the query).
    /// - Parameter path: the origin-form path, e.g. `/i/commitments/%C3%A9t%C3%A9/`.
    /// - Returns: the segments inside the output folder, or why the request is refused.
    public static func resolve(_ path: String) -> Resolution {
        let bytes = Array(path.utf8)
        guard bytes.count <= maximumLength else { return .badRequest("the path is longer than \(maximumLength) bytes") }
        guard bytes.first == UInt8(ascii: "/") else { return .badRequest("the path does not start with /") }
        let raw = bytes.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var segments: [String] = []
        var hidden = false
        for (index, segment) in raw.enumerated() {
            if segment.isEmpty {
                // Only the last segment may be empty: `/folder/`. `//` could read as an absolute path.
                if index == raw.count - 1 { break }
                return .badRequest("the path has an empty segment")
            }
            guard let decoded = percentDecoded(segment) else { return .badRequest("the path has a malformed % escape") }
            for byte in decoded where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "%") {
                return .badRequest("the path has an encoded slash, backslash, % or control character")
            }
            guard let text = String(validating: decoded, as: UTF8.self) else { return .badRequest("the path is not UTF-8") }
            if text == "." || text == ".." { return .badRequest("the path has a . or .. segment") }
            if text.utf8.first == UInt8(ascii: ".") { hidden = true }  // by byte: `.` + a combining mark is one Character
            segments.append(text)
        }
        if hidden { return .hidden }
        return .inside(segments: segments, folder: bytes.last == UInt8(ascii: "/"))
    }

    /// Decodes `%XX` escapes; nil when a `%` is not followed by two hexadecimal digits.
    private static func percentDecoded(_ segment: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(segment.count)
        var index = segment.startIndex
        while index < segment.endIndex {
            let byte = segment[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < segment.endIndex, let high = hexValue(segment[index + 1]),
                      let low = hexValue(segment[index + 2]) else { return nil }
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(byte)
                index += 1
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
