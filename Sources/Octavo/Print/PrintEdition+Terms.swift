extension PrintEdition {
    /// Lists the index of terms (`terms.html`) last in the print edition's contents. The index stays
    /// its own page: the print edition's text is the document's, word for word.
    func addIndex(_ terms: TermIndex, to context: inout PageContext) {
        context.toc?.children.append(NavItem(title: TermIndex.title, number: nil, numberedTitle: TermIndex.title, url: TermIndex.path,
                                             summary: nil, isCurrent: false, isOpen: false, children: []))
    }
}
