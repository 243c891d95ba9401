/// Finds the terms a text mentions: whole words only (`AU` is not in `August`, `UN` not in
/// `unilateral`), each form by its case rule, any run of spaces in the text matching the space of
/// a form; where forms overlap, the longest one that starts first wins (`UN Security Council`
/// counts for that term, not for `UN`).
///
/// The rule is that of Foundation's `range(of:options:)` (`.literal` for a form of exact case,
/// `.caseInsensitive` otherwise) with a word boundary on each side, which ``unicodeTerms(in:)``
/// applies as written. Most texts take a scan of their UTF-8 bytes instead, which finds the same
/// matches far faster: when every form is ASCII and the text is ASCII but for punctuation that
/// no comparison can equate with ASCII (``isInert(_:)``), bytes compare as Foundation does.
public struct TermMatcher: Sendable {
    struct Form: Sendable {
        /// The form with its runs of spaces made one space.
        var text: String
        /// `text` in UTF-8; lower-cased when `exact` is false (used only when every form is ASCII).
        var bytes: [UInt8]
        var term: Int
        var exact: Bool
    }
    let forms: [Form]
    /// For each byte, the forms (indices into ``forms``, in order) that can start with it.
    private let startingWith: [[Int]]
    /// Whether every form is ASCII, so that texts may take the byte scan.
    private let asciiForms: Bool

    /// Creates a matcher for `terms`; results are indices into it.
    public init(_ terms: [Term]) {
        var forms: [Form] = []
        for (index, term) in terms.enumerated() {
            for form in term.forms {
                let words = form.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !words.isEmpty else { continue }
                let exact = term.rule(for: form) == .exact
                forms.append(Form(text: words, bytes: words.utf8.map { exact ? $0 : Self.lowercased($0) }, term: index, exact: exact))
            }
        }
        self.forms = forms
        asciiForms = forms.allSatisfy { $0.bytes.allSatisfy { $0 < 0x80 } }
        var startingWith = [[Int]](repeating: [], count: 256)
        for (number, form) in forms.enumerated() {
            let first = form.bytes[0]
            startingWith[Int(first)].append(number)
            if !form.exact, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") { startingWith[Int(first - 32)].append(number) }
        }
        self.startingWith = startingWith
    }

    /// The indices of the terms `text` mentions, each once, in the order of their first mention.
    /// - Complexity: O(n) in the length of the text times the forms that start with each byte.
    public func terms(in text: String) -> [Int] {
        guard asciiForms, let bytes = Self.scannable(text) else { return unicodeTerms(in: text) }
        var found: [(start: Int, end: Int, form: Int)] = []
        bytes.withUnsafeBufferPointer { text in
            for start in text.indices where start == 0 || !Self.isWordByte(text[start - 1]) {
                for number in startingWith[Int(text[start])] {
                    let form = forms[number].bytes
                    let end = start + form.count
                    guard end <= text.count, end == text.count || !Self.isWordByte(text[end]) else { continue }
                    var offset = 1
                    if forms[number].exact {
                        while offset < form.count, text[start + offset] == form[offset] { offset += 1 }
                    } else {
                        while offset < form.count, Self.lowercased(text[start + offset]) == form[offset] { offset += 1 }
                    }
                    if offset == form.count { found.append((start, end, number)) }
                }
            }
        }
        // Forms in order at one place, as the Foundation rule's stable sort of its per-form matches leaves them.
        found.sort { ($0.start, -$0.end, $0.form) < ($1.start, -$1.end, $1.form) }
        var result: [Int] = []
        var end = 0
        for match in found where match.start >= end {
            end = match.end
            let term = forms[match.form].term
            if !result.contains(term) { result.append(term) }
        }
        return result
    }

    /// The text's UTF-8 with runs of spaces, tabs and line feeds made one space and none at the
    /// ends (as ``unicodeTerms(in:)`` does with characters); `nil` when the text needs the Unicode
    /// rule: a carriage return (`\r\n` is one character, not a line feed) or a scalar outside
    /// ASCII that is not ``isInert(_:)``.
    static func scannable(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                space = !bytes.isEmpty
            case UInt8(ascii: "\r"):
                return nil
            default:
                if space {
                    bytes.append(UInt8(ascii: " "))
                    space = false
                }
                bytes.append(byte)
            }
        }
        if bytes.contains(where: { $0 >= 0x80 }), !text.unicodeScalars.allSatisfy({ $0.isASCII || isInert($0) }) { return nil }
        return bytes
    }

    /// Whether a scalar outside ASCII can sit in a text that takes the byte scan: punctuation and
    /// symbols that are no letter or number (so a word boundary), have no case and no canonical
    /// decomposition (so no comparison equates them with ASCII), and never join the character
    /// before them. Curly quotes, dashes, the ellipsis, the no-break space and the like.
    static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0...0xA7, 0xA9, 0xAB, 0xAC, 0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB, 0xBF, 0xD7, 0xF7,
             0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0:
            true
        default:
            false
        }
    }

    /// ASCII letters and digits: the word characters of ASCII (non-ASCII bytes in a scanned text
    /// belong to inert punctuation, never a word).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
