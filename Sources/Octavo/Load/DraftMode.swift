/// What a build does with pages whose front matter says `draft: true`.
public enum DraftMode: Sendable, Equatable {
    /// Leave them out of everything the build writes: pages, navigation, search, the print
    /// edition, the sitemap and the EPUB (`octavo build`, `octavo serve`, `octavo check`). A link
    /// to one, or to a folder of drafts only, from a published page is an error.
    case leftOut
    /// Publish them like any page (`--drafts`).
    case published
}
