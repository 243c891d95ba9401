/// "Did you mean" for links that do not resolve: the link as it was probably meant, written the
/// way the user wrote it (relative to the same file), so it can be pasted in.
extension LinkResolver {
    /// What a link that names no file may have meant, found once per site only when a link is broken.
    struct Alternatives {
        /// Output page path → page index (`install/index.html` → the page of `install.md`).
        var pagesByPath: [String: Int] = [:]
        /// Content folder → names of the Markdown files and assets in it.
        var namesByFolder: [String: [String]] = [:]
        /// Path in lower case → the paths of Markdown files and assets that have it
        /// (`guide/secrets.md` → `["Guide/secrets.md"]`).
        var pathsByLowercase: [String: [String]] = [:]

        init(site: Site) {
            for (index, page) in site.pages.enumerated() where page.document != nil { pagesByPath[page.path] = index }
            for path in site.documents.map(\.path) + site.assets.map(\.path) {
                namesByFolder[path.folderPart, default: []].append(path.lastPart)
                pathsByLowercase[path.lowercased(), default: []].append(path)
            }
        }
    }

    /// `: did you mean 'install.md'?` for a link `rest` (without fragment or query), normalised to
    /// `path` from the content root, that names no file; `""` when nothing close exists.
    ///
    /// Tried in order: the name without `.md` (`install`), a page's output path (`install.html`,
    /// `install/index.html`, `install/`), then a name one or two edits away in the same folder,
    /// then the one file of the same folder whose name differs only in its extension
    /// (`logo.jpg` for `logo.png`, `notes.txt` for `notes.md`), then the one file whose path
    /// differs only in letter case in any of its folders (`../GUIDE/secrets.md`: a link that
    /// works on a case-insensitive disk, not on a server).
    static func pathHint(path: String, written rest: String, in document: Document, site: Site, alternatives: Alternatives) -> String {
        let bare = path.hasSuffix("/") ? String(path.dropLast()) : path
        let written = rest.hasSuffix("/") ? String(rest.dropLast()) : rest
        for ext in markdownExtensions where alternatives.namesByFolder[bare.folderPart]?.contains(bare.lastPart + ext) == true {
            return ": did you mean '\(written + ext)'?"
        }
        var outputPath: String?
        if path.hasSuffix("/") || path.isEmpty {
            outputPath = path + "index.html"
        } else if path.lastPart == "index.html" {
            outputPath = path
        } else if path.hasSuffix(".html") {
            outputPath = String(path.dropLast(".html".count)) + "/index.html"
        }
        if let outputPath, let index = alternatives.pagesByPath[outputPath], let target = site.pages[index].document {
            let targetDocument = site.documents[target]
            var suggestion = RelativePath.from(document.path, to: targetDocument.path)
            if index != targetDocument.rootPage, let id = site.pages[index].heading?.id { suggestion += "#" + id }
            return ": link to the Markdown file, not the page Octavo writes from it: did you mean '\(suggestion)'?"
        }
        let names = alternatives.namesByFolder[bare.folderPart] ?? []
        // The folder as the link wrote it, for a name of the same folder.
        let prefix = written.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(written[...$0]) } ?? ""
        // Judged by the stem: `b.md` is no typo of `a.md`, though one letter apart.
        let stem = bare.lastPart.stem.count
        if let name = Suggestion.closest(to: bare.lastPart, among: names, maxDistance: stem <= 2 ? 0 : stem <= 5 ? 1 : 2) {
            return ": did you mean '\(prefix + name)'?"
        }
        let sameStem = names.filter { $0 != bare.lastPart && $0.stem == bare.lastPart.stem && $0.stem != $0 }
        if sameStem.count == 1, bare.lastPart.stem != bare.lastPart {
            return ": did you mean '\(prefix + sameStem[0])'?"
        }
        if let matches = alternatives.pathsByLowercase[bare.lowercased()], matches.count == 1 {
            return ": did you mean '\(RelativePath.from(document.path, to: matches[0]))'?"
        }
        return ""
    }

    /// `: did you mean 'config.md#options'?` for a fragment that names no id of `document`: an id
    /// equal once letter case and punctuation are ignored (`#Options`, `#getting_started`), else one
    /// a typo away; `""` when none is close.
    static func fragmentHint(_ fragment: String, in document: Document, written: String) -> String {
        let ids = document.anchorPages.keys
        let key = comparable(fragment)
        let match = key.isEmpty ? nil : ids.sorted().first { comparable($0) == key }
        guard let id = match ?? Suggestion.closest(to: fragment, among: ids) else { return "" }
        let base = written.utf8.firstIndex(of: UInt8(ascii: "#")).map { String(written[..<$0]) } ?? ""
        return ": did you mean '\(base)#\(id)'?"
    }

    /// The extensions a Markdown file may have, in the order they are suggested.
    private static let markdownExtensions = [".md", ".markdown"]

    /// Letters and digits only, lower case: how a heading id and a fragment typed from the heading
    /// compare when only case or punctuation differ.
    private static func comparable(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }
}
