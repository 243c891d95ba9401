extension Pipeline.Result {
    /// A note for each external link, for `check --external`; external links are never fetched.
    public var externalLinkNotes: [Diagnostic] {
        site.documents.flatMap { document in
            document.externalLinks.map { link in
                Diagnostic(file: document.displayPath, line: document.bodyFirstLine + link.line - 1, column: link.column,
                           severity: .note, message: "external link '\(link.destination)' (not checked)")
            }
        }
    }
}
