import Foundation

/// What the load stage found in a content folder: Markdown files and the other files (assets).
public struct LoadedContent: Sendable {
    /// Markdown files (`.md`, `.markdown`), sorted by path.
    public var sources: [SourceFile]
    /// Every other file, as paths relative to the content folder (NFC, `/`-separated), sorted;
    /// copied to the same path in the output.
    public var assets: [Asset]
    /// The settings of `site.yml`, or the defaults.
    public var config: SiteConfig
    /// Where symbolic links may lead; the templates folder is read with the same boundary.
    public var boundary: LinkBoundary
    /// Errors about single files (not UTF-8, front matter not valid), then warnings and notes about
    /// the folder's entries (see ``FolderWalker/Listing/diagnostics``).
    public var diagnostics: [Diagnostic]
    /// The index of terms of `terms.yml`, or `nil` when there is none.
    public var terms: TermList? = nil
    /// The settings of folders from their `_section.yml` files, by folder path relative to the
    /// content folder (`guide/api`; `""` for the content folder itself).
    public var sections: [String: SectionSettings] = [:]
}
