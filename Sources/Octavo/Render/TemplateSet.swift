import Foundation
import Mustache

/// The Mustache templates of a site, loaded from a templates folder.
///
/// Every `*.mustache` file below the folder is a template named by its path without the
/// extension (`layout`, `partials/sidebar`); a template includes another with `{{> name}}`.
/// `layout` renders every page. The folder's `assets/` subfolder is copied to `Output/assets/`.
public struct TemplateSet: Sendable {
    /// The templates by name.
    public let library: MustacheLibrary
    /// Template name → its text, for locating a variable in diagnostics.
    public let sources: [String: String]
    /// The templates folder as given, for diagnostics.
    public let displayRoot: String
    /// Files of `assets/`, as assets with output paths under `assets/`.
    public let assets: [Asset]
    /// Ids that every page has besides its headings': the literal `id="…"` values of the templates
    /// (`<main id="content">`) and `title`, the id of the `<h1>` made for a page without a heading.
    /// Headings never get these (see ``HeadingIDGenerator/init(reserving:)``).
    public let reservedIDs: Set<String>

    /// The name of the template every page is rendered with.
    public static let layoutName = "layout"
    /// The template of the search page, `search.html`; without it the build writes no search page or index.
    public static let searchName = "search"
    /// The template of the print edition, `print.html`; without it the build writes no print edition.
    public static let printName = "print"

    /// Whether the set has a template of this name.
    public func has(_ name: String) -> Bool { sources[name] != nil }

    /// Loads every template of a folder.
    ///
    /// - Parameters:
    ///   - root: The templates folder.
    ///   - displayRoot: How to name the folder in diagnostics.
    /// - Throws: ``BuildError`` when the folder or `layout.mustache` is missing, or a template
    ///   does not parse (with its line and column).
    public init(root: URL, displayRoot: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BuildError(file: displayRoot, "templates folder does not exist: create it or pass --templates DIR")
        }
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        var assets: [Asset] = []
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.sorted() ?? []
        for relative in files {
            let url = root.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if relative.hasPrefix("assets/") {
                if !relative.pathParts().contains(where: { $0.hasPrefix(".") }) {
                    assets.append(Asset(path: relative.precomposedStringWithCanonicalMapping, sourceURL: url))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            let display = displayRoot + "/" + relative
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw BuildError(file: display, "cannot be read: check its permissions")
            }
            let text = try SourceFile.decode([UInt8](data), file: display)
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw BuildError(file: display, line: error.context.lineNumber, column: error.context.columnNumber,
                                 "template does not parse: \(error.error)")
            }
            sources[name] = text
        }
        guard sources[Self.layoutName] != nil else {
            throw BuildError(file: displayRoot + "/" + Self.layoutName + ".mustache", "template is missing: every page is rendered with it")
        }
        self.library = library
        self.sources = sources
        self.displayRoot = displayRoot
        self.assets = assets
        self.reservedIDs = sources.values.reduce(into: [HeadingIDGenerator.titleID]) { ids, text in ids.formUnion(Self.literalIDs(in: text)) }
    }

    /// The values of `id="…"` attributes in a template that contain no Mustache tag.
    static func literalIDs(in text: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = text[...]
        while let range = rest.range(of: "id=\"") {
            let value = rest[range.upperBound...].prefix { $0 != "\"" }
            let isAttribute = rest[..<range.lowerBound].last?.isWhitespace ?? true  // not `data-id="…"`
            if isAttribute, !value.isEmpty, !value.contains("{{") { ids.insert(String(value)) }
            rest = rest[range.upperBound...]
        }
        return ids
    }
}
