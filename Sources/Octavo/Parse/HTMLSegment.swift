/// A piece of a block's HTML: text as cmark wrote it, or a slot that a later stage fills.
///
/// The parse stage splits cmark's HTML once, where cmark wrote it (see ``HTMLSplitter``); later
/// stages write the segments with their own URLs, labels and ids (see ``BlockHTML``) and never
/// search HTML for text to replace.
public enum HTMLSegment: Sendable, Hashable {
    /// HTML exactly as cmark rendered it.
    case html(String)
    /// The value of the `href` or `src` attribute of internal link `n` (an index in ``MarkdownDocument/links``).
    case linkURL(Int)
    /// The text of internal link `n`, written without any (`[](#III.3)`): its target's label (see ``LinkLabel``).
    case linkLabel(Int)
    /// The opening tag of the `n`th heading nested in the block (in a list or quote), whose id is
    /// `nestedIDs[n]` of the block (see ``MarkdownBlock/nestedIDs``).
    case headingOpen(level: Int, nested: Int)
    /// The permalink and closing tag of the `n`th nested heading.
    case headingClose(level: Int, nested: Int)
}
