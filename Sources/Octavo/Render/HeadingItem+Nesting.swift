/// Turns the flat list of a page's headings into the tree an "On this page" list shows, so that
/// a `###` under a `##` is inside the `##`'s list, for screen readers and without CSS as well.
extension HeadingItem {
    /// Nests headings in document order: each heading goes into the `children` of the nearest
    /// heading before it whose level is lower; one with no such heading stays at the top. A heading
    /// that skips levels (`##` then `####`) still nests one step down, never into empty lists.
    ///
    /// - Parameter flat: Headings in the order of the page, `children` empty.
    /// - Returns: The top-level headings, each with its nested `children`.
    /// - Complexity: O(n); the depth is at most 6, one per heading level.
    public static func nested(_ flat: [HeadingItem]) -> [HeadingItem] {
        var childrenOf = [[Int]](repeating: [], count: flat.count)
        var top: [Int] = []
        var open: [Int] = []  // indexes of the headings whose lists are still open, levels rising
        for (index, heading) in flat.enumerated() {
            while let last = open.last, flat[last].level >= heading.level { open.removeLast() }
            if let parent = open.last { childrenOf[parent].append(index) } else { top.append(index) }
            open.append(index)
        }
        func build(_ index: Int) -> HeadingItem {
            var item = flat[index]
            item.children = childrenOf[index].map(build)
            return item
        }
        return top.map(build)
    }
}
