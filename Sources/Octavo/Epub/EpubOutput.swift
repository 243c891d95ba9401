import Foundation

/// An EPUB made in memory by a build: its files, where it goes, and what making it found.
public struct EpubOutput: Sendable {
    /// The EPUB file to write.
    public var url: URL
    /// How messages name it (as the user gave it).
    public var displayPath: String
    /// The book's files (see ``EpubBook/files()``).
    public var files: [OutputFile]
    /// The time of the container's entries and of `dcterms:modified`.
    public var modificationDate: Date
    /// Warnings and errors about the book.
    public var diagnostics: [Diagnostic]
}
