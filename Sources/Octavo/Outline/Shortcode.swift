import Foundation

/// Template tags that other generators expand inside Markdown and Octavo shows as text: Zola's
/// and Jekyll's `{{ name(…) }}` and `{% … %}`, Hugo's `{{< … >}}` and `{{% … %}}`, mdBook's
/// `{{#include file.rs}}` (and `#rustdoc_include`, `#playground`, `#title`). Each is a
/// warning at its block, so a page does not publish `{{ youtube(id="…") }}` silently.
enum Shortcode {
    /// The first tag in a block's HTML outside `<code>` (code shows such tags on purpose), or `nil`;
    /// mdBook's includes count inside code too, since mdBook expands them there (a code block is
    /// where a book includes its examples; mdBook shows one as written only after a `\`).
    static func first(in html: String) -> String? {
        // Every tag starts with `{`, and neither removing code nor decoding entities makes one:
        // most blocks have none and skip the Foundation replacing and the regular expression.
        guard html.utf8.contains(UInt8(ascii: "{")) else { return nil }
        if html.contains("{{"), let range = html.range(of: #"(?<!\\)\{\{ *#(include|rustdoc_include|playground) [^}]*\}\}"#, options: .regularExpression) {
            return shortened(html[range])
        }
        var text = html
        while let open = text.range(of: "<code"), let close = text.range(of: "</code>", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        // cmark escaped the text: `{{&lt; youtube &gt;}}` is Hugo's `{{< youtube >}}`.
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        let pattern = #"\{\{[<%].*?[>%]\}\}|\{%-? .*?%\}|\{\{-? *[A-Za-z_][A-Za-z0-9_]*\(.*?\) *-?\}\}|\{\{ *#(include|rustdoc_include|playground|title) .*?\}\}"#
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return shortened(text[range])
    }

    /// A tag as a message quotes it: at most 40 characters.
    private static func shortened(_ tag: Substring) -> String {
        tag.count > 40 ? String(tag.prefix(37)) + "…" : String(tag)
    }

    /// Whether `text` holds a `{`, found by `memchr` over its bytes (every block of every page is asked).
    static func hasBrace(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "{")), bytes.count) != nil } ?? false }
    }

    /// Warnings for the blocks of a file that hold a tag.
    static func warnings(in blocks: [MarkdownBlock], file: String, bodyFirstLine: Int) -> [Diagnostic] {
        blocks.compactMap { block in
            // Every tag starts with `{` (see `first(in:)`): most blocks are not even joined.
            guard block.content.contains(where: { if case .html(let text) = $0 { hasBrace(text) } else { false } }) else { return nil }
            // The literal HTML pieces only: links and headings between them hold no tag.
            let html = block.content.map { segment -> String in
                if case .html(let text) = segment { return text }
                return " "
            }.joined()
            guard let tag = first(in: html) else { return nil }
            return Diagnostic(file: file, line: bodyFirstLine + block.line - 1, column: 1, severity: .warning,
                              message: "'\(tag)' is another generator's template tag (Zola, Hugo, Jekyll, mdBook): Octavo shows it as text; write its result in Markdown instead")
        }
    }
}
