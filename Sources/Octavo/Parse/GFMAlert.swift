/// A GitHub alert: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any letter case), as github.com renders them in documentation.
///
/// Rendered as a `<div role="note">` with a title paragraph, using github.com's class names
/// (`markdown-alert`, `markdown-alert-note` …, `markdown-alert-title`) so that the theme's CSS,
/// or CSS written for GitHub, styles it.
enum GFMAlert: String, Sendable, CaseIterable {
    case note, tip, important, warning, caution

    /// Reads the kind from the text of the quote's first line; `nil` when it is not a marker.
    init?(marker text: String) {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]") else { return nil }
        self.init(rawValue: String(trimmed.dropFirst(2).dropLast()).lowercased())
    }

    /// The title shown above the alert's text.
    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The opening HTML, up to and with the title; the quote's blocks follow.
    var openingHTML: String {
        "<div class=\"markdown-alert markdown-alert-\(rawValue)\" role=\"note\">\n<p class=\"markdown-alert-title\">\(title)</p>"
    }

    /// The closing HTML.
    static let closingHTML = "</div>"
}
