/// The HTML Octavo writes around a paragraph on a page: an `id` and a permalink `¶` at its end.
///
/// `<p id="p3">TEXT<a class="permalink" href="#p3" aria-label="Permalink to this paragraph">¶</a></p>`.
/// Only pages get it: `octavo markdown` and ``MarkdownRenderer`` print cmark's `<p>` unchanged.
public enum ParagraphMarkup {
    /// The paragraph `rendered` (cmark's `<p>CONTENT</p>\n`) with the id and permalink added.
    public static func html(id: String, rendered: String) -> String {
        // Bytes, not Characters: a combining mark at the start of the text joins the `>` of `<p>`.
        let bytes = rendered.utf8
        guard bytes.starts(with: "<p>".utf8), bytes.reversed().starts(with: "</p>\n".utf8.reversed()) else { return rendered }
        return "<p id=\"\(id)\">" + String(decoding: bytes.dropFirst(3).dropLast(5), as: UTF8.self)
            + "<a class=\"permalink\" href=\"#\(id)\" aria-label=\"Permalink to this paragraph\">¶</a></p>\n"
    }
}
