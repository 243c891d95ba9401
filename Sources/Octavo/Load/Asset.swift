import Foundation

/// A file copied as it is into the output.
public struct Asset: Sendable, Hashable {
    /// The path in the output folder, relative to its root, `/`-separated, NFC.
    public var path: String
    /// The absolute path of the file to copy.
    public var sourceURL: URL

    /// Creates an asset.
    public init(path: String, sourceURL: URL) {
        self.path = path
        self.sourceURL = sourceURL
    }
}
