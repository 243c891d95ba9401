/// The HTML Octavo writes around a heading: an `id` and a permalink anchor after the text.
///
/// `<h2 id="ID">TEXT<a class="permalink" href="#ID" aria-label="Permalink">#</a></h2>`
public enum HeadingMarkup {
    /// The opening tag with its id.
    public static func open(level: Int, id: String) -> String { "<h\(level) id=\"" + id + "\">" }

    /// The permalink and the closing tag.
    public static func close(level: Int, id: String) -> String {
        "<a class=\"permalink\" href=\"#" + id + "\" aria-label=\"Permalink\">#</a></h\(level)>"
    }

    /// A whole heading element followed by a newline, as cmark ends blocks.
    public static func html(level: Int, id: String, content: String) -> String {
        open(level: level, id: id) + content + close(level: level, id: id) + "\n"
    }
}
