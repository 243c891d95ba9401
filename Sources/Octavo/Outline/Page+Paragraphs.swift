extension Page {
    /// The page's paragraph anchors, aligned with `blocks + closing`: `p1`, `p2` … for its top-level
    /// paragraphs in reading order, `nil` for every other block.
    ///
    /// Numbered per page, so `iii/3/index.html#p2` is the second paragraph of item III.3. An id
    /// that a heading of the page already has gets `-1`, `-2` … as heading ids do.
    public var paragraphIDs: [String?] {
        var ids = HeadingIDGenerator()
        for anchor in anchors { _ = ids.reserve(anchor) }
        var count = 0
        return (blocks + closing).map { block in
            guard block.kind == .paragraph else { return nil }
            count += 1
            return ids.reserve("p\(count)")
        }
    }
}
