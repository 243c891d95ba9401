import ArgumentParser
import Foundation
import Octavo

/// The folder options every site command shares.
public struct SiteOptions: ParsableArguments {
    /// Creates the options with every value at its default (as ArgumentParser needs).
    public init() {}

    @Argument(help: ArgumentHelp(
        "The site's folder: the one that holds Content/ (or an mdBook book, a Hugo or a Zola site), or a folder of Markdown files, built as the content (default: the site found from the current folder).",
        valueName: "folder"))
    public var folder: String?

    @Option(name: .customLong("content"), help: ArgumentHelp(
        "The folder of Markdown files and assets (default: Content, found in this folder or the nearest one above).",
        valueName: "dir"))
    public var givenContent: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp(
        "The folder of Mustache templates (layout.mustache, partials/, assets/) that replace the built-in theme's file by file (default: Templates, when it exists).",
        valueName: "dir"))
    public var givenTemplates: String?

    /// The content folder, relative to the current folder (after ``enterSiteRoot(paths:)``).
    public var content: String { givenContent ?? SiteRoot.contentName }
    /// The templates folder; when it is not given and does not exist, the built-in theme alone is used.
    public var templates: String { givenTemplates ?? inRoot("Templates") }

    /// The site's root as given on the command line (``folder``), relative to the current folder,
    /// when it is one: the default folders are inside it. `nil`: the current folder.
    public internal(set) var rootFolder: String?

    /// A default folder (`Output`, `Templates`) of the site: inside ``rootFolder`` when there is one.
    public func inRoot(_ name: String) -> String {
        guard let rootFolder, rootFolder != "." else { return name }
        return rootFolder + "/" + name
    }

    @Option(name: .long, help: ArgumentHelp(
        "The URL the site is published at, for canonical links, sitemap.xml, robots.txt and Open Graph; overrides base_url in site.yml.",
        valueName: "url"))
    public var baseURL: String?

    /// The title of mdBook's `book.toml` beside the content folder, when that file names this
    /// content folder as the book's source (``BookConfig``), else of a Hugo or Zola site whose
    /// `content/` folder it is (``generatorConfig``).
    public var bookTitle: String? {
        let content = Self.url(content)
        let root = content.deletingLastPathComponent()
        guard let book = BookConfig.read(in: root), root.appendingPathComponent(book.source).standardizedFileURL.path == content.path else {
            return generatorConfig?.title
        }
        return book.title
    }

    /// The configuration of the Hugo or Zola site whose `content/` folder is the content folder.
    public var generatorConfig: GeneratorConfig? {
        let content = Self.url(content)
        guard content.lastPathComponent == "content" else { return nil }
        return GeneratorConfig.read(in: content.deletingLastPathComponent())
    }

    public func validate() throws {
        if let folder {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: Self.url(folder).path, isDirectory: &isFolder) else {
                throw ValidationError("folder '\(folder)' does not exist: name the site's folder, or a folder of Markdown files")
            }
            guard isFolder.boolValue else {
                throw ValidationError("'\(folder)' is a file, not a folder: name the site's folder, or the folder that holds the Markdown files")
            }
            if let givenContent {
                throw ValidationError("the folder '\(folder)' and --content \(givenContent) both name the content: give one of them")
            }
            // Another generator's site whose content folder is not where Octavo looks would be
            // built as the content itself, its configuration (and any secret in it) published.
            let url = Self.url(folder)
            if SiteRoot.at(url) == nil, let config = ([BookConfig.fileName] + SiteRoot.generatorConfigs).first(where: {
                FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path)
            }) {
                let expected = config == BookConfig.fileName ? "the book's source folder ([book] src, src/ by default)" : "a content/ folder"
                throw ValidationError("'\(folder)' holds \(config) but not \(expected), so it is not built as a site, nor as the content (which would publish \(config)): pass --content with the folder of Markdown files")
            }
        }
        // A templates folder the user named must exist; only the default may be absent.
        if let givenTemplates {
            var folder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: Self.url(givenTemplates).path, isDirectory: &folder) || !folder.boolValue {
                throw ValidationError("templates folder '\(givenTemplates)' does not exist: create it (octavo theme export \(givenTemplates) writes the built-in theme there to edit), or leave out --templates to use the built-in theme")
            }
        }
    }

    /// Resolves a folder given on the command line against the current folder.
    public static func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
