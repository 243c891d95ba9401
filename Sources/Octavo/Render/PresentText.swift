import Mustache

/// A text a page may lack (`page.description`, `site.search` …), as templates see it when present:
/// it prints, escapes, transforms (`{{uppercased(page.description)}}`, `{{#empty(…)}}`) and opens a
/// section as a string does.
///
/// It differs from a `String` in one thing only: a name looked up inside a section over it
/// (`{{#site.search}}{{site.root}}…{{/site.search}}`) passes it by answering `nil`, where
/// swift-mustache reflects a string with `Mirror` to find that it has no such child, which took
/// more of the real document's cold build than the pages' other lookups of its head.
struct PresentText: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
    /// The text.
    let text: String

    func child(named name: String) -> Any? { nil }
    var renderText: String { text }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
