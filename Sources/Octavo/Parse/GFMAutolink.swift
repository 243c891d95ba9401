import Foundation

/// Finds extended autolinks (GitHub Flavored Markdown 0.29, §6.9) in the text of one text node:
/// `www.` followed by a valid domain, `http://`, `https://` and `ftp://` URLs, and email addresses.
///
/// The rules are the spec's, as cmark-gfm applies them: a `www.` link starts at the start of the
/// text, after white space or after `*`, `_`, `~`, `(` or `[`; trailing `?!.,:*_~` and unmatched
/// closing brackets or quotes are not part of the link, nor is `&name;` at its end; `<` ends it.
enum GFMAutolink {
    /// A link found: its UTF-8 byte range in the text and the URL it points to
    /// (`http://` added before `www.`, `mailto:` before an email address).
    struct Match: Sendable, Equatable {
        var range: Range<Int>
        var url: String
    }

    /// The links in `text`, in order, not overlapping.
    /// - Complexity: O(n) in the text's length for URLs; an `@` rewinds over the name before it only.
    static func matches(in text: String) -> [Match] {
        // Every link holds `www.`, `:` (a scheme) or `@` (an address): most text holds none, and
        // is passed over by memchr without being copied.
        guard text.containsByte(UInt8(ascii: ":")) || text.containsByte(UInt8(ascii: "@")) || Self.containsWWW(text) else { return [] }
        let bytes = Array(text.utf8)
        var result: [Match] = []
        var floor = 0  // nothing before the end of the last link may join a new one
        var index = 0
        func add(_ range: Range<Int>, prefix: String) {
            result.append(Match(range: range, url: prefix + String(decoding: bytes[range], as: UTF8.self)))
            floor = range.upperBound
            index = range.upperBound
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "w"), let end = www(bytes, at: index) {
                add(index..<end, prefix: "http://")
            } else if byte == UInt8(ascii: ":"), let start = url(bytes, colon: index, floor: floor) {
                add(start.range, prefix: "")
            } else if byte == UInt8(ascii: "@"), let range = email(bytes, at: index, floor: floor) {
                add(range, prefix: "mailto:")
            } else {
                index += 1
            }
        }
        return result
    }

    /// Whether `text` holds `www.`.
    private static func containsWWW(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var start = 0
            while start + 4 <= bytes.count, let found = memchr(base + start, Int32(UInt8(ascii: "w")), bytes.count - start) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "w"), bytes[index + 2] == UInt8(ascii: "w"),
                   bytes[index + 3] == UInt8(ascii: ".") { return true }
                start = index + 1
            }
            return false
        }
    }

    private static func www(_ bytes: [UInt8], at index: Int) -> Int? {
        if index > 0, !"*_~([".utf8.contains(bytes[index - 1]), !isSpace(bytes[index - 1]) { return nil }
        guard bytes.count - index >= 4, bytes[index..<(index + 4)].elementsEqual("www.".utf8) else { return nil }
        let domain = domainLength(bytes[index...], allowShort: false)
        guard domain > 0 else { return nil }
        var end = index + domain
        while end < bytes.count, !isSpace(bytes[end]) { end += 1 }
        let length = trimmedLength(bytes[index..<end])
        return length > 0 ? index + length : nil
    }

    private static func url(_ bytes: [UInt8], colon: Int, floor: Int) -> (range: Range<Int>, Void)? {
        guard bytes.count - colon >= 4, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else { return nil }
        var start = colon
        while start > floor, isAlpha(bytes[start - 1]) { start -= 1 }
        let scheme = String(decoding: bytes[start..<colon], as: UTF8.self).lowercased()
        // After `://` a letter or digit, of any script (cmark-gfm's tests link `http://🍄.ga/`).
        guard ["http", "https", "ftp"].contains(scheme), isAlnum(bytes[colon + 3]) || bytes[colon + 3] >= 0x80 else { return nil }
        let domain = domainLength(bytes[(colon + 3)...], allowShort: true)
        guard domain > 0 else { return nil }
        var end = colon + 3 + domain
        while end < bytes.count, !isSpace(bytes[end]) { end += 1 }
        let length = trimmedLength(bytes[start..<end])
        return length > colon + 3 - start ? (start..<(start + length), ()) : nil
    }

    private static func email(_ bytes: [UInt8], at position: Int, floor: Int) -> Range<Int>? {
        var start = position
        while start > floor, isAlnum(bytes[start - 1]) || ".+-_".utf8.contains(bytes[start - 1]) { start -= 1 }
        guard start < position, !(start > floor && bytes[start - 1] == UInt8(ascii: "/")) else { return nil }
        var end = position, ats = 0, dots = 0
        while end < bytes.count {
            let byte = bytes[end]
            if isAlnum(byte) {
            } else if byte == UInt8(ascii: "@") {
                ats += 1
                // A second `@` makes it no address: stop, so that `a@a@a…` costs O(n), not O(n²).
                if ats > 1 { break }
            } else if byte == UInt8(ascii: "."), end + 1 < bytes.count, isAlnum(bytes[end + 1]) {
                dots += 1
            } else if byte != UInt8(ascii: "-"), byte != UInt8(ascii: "_") {
                break
            }
            end += 1
        }
        guard end - position >= 2, ats == 1, dots > 0, isAlpha(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: ".") else { return nil }
        let length = trimmedLength(bytes[position..<end])
        return length > 0 ? start..<(position + length) : nil
    }

    /// The length of the domain at the start of `bytes`: letters, digits, `-` and `_`, in segments
    /// separated by `.`, with no `_` in the last two; at least one `.` unless `allowShort`; 0 when invalid.
    private static func domainLength(_ bytes: ArraySlice<UInt8>, allowShort: Bool) -> Int {
        var index = bytes.startIndex + 1, periods = 0, underscoresBefore = 0, underscores = 0
        while index < bytes.endIndex - 1 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                underscores += 1
            } else if byte == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                periods += 1
            } else if !isAlnum(byte), byte != UInt8(ascii: "-") {
                break
            }
            index += 1
        }
        if underscoresBefore > 0 || underscores > 0 { return 0 }
        return allowShort || periods > 0 ? index - bytes.startIndex : 0
    }

    /// The length of a link candidate once `<` and the trailing characters that are not part of a link are cut.
    private static func trimmedLength(_ link: ArraySlice<UInt8>) -> Int {
        let bytes = Array(link)
        var end = bytes.firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        while end > 0 {
            let last = bytes[end - 1]
            let pairs: [UInt8: UInt8] = [UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "'"): UInt8(ascii: "'"),
                                         UInt8(ascii: ")"): UInt8(ascii: "("), UInt8(ascii: "]"): UInt8(ascii: "["),
                                         UInt8(ascii: "}"): UInt8(ascii: "{")]
            if "?!.,:*_~".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ";") {
                var start = end - 2
                while start > 0, isAlpha(bytes[start]) { start -= 1 }
                if start >= 0, start < end - 2, bytes[start] == UInt8(ascii: "&") { end = start } else { end -= 1 }
            } else if let open = pairs[last] {
                let opening = bytes[..<end].filter { $0 == open }.count
                let closing = bytes[..<end].filter { $0 == last }.count
                // A quote is its own opener: it always counts as unmatched, as in cmark-gfm.
                if open != last, opening == closing { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isAlnum(_ byte: UInt8) -> Bool { isAlpha(byte) || (0x30...0x39).contains(byte) }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
}
