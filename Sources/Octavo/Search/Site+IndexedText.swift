extension Site {
    /// Lets go of the text of every block but the headings (``MarkdownBlock/text``), which only the
    /// search index reads once the site is outlined and its links labelled: `octavo build` calls it
    /// after the index is made, so that a large site does not hold its whole text to the end.
    /// Headings keep theirs, which the pages' tables of contents show.
    mutating func forgetIndexedText() {
        for page in pages.indices {
            for block in pages[page].blocks.indices where pages[page].blocks[block].headingLevel == nil {
                pages[page].blocks[block].text = ""
            }
            for block in pages[page].closing.indices where pages[page].closing[block].headingLevel == nil {
                pages[page].closing[block].text = ""
            }
        }
    }
}
