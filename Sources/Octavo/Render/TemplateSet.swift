import Foundation
import Mustache

/// The Mustache templates of a site, loaded from a templates folder.
///
/// Every `*.mustache` file below the folder is a template named by its path without the
/// extension (`layout`, `partials/sidebar`); a template includes another with `{{> name}}`.
/// `layout` renders every page. The folder's `assets/` subfolder is copied to `Output/assets/`.
public struct TemplateSet: Sendable {
    /// The templates by name, each behind a wrapper that reports to a ``RenderGuard`` (see
    /// ``render(_:template:limits:)``); rendering them without one renders nothing.
    let library: MustacheLibrary
    /// Template name → its text, for locating a variable in diagnostics.
    public let sources: [String: String]
    /// The templates folder as given, for diagnostics.
    public let displayRoot: String
    /// Files of the folder's `assets/`, as assets with output paths under `assets/`.
    public let assets: [Asset]
    /// Files of the built-in theme's `assets/` that the folder does not replace: output path → bytes.
    public let builtInAssets: [(path: String, bytes: [UInt8])]
    /// The names of the templates that come from the built-in theme, not from the folder.
    public let builtInNames: Set<String>
    /// Ids that every page has besides its headings': the literal `id="…"` values of the templates
    /// (`<main id="content">`) and `title`, the id of the `<h1>` made for a page without a heading.
    /// Headings never get these (see ``HeadingIDGenerator/init(reserving:)``).
    public let reservedIDs: Set<String>
    /// Warnings and notes about the folder's entries (see ``FolderWalker/Listing/diagnostics``).
    public let diagnostics: [Diagnostic]
    /// The template names, in the order the wrappers number them.
    let names: [String]
    /// For each template, by number: how many levels of the machine stack rendering it may take
    /// before it includes another (its deepest nesting of sections, plus the include itself).
    let weights: [Int]
    /// For each template, by number: what rendering it takes when it renders without a wrapper
    /// (see ``RenderGuard/unguarded(names:sources:weights:partials:)``), `nil` when it has one.
    let unguarded: [RenderGuard.Bound?]
    /// For each template, by number: the most the unguarded templates it includes take.
    let includedBounds: [RenderGuard.Bound]
    /// The prefix of the names the wrappers look up; random per load, so that no template can
    /// use them to upset the count of partials (see ``RenderGuard``).
    let hookPrefix: String

    /// The name of the template every page is rendered with.
    public static let layoutName = "layout"
    /// The template of the search page, `search.html`; without it the build writes no search page or index.
    public static let searchName = "search"
    /// The template of the print edition, `print.html`; without it the build writes no print edition.
    public static let printName = "print"
    /// How deeply one template may nest sections and blocks. Real templates nest a handful; the
    /// limit keeps swift-mustache's parser and renderer, which recurse once per level, well inside
    /// the stack.
    public static let maxSectionDepth = 100

    /// Whether the set has a template of this name.
    public func has(_ name: String) -> Bool { sources[name] != nil }

    /// How diagnostics name a template's file: `Templates/partials/header.mustache`, or
    /// `<built-in>/partials/header.mustache` when the built-in theme provides it.
    public func displayPath(of name: String) -> String {
        DisplayPath(builtInNames.contains(name) ? BuiltInTheme.displayRoot : displayRoot).appending(name + ".mustache").text
    }

    /// Loads every template of a folder.
    ///
    /// - Parameters:
    ///   - root: The templates folder.
    ///   - displayRoot: How to name the folder in diagnostics.
    ///   - boundary: Where symbolic links in the folder may lead; by default the site's root found
    ///     from the templates folder itself (``LinkBoundary/init(content:allowsOutside:)``).
    ///   - builtIn: Whether the built-in theme (``BuiltInTheme``) provides every template and asset
    ///     the folder lacks; the folder may then be missing altogether.
    ///   - read: Called with ``reservedIDs`` once the templates are read, before they are parsed
    ///     (the build outlines the site meanwhile); not called when reading them fails.
    /// - Throws: ``BuildError`` when the folder or `layout.mustache` is missing, a template
    ///   does not parse (with its line and column), nests sections more than
    ///   ``maxSectionDepth`` deep, starts a loop of partials that never ends, or
    ///   ``FolderWalker`` refuses an entry.
    public init(root: URL, displayRoot: String, boundary: LinkBoundary? = nil, builtIn: Bool = false,
                read: ((Set<String>) -> Void)? = nil) throws {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder)
        if builtIn, !exists {
            try self.init(sources: [:], displayRoot: displayRoot, builtIn: true, read: read)
            return
        }
        guard exists, isFolder.boolValue else {
            throw BuildError(file: displayRoot, exists ? "is not a folder: the templates folder holds layout.mustache, partials/ and assets/"
                             : "templates folder does not exist: create it or pass --templates DIR")
        }
        var sources: [String: String] = [:]
        var assets: [Asset] = []
        let listing = try FolderWalker(root: root, displayRoot: displayRoot, boundary: boundary ?? LinkBoundary(content: root),
                                       skipsHidden: false).walk()
        for entry in listing.entries {
            let relative = entry.path, url = entry.url
            if relative.hasPrefix("assets/") {
                if !relative.pathParts().contains(where: { $0.hasPrefix(".") }) {
                    // NFC, as content paths are; an ASCII name (most) is its own NFC.
                    let path = relative.utf8.allSatisfy { $0 < 0x80 } ? relative : relative.precomposedStringWithCanonicalMapping
                    assets.append(Asset(path: path, sourceURL: url))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            let display = DisplayPath(displayRoot).appending(relative).text
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw BuildError(file: display, "cannot be read: check its permissions")
            }
            sources[name] = try SourceFile.decode([UInt8](data), file: display)
        }
        try self.init(sources: sources, displayRoot: displayRoot, assets: assets, diagnostics: listing.diagnostics, builtIn: builtIn, read: read)
    }

    /// Parses templates given as text (for tests and fuzzing, and by ``init(root:displayRoot:)``).
    ///
    /// - Parameters:
    ///   - sources: Template name (`partials/sidebar`) → text.
    ///   - displayRoot: How to name the templates folder in diagnostics.
    ///   - assets: The folder's `assets/` files.
    ///   - diagnostics: What walking the folder found (warnings about names).
    ///   - builtIn: Whether the built-in theme provides the templates and assets `sources` and
    ///     `assets` lack.
    ///   - builtInNames: Names of `sources` that came from the built-in theme already (a set
    ///     rebuilt with more templates, as ``EpubBook`` does).
    ///   - read: As in ``init(root:displayRoot:boundary:builtIn:read:)``.
    /// - Throws: ``BuildError`` as ``init(root:displayRoot:boundary:builtIn:read:)``.
    init(sources given: [String: String], displayRoot: String, assets: [Asset] = [], diagnostics: [Diagnostic] = [],
         builtIn: Bool = false, builtInNames: Set<String> = [], builtInAssets: [(path: String, bytes: [UInt8])] = [],
         read: ((Set<String>) -> Void)? = nil) throws {
        var sources = given
        var fromTheme = builtInNames
        var themeAssets = builtInAssets
        if builtIn {
            for (name, text) in BuiltInTheme.templateSources where sources[name] == nil {
                sources[name] = text
                fromTheme.insert(name)
            }
            let own = Set(assets.map(\.path))
            themeAssets = BuiltInTheme.assetFiles.filter { !own.contains($0.path) }
        }
        self.builtInNames = fromTheme
        let reservedIDs: Set<String> = sources.values.reduce(into: [HeadingIDGenerator.titleID]) { ids, text in ids.formUnion(Self.literalIDs(in: text)) }
        read?(reservedIDs)
        self.builtInAssets = themeAssets
        func display(_ name: String) -> String {
            DisplayPath(fromTheme.contains(name) ? BuiltInTheme.displayRoot : displayRoot).appending(name + ".mustache").text
        }
        guard sources[Self.layoutName] != nil else {
            throw BuildError(file: DisplayPath(displayRoot).appending(Self.layoutName + ".mustache").text, "template is missing: every page is rendered with it")
        }
        let names = sources.keys.sorted()
        var structures: [TemplateLint.Structure] = []
        for name in names {
            let structure = TemplateLint.structure(of: sources[name] ?? "")
            if structure.depth > Self.maxSectionDepth {
                throw BuildError(file: display(name),
                                 "template nests sections more than \(Self.maxSectionDepth) deep: no page needs that many; move the inner part into a partial")
            }
            structures.append(structure)
        }
        // Each template is registered under an internal name that no partial tag can spell and no
        // file can have (it holds a NUL), and under its own name a wrapper that tells the
        // RenderGuard when the template is entered and left. swift-mustache gives no other way to
        // see partials being rendered, and a partial that includes itself would otherwise recurse
        // until the stack overflows.
        // Templates that can never lead back to themselves (RenderGuard+Unguarded) need no wrapper.
        let prefix = "octavo-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
        let weights = structures.map { $0.depth + RenderGuard.levelsPerInclude }
        // Each template's partials, read once with its structure.
        let partials = structures.map { $0.includes.map(\.partial) }
        let unguarded = RenderGuard.unguarded(names: names, sources: sources, weights: weights, partials: partials)
        var library = MustacheLibrary()
        for (number, name) in names.enumerated() {
            let display = display(name)
            do {
                let template = try Self.parse(sources[name] ?? "")
                library.register(template, named: Self.internalName(number))
                library.register(unguarded[number] == nil ? try MustacheTemplate(string: RenderGuard.wrapper(for: number, prefix: prefix)) : template,
                                 named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw BuildError([TemplateSyntaxError.diagnostic(for: error, text: sources[name] ?? "", file: display)])
            }
        }
        let endless = TemplateLint.endlessInclusions(in: sources, displayRoot: displayRoot, builtInNames: fromTheme,
                                                     structures: Dictionary(uniqueKeysWithValues: zip(names, structures)))
        if !endless.isEmpty { throw BuildError(endless) }
        self.library = library
        self.sources = sources
        self.displayRoot = displayRoot
        self.assets = assets
        self.diagnostics = diagnostics
        self.names = names
        self.weights = weights
        self.unguarded = unguarded
        self.includedBounds = RenderGuard.includedBounds(names: names, sources: sources, unguarded: unguarded, partials: partials)
        self.hookPrefix = prefix
        self.reservedIDs = reservedIDs
    }

    /// A template's text parsed to render in ``EscapingContentType``: behind a line of its own that
    /// sets it, which swift-mustache removes with its line end (a standalone tag), so the template
    /// renders as its text alone would. swift-mustache starts every template, partials too, in
    /// its own HTML type. A syntax error is that of the text alone, at its own positions.
    /// - Throws: `MustacheTemplate.ParserError` when the text does not parse.
    static func parse(_ text: String) throws -> MustacheTemplate {
        _ = EscapingContentType.registered  // before a tag naming it is parsed
        do {
            return try MustacheTemplate(string: EscapingContentType.tag + "\n" + text)
        } catch {
            _ = try MustacheTemplate(string: text)
            throw error
        }
    }

    /// The name template `number` is registered under, behind its wrapper.
    static func internalName(_ number: Int) -> String { "octavo\u{0}\(number)" }

    /// The values of `id="…"` attributes in a template that contain no Mustache tag.
    static func literalIDs(in text: String) -> Set<String> {
        // By bytes: `id="` and `"` are ASCII, and a byte below 0x80 is always a character of its own.
        // A loop over the bytes: the generic `firstRange(of:)` on them took a quarter of the
        // templates' load (7.5 million instructions for the built-in theme's 20 templates).
        var ids: Set<String> = []
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\"")
        var index = 0
        while index + 4 <= bytes.count {
            guard bytes[index] == UInt8(ascii: "i"), bytes[index + 1] == UInt8(ascii: "d"), bytes[index + 2] == UInt8(ascii: "="),
                  bytes[index + 3] == quote else {
                index += 1
                continue
            }
            let start = index + 4
            var end = start
            while end < bytes.count, bytes[end] != quote { end += 1 }
            // An attribute of its own: after white space or at the start (not `data-id="…"`).
            let isAttribute = index == 0 || Self.isWhitespaceBefore(bytes, index)
            let value = bytes[start..<end]
            if isAttribute, !value.isEmpty, !Self.containsTag(value) { ids.insert(String(decoding: value, as: UTF8.self)) }
            index = start
        }
        return ids
    }

    /// Whether the character before byte `index` of UTF-8 `bytes` is white space (as
    /// `Character.isWhitespace`): ASCII white space, or a non-ASCII character that is.
    private static func isWhitespaceBefore(_ bytes: [UInt8], _ index: Int) -> Bool {
        let previous = bytes[index - 1]
        if previous < 0x80 { return previous == 0x20 || (0x09...0x0D).contains(previous) }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return text.last?.isWhitespace ?? false
    }

    /// Whether `value` holds `{{`.
    private static func containsTag(_ value: ArraySlice<UInt8>) -> Bool {
        zip(value, value.dropFirst()).contains { $0 == UInt8(ascii: "{") && $1 == UInt8(ascii: "{") }
    }
}
