/// What a page's ``PageContext`` is made of, written out as two ``CacheKey``s, so that
/// ``RenderCache`` can reuse a page's HTML without building its context: building every page's
/// context (its body's HTML above all) to compare it was most of a one-page rebuild of
/// `octavo serve`.
///
/// ``PageRenderer/context(for:site:links:)`` reads, besides the page itself, only these values:
/// - of every page: its kind, path, title, number, number path, parent, children, summary and
///   document (navigation, breadcrumbs, previous and next, the contents, link URLs, citations);
/// - of every document: its path, first page and front matter (edit link, date, citation);
/// - the site's title, the settings (``SiteConfig``) and the templates' reserved ids and whether
///   they have a search page and a print edition;
/// - of the page's own document: its links, where the link stage resolved them and their labels.
///
/// ``site(_:config:templates:)`` writes the first three for the whole site, once a build;
/// ``page(_:site:links:into:)`` writes the page's whole ``Page`` value and the last. When both are
/// the bytes of an earlier build, the page's context is the same as then. The index of terms
/// (topics and related pages) is not in either: with `terms.yml`, contexts are built and
/// compared as before (``site(_:config:templates:)`` is `nil`).
enum ContextInputs {
    /// What every page's context reads of the whole site; `nil` when the site has an index of
    /// terms, which these keys do not cover.
    static func site(_ site: Site, config: SiteConfig, templates: TemplateSet, terms: TermIndex?) -> CacheKey? {
        guard terms == nil else { return nil }
        var key = CacheKey()
        key.append(site.title)
        key.append(site.pages.count)
        for page in site.pages {
            key.append(page.kind.rawValue)
            key.append(page.path)
            key.append(page.title)
            key.append(page.number)
            key.append(page.numberPath)
            key.append(page.parent)
            key.append(page.children)
            key.append(page.summary)
            key.append(page.document)
        }
        key.append(site.documents.count)
        for document in site.documents {
            key.append(document.path)
            key.append(document.rootPage)
            key.append(document.frontMatter)
        }
        key.append(config)
        key.append(templates.reservedIDs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        key.append(templates.has(TemplateSet.searchName))
        key.append(templates.has(TemplateSet.printName))
        return key
    }

    /// What page `index`'s context reads of the page itself and its document's links, written
    /// after what `key` holds (the template's name).
    static func page(_ index: Int, site: Site, links: LinkResolver.Resolution, into key: inout CacheKey) {
        let page = site.pages[index]
        key.append(index)
        key.append(page)
        guard let document = page.document else { return }
        key.append(site.documents[document].links)
        let targets = document < links.targets.count ? links.targets[document] : []
        key.append(targets.count)
        for target in targets { target.append(to: &key) }
        let labels = document < links.labels.count ? links.labels[document] : []
        key.append(labels.count)
        for label in labels { key.append(label) }
    }
}
