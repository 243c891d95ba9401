extension PageRenderer {
    /// The topics of page `index`: its terms, linked to their entries on the index page.
    func topics(of index: Int, in terms: TermIndex, site: Site) -> [NavItem] {
        let toIndex = URLEscaping.path(RelativePath.from(site.pages[index].path, to: TermIndex.path))
        return terms.pageTerms[index].map { term in
            NavItem(title: terms.terms[term].name, number: nil, numberedTitle: terms.terms[term].name,
                    url: toIndex + "#" + URLEscaping.fragment(terms.ids[term]),
                    summary: terms.terms[term].note.isEmpty ? nil : terms.terms[term].note, isCurrent: false, isOpen: false, children: [])
        }
    }

    /// `terms.html`, rendered with the layout like the site's pages: the index as its body.
    /// - Returns: The HTML, and the error of a render stopped by ``RenderGuard``.
    func termsPage(_ terms: TermIndex, site: Site) -> (html: String, problem: Diagnostic?) {
        var context = extraContext(path: TermIndex.path, title: TermIndex.title, kind: "terms", site: site)
        context.page.body = terms.html(site: site) { page, paragraph in
            URLEscaping.path(RelativePath.from(TermIndex.path, to: site.pages[page].path)) + "#" + URLEscaping.fragment(paragraph)
        }
        return templates.render(context, template: TemplateSet.layoutName, limits: PageRenderer.limits(for: site), page: TermIndex.path)
    }
}
