/// One XHTML file of the EPUB: a page's heading and body, or a section's closing text (which comes
/// after the pages below it in reading order, so it is a file of its own).
public struct EpubChapter: Sendable, Equatable {
    /// The page (index into ``Site/pages``).
    public var page: Int
    /// Whether this file holds the page's closing text rather than its heading and body.
    public var isClosing: Bool
    /// The file name in the book's content folder (`iii-3.xhtml`).
    public var file: String
}
