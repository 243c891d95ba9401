/// The text of a link written without any (`[](#III.3)`): the label of its target, filled in at
/// build time so that a reference follows renumbering and retitling.
///
/// The parse stage puts a slot (a cmark custom inline, ``slot(_:)``) inside each such link; the
/// link stage computes each label (``LinkResolver/Resolution/labels``); ``fill(in:_:)`` writes it
/// where the slot is, in the page, the print edition and any other writer of blocks.
public enum LinkLabel {
    /// The text that stands for the label of link `index` in a block's HTML. Private-use
    /// characters: the safe renderer never writes them for Markdown syntax.
    public static func slot(_ index: Int) -> String { "\u{E004}\(index)\u{E005}" }

    /// The label of a page: its full number and title (`III.3 The risk of nuclear war`), or its title.
    public static func page(_ page: Page) -> String {
        page.numberPath.map { "\($0) \(page.title)" } ?? page.title
    }

    /// The label of paragraph `number` (1-based) of a page: `III.3 ¶2`, or the title and `¶2`.
    public static func paragraph(_ number: Int, of page: Page) -> String {
        (page.numberPath ?? page.title) + " ¶\(number)"
    }

    /// `html` with every slot replaced by `label(index)`, HTML-escaped; a slot without a label
    /// (text that imitates one) stays as it is. One pass over the bytes; returns `html` itself when it holds no slot.
    public static func fill(in html: String, _ label: (Int) -> String?) -> String {
        // Most text has no private-use character: no copy then.
        guard html.utf8.contains(0xEE) else { return html }
        let bytes = Array(html.utf8)
        // U+E004 and U+E005 in UTF-8.
        let open: [UInt8] = [0xEE, 0x80, 0x84], close: [UInt8] = [0xEE, 0x80, 0x85]
        func starts(_ pattern: [UInt8], at index: Int) -> Bool {
            index + 3 <= bytes.count && bytes[index] == pattern[0] && bytes[index + 1] == pattern[1] && bytes[index + 2] == pattern[2]
        }
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0xEE, starts(open, at: index) else { index += 1; continue }
            var end = index + 3
            var number = 0
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39, end - index < 12 {
                number = number * 10 + Int(bytes[end] - 0x30)
                end += 1
            }
            guard end > index + 3, starts(close, at: end) else { index += 3; continue }
            guard let text = label(number) else { index = end + 3; continue }
            result += bytes[copied..<index]
            result += HTMLEscaping.escape(text).utf8
            index = end + 3
            copied = index
        }
        if copied == 0 { return html }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}
