/// The marker of a task list item (GitHub Flavored Markdown 0.29, §5.3): `[ ]`, `[x]` or `[X]` at
/// the start of the item's first paragraph, followed by white space.
struct GFMTaskMarker: Sendable, Equatable {
    /// Whether the task is done (`[x]`).
    var isChecked: Bool

    /// The marker's length in UTF-8 bytes; the white space after it stays in the text.
    static let length = 3

    /// Reads the marker at the start of the text of an item's first paragraph; `followedByBreak`
    /// says whether a line break follows the text (`- [ ]` then a new line is a task too).
    init?(text: String, followedByBreak: Bool) {
        let bytes = Array(text.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]") else { return nil }
        guard bytes.count == 4 ? bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "\t") : followedByBreak else { return nil }
        switch bytes[1] {
        case UInt8(ascii: " "): isChecked = false
        case UInt8(ascii: "x"), UInt8(ascii: "X"): isChecked = true
        default: return nil
        }
    }

    /// The HTML put before the item's text: a disabled checkbox, inside a `<label>` that
    /// ``MarkdownParser`` wraps around the text so that the checkbox has an accessible name.
    var html: String {
        "<label class=\"task-list-item\"><input type=\"checkbox\"" + (isChecked ? " checked=\"\"" : "") + " disabled=\"\" />"
    }

    /// What closes the label.
    static let closingHTML = "</label>"
}
