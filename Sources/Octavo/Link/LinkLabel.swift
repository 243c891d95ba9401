/// The text of a link written without any (`[](#III.3)`): the label of its target, filled in at
/// build time so that a reference follows renumbering and retitling.
///
/// The parse stage puts a label slot (``HTMLSegment/linkLabel(_:)``) inside each such link; the
/// link stage computes each label (``LinkResolver/Resolution/labels``); ``BlockHTML`` writes it
/// in the page, the print edition and any other writer of blocks.
public enum LinkLabel {
    /// The label of a page: its full number and title (`III.3 The risk of nuclear war`), or its title.
    public static func page(_ page: Page) -> String {
        page.numberPath.map { "\($0) \(page.title)" } ?? page.title
    }

    /// The label of paragraph `number` (1-based) of a page: `III.3 ¶2`, or the title and `¶2`.
    public static func paragraph(_ number: Int, of page: Page) -> String {
        (page.numberPath ?? page.title) + " ¶\(number)"
    }
}
