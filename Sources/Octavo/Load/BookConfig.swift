import Foundation
import TOMLKit

/// What Octavo reads of mdBook's `book.toml`, so that an mdBook book builds from its own folder:
/// the book's title (`[book] title`, the site's title when `site.yml` gives none) and its source
/// folder (`[book] src`, default `src`), which is the content folder. Every other setting is
/// mdBook's own and is left alone.
public struct BookConfig: Sendable, Equatable {
    /// `[book] title`, or `nil`.
    public var title: String?
    /// `[book] src`: the content folder, relative to the folder of `book.toml`; `src` by default.
    public var source: String

    /// The file name, in the book's root folder.
    public static let fileName = "book.toml"

    /// Creates a configuration.
    public init(title: String? = nil, source: String = "src") {
        self.title = title
        self.source = source
    }

    /// Reads `book.toml` of `folder`.
    /// - Returns: `nil` when there is no such file or it is not valid TOML (mdBook says why when it
    ///   builds the book; a source that is absolute or leads out of the folder is taken as `src`).
    public static func read(in folder: URL) -> BookConfig? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
              let text = String(data: data, encoding: .utf8), let table = try? TOMLTable(string: text) else { return nil }
        var config = BookConfig()
        guard let book = table["book"]?.table else { return config }
        if let title = book["title"]?.string?.trimmingCharacters(in: .whitespaces), !title.isEmpty { config.title = title }
        if let source = book["src"]?.string, !source.isEmpty, !source.hasPrefix("/"), !source.split(separator: "/").contains("..") {
            config.source = source
        }
        return config
    }
}
