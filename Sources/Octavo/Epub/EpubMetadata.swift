import Foundation

/// The package metadata of an EPUB: what `content.opf` says about the book.
///
/// Read from the home page's front matter (`title`, `identifier`, `author`, `publisher`) and
/// `site.yml` (`title`, `language`, `author`, `description`); the modification time from
/// `SOURCE_DATE_EPOCH`, so the bytes are the same on every run.
public struct EpubMetadata: Sendable, Equatable {
    /// `dc:title`.
    public var title: String
    /// `dc:language`, a BCP 47 tag.
    public var language: String
    /// `dc:identifier`: front matter `identifier`, else ``EpubIdentifier/derived(fromTitle:)``.
    public var identifier: String
    /// `dc:creator`, when given.
    public var creator: String?
    /// `dc:publisher`, when given.
    public var publisher: String?
    /// `dc:description`, when given.
    public var description: String?
    /// `dcterms:modified`: `SOURCE_DATE_EPOCH`, else 1980-01-01 (as ``ZipBundle`` dates its entries).
    public var modified: Date

    /// Creates metadata; `identifier` defaults to one derived from the title.
    public init(title: String, language: String = "en", identifier: String? = nil, creator: String? = nil,
                publisher: String? = nil, description: String? = nil, modified: Date = ZipBundle.earliestDate) {
        self.title = title
        self.language = language
        self.identifier = identifier ?? EpubIdentifier.derived(fromTitle: title)
        self.creator = creator
        self.publisher = publisher
        self.description = description
        self.modified = modified
    }

    /// The metadata of a site's book.
    /// - Parameters:
    ///   - site: The outlined site (its title is `site.yml`'s, else the home page's).
    ///   - frontMatter: The front matter of the file the home page comes from, if any.
    ///   - config: The site's settings.
    ///   - modified: The time the book was last changed.
    public init(site: Site, frontMatter: FrontMatter?, config: SiteConfig, modified: Date) {
        self.init(title: site.title, language: config.language, identifier: frontMatter?.identifier,
                  creator: frontMatter?.author ?? config.author, publisher: frontMatter?.publisher,
                  description: config.description, modified: modified)
    }

    /// `dcterms:modified` as EPUB 3.3 requires it: `CCYY-MM-DDThh:mm:ssZ`, in UTC.
    public var modifiedText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: modified)
    }
}
