/// The EPUB templates built into Octavo, used when the templates folder has no `epub/` file of
/// that name: the built-in theme's (``BuiltInTheme``), made from `Templates/epub/` by `make theme`.
enum EpubTemplates {
    /// `epub/chapter`: one XHTML chapter (a page's heading and body, or a section's closing text).
    static let chapterName = "epub/chapter"
    /// `epub/style.css`: the book's stylesheet.
    static let stylesheetName = "epub/style.css"

    /// Template name → built-in text.
    static var defaults: [String: String] { [chapterName: chapter, stylesheetName: stylesheet] }

    /// The built-in theme's `epub/chapter.mustache`.
    static var chapter: String { BuiltInTheme.templateSources[chapterName] ?? "" }

    /// The built-in theme's `epub/style.css.mustache`.
    static var stylesheet: String { BuiltInTheme.templateSources[stylesheetName] ?? "" }
}
