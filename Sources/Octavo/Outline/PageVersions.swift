import Foundation

/// A number for each page's ``Page`` value that stays the same between builds only while the
/// value's bytes do (``BuildCache``, which `octavo serve` keeps), so that the caches of the render,
/// search and print stages can key a page by one number instead of each writing out its whole
/// value again: that was a third of what those caches cost a one-page rebuild.
///
/// Each build's pages are written out once (``CacheKey``) and compared with the last build's
/// page at the same path; an unchanged page keeps its number, any other gets a number never given
/// before. So two equal numbers, within one ``BuildCache``, mean the same bytes in every field.
public final class PageVersions: Sendable {
    private struct State: Sendable {
        var pages: [String: (key: CacheKey, version: Int)] = [:]
        var next = 1
    }

    private let state = Unchecked.Locked(State())

    /// Creates an empty record; every page of the first build gets a new number.
    public init() {}

    /// The number of each page (aligned with `pages`), keeping only these pages for the next build.
    func versions(of pages: [Page]) -> [Int] {
        var keys = [CacheKey](repeating: CacheKey(), count: pages.count)
        keys.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pages.count) { index in
                var key = CacheKey()
                key.append(pages[index])
                output.buffer[index] = key
            }
        }
        return state.withLock { state in
            var kept: [String: (key: CacheKey, version: Int)] = [:]
            let versions = pages.indices.map { index -> Int in
                let path = pages[index].path
                let version: Int
                if let known = state.pages[path], known.key == keys[index], kept[path] == nil {
                    version = known.version
                } else {
                    version = state.next
                    state.next += 1
                }
                kept[path] = (keys[index], version)
                return version
            }
            state.pages = kept
            return versions
        }
    }
}
