import Foundation

extension Pipeline {
    /// The files made beside the pages from the site's settings: `404.html` always; `sitemap.xml`
    /// and `robots.txt` with a base URL. Returns them with an error for each broken link of `404.md`,
    /// and the error of a render of `404.html` stopped by ``RenderGuard``.
    /// - Throws: ``BuildError`` when `favicon` of `site.yml` names no file of the content folder.
    func extraFiles(site: Site, renderer: PageRenderer, config: SiteConfig, notFound: SourceFile?) throws -> (files: [OutputFile], diagnostics: [Diagnostic], renderProblem: Diagnostic?) {
        if let favicon = config.favicon, !site.assets.contains(where: { $0.path == favicon.precomposedStringWithCanonicalMapping }) {
            throw BuildError(file: input.displayContent.appending(SiteConfig.fileName).text,
                             "favicon '\(favicon)' is not a file of \(input.displayContent): put the icon there or correct the path")
        }
        let source = notFound.map { file -> Outliner.Input in
            var ids = HeadingIDGenerator()  // as every page: see `parse`
            return Outliner.Input(source: file, markdown: MarkdownParser(unsafe: config.unsafe, gfm: config.gfm).parse(file.body, ids: &ids))
        }
        let page = NotFoundPage(source: source)
        let rendered = page.render(with: renderer, site: site)
        var files = [OutputFile(path: NotFoundPage.path, contents: .bytes(Array(rendered.html.utf8)))]
        if let base = config.baseURL {
            let sitemap = Sitemap(baseURL: base, pagePaths: site.pages.map(\.path))
            files.append(OutputFile(path: Sitemap.path, contents: .bytes(Array(sitemap.xml.utf8))))
            files.append(OutputFile(path: Sitemap.robotsPath, contents: .bytes(Array(sitemap.robots.utf8))))
        }
        return (files, page.diagnostics(site: site), rendered.problem)
    }
}
