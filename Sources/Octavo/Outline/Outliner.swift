import Foundation

/// Arranges parsed Markdown files into a site: folders become sections, files become pages, and
/// files whose front matter has `split` become one page per split heading.
///
/// Paths: `a/b.md` → `a/b/index.html`; `a/index.md` → `a/index.html`; the root `index.md` is the
/// home page. A folder's page is its `index.md` or `_index.md` (Hugo, Zola) in any letter case
/// (`Index.md`), else its `README.md` in any letter case, as GitHub and mdBook show a folder.
/// Pages without a `weight` are ordered by title in ``NaturalOrder``; `summary` (mdBook's
/// `SUMMARY.md`), when given, sets the reading order and the tree instead. When the content folder
/// holds a single Markdown file and no folders, that file is the home page. A split heading's page goes below its parent's folder, named by the heading's
/// number when it has one (`# III. Priorities` → `iii/index.html`), else by its id.
public struct Outliner: Sendable {
    /// The summaries of earlier outlines (`octavo serve`): a paragraph with the same bytes is not
    /// read again. `nil`: every summary is made.
    public var summaries: SummaryCache?
    /// Front matter keys not to warn about (`ignore_front_matter` in `site.yml`).
    public var ignoredKeys: Set<String> = []

    /// Creates an outliner.
    public init() {}

    /// One parsed Markdown file, the input of the outline stage.
    public struct Input: Sendable {
        /// The file as loaded.
        public var source: SourceFile
        /// Its parsed body.
        public var markdown: MarkdownDocument

        /// Creates an input.
        public init(source: SourceFile, markdown: MarkdownDocument) {
            self.source = source
            self.markdown = markdown
        }
    }

    /// Builds the site's outline.
    ///
    /// - Parameters:
    ///   - inputs: Every Markdown file, parsed.
    ///   - assets: Every other file of the content folder.
    /// - Returns: The site, with pages in reading order (depth-first: a section, then its pages).
    /// - Throws: ``BuildError`` when a `slug` is not one safe path segment, or two pages would be
    ///   written to the same path.
    ///   - contentRoot: How diagnostics name the content folder.
    ///   - summary: The pages of `SUMMARY.md` in its order, when the content folder has one.
    ///   - sections: Folders' `_section.yml` settings by folder path (see ``SectionSettings``):
    ///     the title and place of a folder whose page is generated.
    public func outline(_ inputs: [Input], assets: [Asset], contentRoot: String = DisplayPath.defaultContent.text, summary: [SummaryEntry]? = nil,
                        sections: [String: SectionSettings] = [:]) throws -> Site {
        var builder = Builder()
        builder.summaries = summaries
        builder.ignoredKeys = ignoredKeys
        summaries?.begin()
        defer { summaries?.end() }
        var tree = Folder.make(inputs)
        builder.diagnostics += tree.apply(sections, path: "", contentRoot: contentRoot)
        try tree.checkPageFiles()
        let rootIndex = tree.index
        let singleFile = rootIndex == nil && tree.folders.isEmpty && tree.files.count == 1 ? tree.files.first : nil
        if let homeFile = rootIndex ?? singleFile {
            try builder.addDocument(homeFile.input, path: "index.html", kind: .home, parent: nil)
        } else {
            builder.addGenerated(title: tree.settings.title ?? "Home", path: "index.html", kind: .home, parent: nil)
        }
        if let summary {
            try builder.addSummary(summary, inputs: inputs, skipping: rootIndex ?? singleFile)
        } else {
            try builder.addChildren(of: tree, folderPath: "", parent: 0, skipping: rootIndex ?? singleFile)
        }
        builder.addSummaries()
        try builder.checkPaths(assets: assets, contentRoot: contentRoot)
        let title = builder.pages[0].title
        return Site(title: title, pages: builder.pages, documents: builder.documents, assets: assets,
                    diagnostics: builder.diagnostics, contentRoot: contentRoot)
    }
}

/// The content folder as a tree, for ordering.
private struct Folder {
    struct File {
        var name: String
        var input: Outliner.Input
        var isIndex: Bool { ["index", "_index"].contains(name.stem.lowercased()) }
        var isReadme: Bool { name.stem.lowercased() == "readme" }
        var weight: Int? { input.source.frontMatter.weight }
    }

    var name: String
    var files: [File] = []
    var folders: [Folder] = []
    /// From the folder's `_section.yml`; used only when the folder has no page of its own.
    var settings = SectionSettings()

    /// Gives each folder its `_section.yml` settings (`path` is this folder's, `""` at the top);
    /// returns a warning for each file that a folder's own page makes useless.
    mutating func apply(_ sections: [String: SectionSettings], path: String, contentRoot: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        if let found = sections[path] {
            if let page = index {
                warnings.append(Diagnostic(file: DisplayPath(contentRoot).appending((path.isEmpty ? "" : path + "/") + SectionSettings.fileName).text, severity: .warning,
                                           message: "is not used: the folder has a page of its own, \(page.input.source.displayPath); give it title and weight in that page's front matter"))
            } else {
                settings = found
            }
        }
        for index in folders.indices {
            warnings += folders[index].apply(sections, path: path.isEmpty ? folders[index].name : path + "/" + folders[index].name, contentRoot: contentRoot)
        }
        return warnings
    }

    /// The folder's page: its `index.md` or `_index.md` in any letter case, else its `README.md`
    /// (as GitHub and mdBook show a folder by its README).
    var index: File? { files.first { $0.isIndex } ?? files.first { $0.isReadme } }

    /// Fails when two files of one folder would both be its page (`index.md` and `Index.md`, or
    /// `README.md` and `readme.md` without an index), naming both.
    func checkPageFiles() throws {
        var problems: [Diagnostic] = []
        func check(_ candidates: [File]) {
            guard let first = candidates.first else { return }
            for other in candidates.dropFirst() {
                problems.append(Diagnostic(file: other.input.source.displayPath,
                    message: "would be the folder's page, as \(first.input.source.displayPath) is (names differ only in letter case or extension): rename or merge one of them"))
            }
        }
        let indexes = files.filter(\.isIndex).sorted { $0.name < $1.name }
        check(indexes.isEmpty ? files.filter(\.isReadme).sorted { $0.name < $1.name } : indexes)
        for folder in folders {
            do { try folder.checkPageFiles() } catch let error as BuildError { problems += error.diagnostics }
        }
        if !problems.isEmpty { throw BuildError(problems) }
    }

    static func make(_ inputs: [Outliner.Input]) -> Folder {
        var root = Folder(name: "")
        for input in inputs {
            root.insert(input, components: input.source.path.pathParts().map(String.init)[...])
        }
        return root
    }

    mutating func insert(_ input: Outliner.Input, components: ArraySlice<String>) {
        guard components.count > 1, let first = components.first else {
            files.append(File(name: components.first ?? "", input: input))
            return
        }
        if let existing = folders.firstIndex(where: { $0.name == first }) {
            folders[existing].insert(input, components: components.dropFirst())
        } else {
            var folder = Folder(name: first)
            folder.insert(input, components: components.dropFirst())
            folders.append(folder)
        }
    }
}

/// A folder entry in reading order: pages with a `weight` first (lower first), then by title in
/// natural order (`2` before `10`, letter case ignored), then by name.
private enum Entry {
    case file(Folder.File)
    case folder(Folder)

    var name: String {
        switch self {
        case .file(let file): return file.name
        case .folder(let folder): return folder.name
        }
    }

    var weight: Int? {
        switch self {
        case .file(let file): return file.weight
        case .folder(let folder): return folder.index == nil ? folder.settings.weight : folder.index?.weight
        }
    }

    var title: String {
        switch self {
        case .file(let file): return Builder.title(of: file.input, fallback: file.name.stem)
        case .folder(let folder): return folder.index.map { Builder.title(of: $0.input, fallback: Builder.readable(folder.name)) } ?? folder.settings.title ?? Builder.readable(folder.name)
        }
    }

    static func ordered(_ entries: [Entry]) -> [Entry] {
        let keyed = entries.map { (entry: $0, title: $0.title) }
        return keyed.sorted { a, b in
            switch (a.entry.weight, b.entry.weight) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if a.title != b.title { return NaturalOrder.precedes(a.title, b.title) }
                return a.entry.name < b.entry.name
            }
        }.map(\.entry)
    }
}

private struct Builder {
    var pages: [Page] = []
    var documents: [Document] = []
    var diagnostics: [Diagnostic] = []
    var summaries: SummaryCache?
    var ignoredKeys: Set<String> = []

    mutating func addChildren(of folder: Folder, folderPath: String, parent: Int, skipping skipped: Folder.File?) throws {
        let page = folder.index?.input.source.path
        let entries = folder.files.filter { $0.input.source.path != page && $0.input.source.path != skipped?.input.source.path }.map(Entry.file)
            + folder.folders.map(Entry.folder)
        for entry in Entry.ordered(entries) {
            switch entry {
            case .file(let file):
                let slug = try Self.slug(for: file.input.source, fallback: file.name.stem)
                try addDocument(file.input, path: folderPath + slug + "/index.html", kind: .page, parent: parent)
            case .folder(let sub):
                let path = folderPath + sub.name + "/"
                let index: Int
                // With SUMMARY.md, a folder's page may already be placed: files it does not list go below it.
                // Pages compared in place by path: `$0` copied every page for every folder.
                let indexPath = path + "index.html"
                if sub.index == nil, let placed = pages.indices.first(where: { pages[$0].path == indexPath }) {
                    index = placed
                } else if let file = sub.index {
                    index = try addDocument(file.input, path: path + "index.html", kind: .section, parent: parent, fallbackTitle: Self.readable(sub.name))
                } else {
                    index = addGenerated(title: sub.settings.title ?? Self.readable(sub.name), path: path + "index.html", kind: .section, parent: parent)
                }
                try addChildren(of: sub, folderPath: path, parent: index, skipping: nil)
            }
        }
    }

    /// Gives every page its summary, and its description when it has none, on all cores: reading
    /// each page's first sentence was half of the outline of a site of 10,000 pages. A page's
    /// summary depends on its own blocks only.
    mutating func addSummaries() {
        let cache = summaries
        pages.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                let summary = Self.summary(of: output.buffer[index].blocks, cache: cache)
                output.buffer[index].summary = summary
                if output.buffer[index].description == nil, !summary.isEmpty { output.buffer[index].description = summary }
            }
        }
    }

    @discardableResult
    mutating func addGenerated(title: String, path: String, kind: Page.Kind, parent: Int?) -> Int {
        append(Page(kind: kind, path: path, title: title, number: nil, numberPath: nil, heading: nil, blocks: [], closing: [],
                    document: nil, line: 1, parent: parent, children: [], description: nil, summary: ""))
    }

    private mutating func append(_ page: Page) -> Int {
        pages.append(page)
        let index = pages.count - 1
        if let parent = page.parent { pages[parent].children.append(index) }
        return index
    }

    /// Adds a Markdown file's pages: one page, or one per split heading below a root page.
    @discardableResult
    mutating func addDocument(_ input: Outliner.Input, path: String, kind: Page.Kind, parent: Int?, fallbackTitle: String? = nil) throws -> Int {
        let source = input.source
        let front = source.frontMatter
        let documentIndex = documents.count
        var blocks = input.markdown.blocks
        let splitLevels = front.split

        // The root page's heading: a leading level-1 heading that is not a split point.
        var heading: MarkdownBlock?
        if let first = blocks.first, first.headingLevel == 1, !splitLevels.contains(1) {
            heading = first
            blocks.removeFirst()
        }
        let title = Self.title(of: input, fallback: fallbackTitle ?? source.path.stem)
        let root = append(Page(kind: kind, path: path, title: title, number: nil, numberPath: nil, heading: heading,
                               blocks: [], closing: [], document: documentIndex, line: source.bodyFirstLine,
                               parent: parent, children: [], description: front.description, summary: ""))
        let pageKind: Page.Kind = kind == .home || kind == .section || !splitLevels.isEmpty ? kind : .page
        pages[root].kind = pageKind == .page && !splitLevels.isEmpty ? .section : pageKind

        // Walk the blocks; `open[d]` is the page opened by the split heading at depth d.
        var open: [Int] = [root]
        var closingOf: Int?  // after a closing marker: the page whose closing text is being read
        for block in blocks {
            if let level = block.headingLevel, let depth = splitLevels.firstIndex(of: level) {
                open.removeSubrange(min(depth + 1, open.count)...)
                let parentPage = open.last ?? root
                let (number, title) = Self.splitNumber(block.text)
                let numberPath = number.map { n in pages[parentPage].numberPath.map { "\($0).\(n)" } ?? n }
                let folder = pages[parentPage].path.folderPart
                let slug = number?.lowercased() ?? block.id ?? "section"
                let page = append(Page(kind: .page, path: (folder.isEmpty ? "" : folder + "/") + slug + "/index.html",
                                       title: title, number: number, numberPath: numberPath, heading: block, blocks: [],
                                       closing: [], document: documentIndex, line: source.bodyFirstLine + block.line - 1,
                                       parent: parentPage, children: [], description: nil, summary: ""))
                if pages[parentPage].kind == .page { pages[parentPage].kind = .section }
                open.append(page)
                closingOf = nil
            } else if block.kind == .closingMarker {
                let current = open.last ?? root
                closingOf = pages[current].parent.flatMap { open.contains($0) ? $0 : nil } ?? current
                if let target = closingOf, let at = open.firstIndex(of: target) { open.removeSubrange((at + 1)...) }
            } else if let target = closingOf {
                pages[target].closing.append(block)
            } else {
                pages[open.last ?? root].blocks.append(block)
            }
        }

        var anchorPages: [String: Int] = [:]
        var numberPages: [String: Int] = [:]
        // Summaries are made once every page is placed, on all cores (see ``addSummaries()``).
        for index in root..<pages.count {
            for id in pages[index].anchors { anchorPages[id] = index }
            if let numberPath = pages[index].numberPath { numberPages[numberPath] = index }
        }
        documents.append(Document(path: source.path, displayPath: source.displayPath, bodyFirstLine: source.bodyFirstLine,
                                  links: input.markdown.links, externalLinks: input.markdown.externalLinks, rootPage: root, anchorPages: anchorPages, numberPages: numberPages, frontMatter: front))
        for warning in input.markdown.warnings {
            diagnostics.append(Diagnostic(file: source.displayPath, line: warning.line + source.bodyFirstLine - 1, column: warning.column,
                                          severity: .warning, message: warning.message))
        }
        for (key, line) in front.unreadKeys where !ignoredKeys.contains(key) {
            // Keys are case-sensitive: `Title` is a typo of `title` as much as `wieght` is of `weight`.
            let hint = Suggestion.closest(to: key, among: FrontMatter.knownKeys).map { ": did you mean '\($0)'?" }
                ?? " (known keys: \(FrontMatter.knownKeys.sorted().joined(separator: ", "))); if another tool reads it, list it in site.yml's ignore_front_matter"
            diagnostics.append(Diagnostic(file: source.displayPath, line: line, column: 1, severity: .warning,
                                          message: "front matter key '\(key)' is not used by Octavo\(hint)"))
        }
        return root
    }

    /// A file's title: its front matter's `title`, else its leading level-1 heading (when that is
    /// not a split point), else `fallback`. An empty title is no title.
    static func title(of input: Outliner.Input, fallback: String) -> String {
        let front = input.source.frontMatter
        let first = input.markdown.blocks.first
        let heading = first?.headingLevel == 1 && !front.split.contains(1) ? first?.text : nil
        return [front.title, heading, fallback].compactMap { $0?.trimmingSpaces() }.first { !$0.isEmpty } ?? fallback
    }

    /// A folder's name as a title: `getting-started` and `getting_started` → `Getting started`.
    static func readable(_ name: String) -> String {
        let spaced = String(name.map { $0 == "-" || $0 == "_" ? " " : $0 }).trimmingSpaces()
        guard let first = spaced.first else { return name }
        return first.uppercased() + spaced.dropFirst()
    }

    /// Adds the pages of `SUMMARY.md` in its order, each below the entry before it at a smaller
    /// indentation, then the files it does not list (by the usual order, under the home page).
    ///
    /// A part title becomes a generated section page (`# User Guide` → `user-guide/index.html`,
    /// listing its pages, as a folder without a page of its own gets) that the list items after it
    /// go below; a link outside the list (column 1: mdBook's prefix and suffix chapters) is a
    /// top-level page that no item goes below.
    mutating func addSummary(_ summary: [SummaryEntry], inputs: [Outliner.Input], skipping home: Folder.File?) throws {
        var byPath: [String: Outliner.Input] = [:]
        for input in inputs { byPath[input.source.path] = input }
        // A part's page is a folder at the top: not one that has a page already, a top-level
        // file's (`reference.md`), a folder's own (`reference/README.md`), or the one made for a
        // folder of files the list leaves out (outlined by folder below). A folder whose files are
        // all listed has none: `# Reference` then takes `reference/`, above `reference/api/`.
        let listedPaths = Set(summary.lazy.filter { $0.part == nil }.map(\.path))
        var taken = Set(inputs.compactMap { input -> String? in
            let path = input.source.path
            let parts = path.pathParts()
            guard parts.count > 1 else { return path.stem }
            let hasPage = (parts.count == 2 && Self.isFolderPage(path)) || !listedPaths.contains(path)
            return hasPage ? parts.first.map(String.init) : nil
        })
        var listed: Set<String> = home.map { [$0.input.source.path] } ?? []
        var stack: [(column: Int, page: Int)] = []
        for entry in summary {
            if let title = entry.part {
                let base = HeadingIDGenerator.slug(title).isEmpty ? "part" : HeadingIDGenerator.slug(title)
                var slug = base
                var number = 1
                while taken.contains(slug) { number += 1; slug = "\(base)-\(number)" }
                taken.insert(slug)
                stack = [(Int.min, addGenerated(title: title, path: slug + "/index.html", kind: .section, parent: 0))]
                continue
            }
            guard let input = byPath[entry.path], !listed.contains(entry.path) else { continue }
            listed.insert(entry.path)
            if entry.column == 1 { stack.removeAll() }
            while let last = stack.last, last.column >= entry.column { stack.removeLast() }
            let folder = entry.path.folderPart.isEmpty ? "" : entry.path.folderPart + "/"
            let path = Self.isFolderPage(entry.path) ? folder + "index.html"
                : folder + (try Self.slug(for: input.source, fallback: entry.path.lastPart.stem)) + "/index.html"
            let page = try addDocument(input, path: path, kind: .page, parent: stack.last?.page ?? 0,
                                       fallbackTitle: Self.isFolderPage(entry.path) ? Self.readable(entry.path.folderPart.lastPart) : nil)
            // A chapter outside the list has no chapters below it.
            if entry.column > 1 { stack.append((entry.column, page)) }
        }
        let rest = inputs.filter { !listed.contains($0.source.path) }
        guard !rest.isEmpty else { return }
        try addChildren(of: Folder.make(rest), folderPath: "", parent: 0, skipping: nil)
    }

    /// Whether a file is its folder's page by name (`index.md`, `_index.md`, `README.md`).
    static func isFolderPage(_ path: String) -> Bool {
        ["index", "_index", "readme"].contains(path.lastPart.stem.lowercased()) && !path.folderPart.isEmpty
    }

    /// Splits a leading number off a heading's text: `III. Priorities` → (`III`, `Priorities`).
    /// A number is a run of digits, a Roman numeral, or one letter, followed by `.` and a space.
    static func splitNumber(_ text: String) -> (String?, String) {
        guard let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].first == " " else { return (nil, text) }
        let candidate = text[..<dot]
        let isDigits = !candidate.isEmpty && candidate.count <= 4 && candidate.allSatisfy(\.isASCII) && candidate.allSatisfy(\.isNumber)
        let isRoman = !candidate.isEmpty && candidate.count <= 6 && candidate.allSatisfy { "IVXLCDM".contains($0) }
        let isLetter = candidate.count == 1 && candidate.allSatisfy { $0.isASCII && $0.isLetter }
        guard isDigits || isRoman || isLetter else { return (nil, text) }
        let title = text[text.index(after: dot)...].trimmingCharacters(in: .whitespaces)
        return (String(candidate), title.isEmpty ? text : title)
    }

    /// The first sentence of the paragraph the page's text opens with: text up to the first `. `,
    /// `? ` or `! `.
    ///
    /// Only a paragraph before anything else counts (after the title's level-1 heading, comments
    /// and thematic breaks): a page that opens with a list, code, a table or a `##` section has no summary,
    /// rather than one taken from a sentence about something else (the first command of a
    /// reference, a "Back to …" line at the end).
    static func summary(of blocks: [MarkdownBlock], cache: SummaryCache? = nil) -> String {
        var text: String?
        for (index, block) in blocks.enumerated() {
            switch block.kind {
            case .paragraph where !block.text.isEmpty: text = block.text
            case .heading(level: 1) where index == 0, .closingMarker: continue
            // An empty paragraph (a non-empty one is the case above).
            case .paragraph: continue
            // Raw HTML left out or a comment, a thematic break.
            case .other where block.text.isEmpty: continue
            default: break
            }
            break
        }
        guard let text else { return "" }
        return cache?.summary(of: text, make: SummaryText.summary(of:)) ?? SummaryText.summary(of: text)
    }

    /// The path segment for a file: its `slug`, or its name without extension.
    static func slug(for source: SourceFile, fallback: String) throws -> String {
        guard let slug = source.frontMatter.slug else { return fallback }
        // Front matter refuses such a slug as it is read; a value made in code is checked here.
        if let problem = FrontMatter.slugProblem(slug) {
            throw BuildError(file: source.displayPath, line: source.frontMatter.keyLines["slug"] ?? 1, problem)
        }
        return slug
    }

    /// Fails when two pages, or a page and an asset, would be written to the same path.
    func checkPaths(assets: [Asset], contentRoot: String) throws {
        var owners: [String: String] = [:]
        var problems: [Diagnostic] = []
        func claim(_ path: String, file: String, line: Int?) {
            let owner = line.map { "\(file):\($0)" } ?? file
            if let other = owners[path] {
                problems.append(Diagnostic(file: file, line: line, message: "would be written to '\(path)', as \(other) is: rename one of them (its file, its 'slug', or its heading's number or title)"))
            } else {
                owners[path] = owner
            }
        }
        for page in pages {
            if let document = page.document {
                claim(page.path, file: documents[document].displayPath, line: page.line)
            } else {
                claim(page.path, file: DisplayPath(contentRoot).appending(page.path.folderPart).text, line: nil)
            }
        }
        for asset in assets { claim(asset.path, file: DisplayPath(contentRoot).appending(asset.path).text, line: nil) }
        if !problems.isEmpty { throw BuildError(problems) }
    }
}
