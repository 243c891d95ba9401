extension Site {
    /// For each folder of the content (`""` for the root, `guide/sub`), the document that is its
    /// page: its `index.md` in any letter case, else its `README.md` (see ``Outliner``), or the
    /// single file that is the home page. Links to a folder, and to `index.md` in another letter
    /// case, resolve through it.
    /// - Complexity: O(documents).
    public func folderPageDocuments() -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, document) in documents.enumerated() {
            let folder = document.path.folderPart
            if pages[document.rootPage].path == (folder.isEmpty ? "" : folder + "/") + "index.html" { result[folder] = index }
        }
        return result
    }
}
