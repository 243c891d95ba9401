extension PreviewSession {
    /// What to say after a failed rebuild's diagnostics, or `nil`: when a link to a page or file
    /// that does not exist stopped it (a writer links to a page not written yet), how to keep the
    /// preview building meanwhile. Printed in the terminal and shown in the open pages' overlay.
    public static func hint(for diagnostics: [Diagnostic]) -> String? {
        guard diagnostics.contains(where: { $0.stage == .link && $0.severity == .error }) else { return nil }
        return "To preview while a linked page is not written yet, set 'broken_links: warn' in site.yml: broken links are then warnings (--strict still fails on them)."
    }
}
