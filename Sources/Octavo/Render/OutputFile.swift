import Foundation

/// A file the build produces.
public struct OutputFile: Sendable {
    /// Where the bytes come from.
    public enum Contents: Sendable {
        /// Bytes made by the build.
        case bytes([UInt8])
        /// A file copied as it is.
        case copy(URL)
        /// Bytes made by the build and already written to a file (see ``FileStage``): a staging
        /// file that the write stage renames into place, or, when `unchanged`, the output file
        /// itself, which already held these bytes.
        case staged(URL, unchanged: Bool)
    }

    /// The path relative to the output folder, `/`-separated.
    public var path: String
    /// The contents.
    public var contents: Contents
    /// The input it is made from, as messages name it (`Content/robots.txt`), or `nil` for a file
    /// the build makes itself (the search page, its index, the print edition).
    public var source: String?

    /// Creates an output file.
    public init(path: String, contents: Contents, source: String? = nil) {
        self.path = path
        self.contents = contents
        self.source = source
    }
}
