/// Which entries of a long navigation list a page shows, so that a page's size does not grow with
/// the number of pages elsewhere in the site (a sidebar listing all 10,000 sections on each of
/// 10,000 pages writes 10⁸ links).
///
/// A list of at most ``size`` + 2 entries is shown whole (hiding one or two saves nothing); a
/// longer one shows ``size`` entries around the open one (the current page or its ancestor), or the
/// first ``size`` when none is open, and an entry that stands for the rest before and after it
/// (``NavItem/more``), linking to the full contents.
struct NavWindow: Equatable {
    /// How many entries of a long list a page shows: enough for every part and item of the real
    /// document (its longest list has 20 items), so its navigation is whole.
    static let size = 25

    /// The shown range of the list's indices.
    var shown: Range<Int>
    /// Entries left out before the shown range.
    var hiddenBefore: Int { shown.lowerBound }
    /// Entries left out after it.
    var hiddenAfter: Int

    /// The window over a list of `count` entries whose entry `open` (if any) holds the current page.
    /// - Complexity: O(1).
    init(count: Int, open: Int?) {
        guard count > Self.size + 2 else {
            shown = 0..<count
            hiddenAfter = 0
            return
        }
        let start = open.map { max(0, min($0 - Self.size / 2, count - Self.size)) } ?? 0
        shown = start..<(start + Self.size)
        hiddenAfter = count - shown.upperBound
    }

    /// The entries shown, made by `item`, with an entry for the hidden ones before and after,
    /// made by `more` (given the number hidden).
    func items(_ item: (Int) -> NavItem, more: (Int) -> NavItem) -> [NavItem] {
        var result: [NavItem] = []
        result.reserveCapacity(shown.count + 2)
        if hiddenBefore > 0 { result.append(more(hiddenBefore)) }
        for index in shown { result.append(item(index)) }
        if hiddenAfter > 0 { result.append(more(hiddenAfter)) }
        return result
    }
}
