import Foundation

extension Pipeline {
    /// Where the EPUB goes: `--epub`, else `epub` of `site.yml` relative to the folder that holds
    /// the content folder; `nil` when neither asks for one.
    func epubLocation(config: SiteConfig) -> (url: URL, display: String)? {
        if let url = destination?.epub { return (url, (destination?.displayEpub ?? DisplayPath(url: url)).text) }
        guard let setting = config.epub else { return nil }
        if setting.hasPrefix("/") { return (URL(fileURLWithPath: setting), setting) }
        let parent = input.content.standardizedFileURL.deletingLastPathComponent()
        return (parent.appendingPathComponent(setting), input.displayContent.parent.appending(setting).text)
    }

    /// Makes the EPUB's files in memory when one is asked for.
    /// - Throws: ``BuildError`` for a `SOURCE_DATE_EPOCH` the book cannot be dated with.
    func makeEpub(site: Site, links: LinkResolver.Resolution, templates: TemplateSet, content: LoadedContent) throws -> EpubOutput? {
        guard let location = epubLocation(config: content.config), !site.pages.isEmpty else { return nil }
        try Self.checkNotTheBundle(location.url, display: location.display, bundle: destination?.bundle,
                                   setting: destination?.epub == nil ? "'epub' of site.yml" : "--epub")
        if let destination { try Self.checkNotInOutput(location.url, display: location.display, destination: destination) }
        let date = try ZipBundle.modificationDate(environment: ProcessInfo.processInfo.environment)
        let home = site.pages[0].document.map { site.documents[$0].path }
        let frontMatter = content.sources.first { $0.path == home }?.frontMatter
        let book = EpubBook(site: site, links: links, templates: templates, config: content.config,
                            metadata: EpubMetadata(site: site, frontMatter: frontMatter, config: content.config, modified: date))
        let made = try book.files()
        return EpubOutput(url: location.url, displayPath: location.display, files: made.files, modificationDate: date, diagnostics: made.diagnostics)
    }

    /// Checks where the EPUB goes and writes it to a temporary file beside it.
    /// - Throws: ``BuildError`` when the file is inside the content or templates folder, is a
    ///   folder, or cannot be written.
    func prepareEpub(_ epub: EpubOutput) throws -> URL {
        let path = epub.url.standardizedFileURL.resolvingSymlinksInPath().path
        for (folder, name) in [(input.content, input.displayContent), (input.templates, input.displayTemplates)]
            .map({ ($0.standardizedFileURL.resolvingSymlinksInPath().path, $1) })
        where path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") {
            throw BuildError(file: epub.displayPath, "cannot be the EPUB: it is inside '\(name)', which the build reads; write it beside that folder")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw BuildError(file: epub.displayPath, "cannot be the EPUB: it is a folder; name a file such as book.epub")
        }
        return try EpubContainer(modificationDate: epub.modificationDate).prepare(epub.files, for: epub.url, displayPath: epub.displayPath)
    }

    /// Renames the EPUB made by ``prepareEpub(_:)`` into place; returns its display path and size in bytes.
    func commitEpub(_ epub: EpubOutput, temporary: URL) throws -> (path: String, bytes: Int?) {
        try EpubContainer(modificationDate: epub.modificationDate).commit(temporary, to: epub.url, displayPath: epub.displayPath)
        return (epub.displayPath, (try? FileManager.default.attributesOfItem(atPath: epub.url.path)[.size] as? Int) ?? nil)
    }
}
