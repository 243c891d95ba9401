/// What a build does with pages whose front matter says `draft: true`.
public enum DraftMode: Sendable, Equatable {
    /// Leave them out of everything the build writes: pages, navigation, search, the print
    /// edition, the sitemap and the EPUB (`octavo build`, `octavo serve`). A link to one from a
    /// published page is an error.
    case leftOut
    /// Keep them in the site so that their links and headings are checked, and still report a
    /// link to one from a published page as an error (`octavo check`).
    case checked
    /// Publish them like any page (`--drafts`).
    case published
}
