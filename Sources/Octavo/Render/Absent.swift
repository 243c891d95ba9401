import Mustache

/// The answer for a value a page does not have (no number, no next page …).
///
/// Mustache looks a name that a value answers `nil` for up in the enclosing values, so an
/// unnumbered item inside a numbered part would print the part's number. `Absent` stops the
/// lookup: sections over it are skipped and printing it prints nothing.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
