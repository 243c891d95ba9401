/// The HTML Octavo writes around a paragraph on a page: an `id` and a permalink `¶` at its end.
///
/// `<p id="p3">TEXT<a class="permalink" href="#p3" aria-label="Permalink to this paragraph">¶</a></p>`.
/// Only pages get it: `octavo markdown` and ``MarkdownRenderer`` print cmark's `<p>` unchanged.
public enum ParagraphMarkup {
    /// The opening tag with its id.
    public static func open(id: String) -> String { "<p id=\"\(id)\">" }

    /// The permalink, the closing tag and the newline cmark ends a block with.
    public static func close(id: String) -> String {
        "<a class=\"permalink\" href=\"#\(id)\" aria-label=\"Permalink to this paragraph\">¶</a></p>\n"
    }
}
