/// Reads pages' HTML into ``PageScan``s as they are rendered, so that the audit needs only the
/// scans, not the pages: the build hands each page's HTML here and then lets it go.
///
/// Tokenizing (``HTMLTokenizer``) is done by the caller, on all cores; resolving the links is
/// done here, in reading order, remembering what was resolved from each folder: pages in one
/// folder write the same navigation hrefs, so each (folder, href) is resolved once.
struct PageScanner {
    /// The outlined site.
    let site: Site
    /// The link stage's result: destinations it left unresolved are not read again.
    let links: LinkResolver.Resolution
    /// The scans of earlier builds (`octavo serve`); `nil`: every page is read.
    let cache: AuditCache?
    /// What was resolved from each folder: href bytes to path (also as bytes) and fragment.
    /// Keyed by ``ByteString``, hashed in one call, where `[UInt8]` hashed byte by byte.
    private var resolved: [String: [ByteString: (String, ByteString, String?)]] = [:]
    /// One copy of each string and byte string the scans hold: pages repeat the same navigation
    /// hrefs and template ids, and each scan is kept until the audit, so a site of 10,000 pages
    /// would otherwise hold a million small copies.
    /// Keyed by bytes: Swift's `==` takes NFC and NFD forms as equal, which the audit must not.
    private var interned: [ByteString: String] = [:]
    /// One copy of each different link of this build's scans.
    private let table = PageScan.LinkTable()
    /// The number in ``table`` of each link met so far, by where it was met and its tag and
    /// value's bytes (see ``NumberedKey``). Resolving a link anew takes some 10,000
    /// instructions, finding it here a few hundred, and pages write the same navigation: a site of
    /// 10,000 pages has some 700,000 links but a few tens of thousands different ones.
    /// Emptied when it holds ``numberedLimit`` links, so that its memory does not grow with the
    /// site: pages in reading order meet their folder's links together.
    private var numbered: [NumberedKey: Int32] = [:]
    /// The most links ``numbered`` holds.
    static let numberedLimit = 4096

    /// Where a link was met, as far as its target depends on it: the page's depth (how many
    /// folders it is below the root) and its folder with as many folders taken off the end as the
    /// value starts with `../` (fewer at the root). `../x` from `a/b/` and from `a/c/` is one key;
    /// from `a/` it is another, for it climbs above the root there.
    private struct NumberedKey: Hashable {
        var depth: Int
        var base: ByteString
        var tag: String
        var value: ByteString
    }

    /// This build's scans with the HTML they were made of, for ``cache``.
    private var kept: [(path: String, html: String, unresolved: Set<String>, scan: PageScan)] = []

    /// Creates a scanner for the pages of `site`.
    init(site: Site, links: LinkResolver.Resolution, cache: AuditCache?) {
        self.site = site
        self.links = links
        self.cache = cache
    }

    /// The scan an earlier build made of the same HTML of page `index`, or `nil`. Safe on any thread.
    func cached(_ index: Int, html: String) -> PageScan? {
        cache?.scan(path: site.pages[index].path, html: html, unresolved: unresolvedDestinations(ofPage: index))
    }

    /// The scan of page `index`: `known` when given, else made from its tokens. With a cache, the
    /// page's HTML is kept for it until ``finish()``.
    mutating func scan(_ index: Int, tokens: HTMLTokenizer?, known: PageScan?, html: String?) -> PageScan {
        let unresolved = unresolvedDestinations(ofPage: index)
        let made = known ?? scan(index, tokens: tokens ?? HTMLTokenizer(html: ""), unresolved: unresolved)
        if cache != nil, let html { kept.append((site.pages[index].path, html, unresolved, made)) }
        return made
    }

    /// Gives the cache this build's scans (it forgets the pages the build no longer has).
    func finish() {
        cache?.keep(kept)
    }

    /// The scan of page `index` from its tokens.
    private mutating func scan(_ index: Int, tokens: HTMLTokenizer, unresolved: Set<String>) -> PageScan {
        let path = site.pages[index].path
        let folder = path.folderPart
        let depth = path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        var links: [Int32] = []
        links.reserveCapacity(tokens.references.count)
        // The folder's bytes without its last 0, 1, 2 … folders, made when a value first needs them.
        var bases: [ByteString?] = Array(repeating: nil, count: depth + 1)
        let folderBytes = Array(folder.utf8)
        func base(climbing climbs: Int) -> ByteString {
            let climbs = min(climbs, depth)
            if let known = bases[climbs] { return known }
            var end = folderBytes.count
            for _ in 0..<climbs { end = folderBytes[..<end].lastIndex(of: UInt8(ascii: "/")) ?? 0 }
            let made = ByteString(bytes: Array(folderBytes[..<end]))
            bases[climbs] = made
            return made
        }
        for token in tokens.references {
            guard LinkReference.isInternal(token.value), !unresolved.contains(token.value) else { continue }
            // A value with no path (`#top`, `?q=a`, empty) leads to this very page: not shared.
            var key: NumberedKey?
            if let first = token.value.utf8.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "?") {
                let value = ByteString(token.value)
                var climbs = 0
                while value.bytes[(3 * climbs)...].starts(with: "../".utf8) { climbs += 1 }
                key = NumberedKey(depth: depth, base: base(climbing: climbs), tag: token.tag, value: value)
            }
            if let key, let number = numbered[key] {
                links.append(number)
                continue
            }
            let number = number(of: token, path: path, folder: folder, depth: depth)
            if let key {
                if numbered.count >= Self.numberedLimit { numbered.removeAll(keepingCapacity: true) }
                numbered[key] = number
            }
            links.append(number)
        }
        let ids = tokens.ids.map { intern($0) }
        return PageScan(ids: ids.map(\.text), idBytes: Set(ids.map(\.bytes)), linkNumbers: links, table: table)
    }

    /// The number in ``table`` of the link `token` of the page at `path`, in `folder`, `depth`
    /// folders below the root.
    private mutating func number(of token: HTMLTokenizer.Reference, path: String, folder: String, depth: Int) -> Int32 {
        let (reference, referenceBytes) = intern(token.value)
        guard !SiteAudit.climbsAboveRoot(reference, depth: depth) else {
            return table.number(of: PageScan.Link(reference: reference, tag: token.tag, target: .climbs), reference: referenceBytes, fragment: nil)
        }
        let (target, bytes, fragment): (String, ByteString, String?)
        if reference.utf8.first == UInt8(ascii: "#") {
            let (page, name) = SiteAudit.resolve(reference, from: path)
            (target, bytes) = intern(page)
            fragment = name.map { intern($0).text }
        } else {
            // "../x" from "a/b" is "x" from "a": key the memo so that sibling pages share it.
            var base = Substring(folder)
            var rest = Substring(reference)
            while rest.utf8.starts(with: "../".utf8), !base.isEmpty {
                rest = rest.dropFirst(3)
                base = base.utf8.lastIndex(of: UInt8(ascii: "/")).map { base[..<$0] } ?? ""
            }
            let key = String(base)
            let restBytes = ByteString(rest)
            if let known = resolved[key]?[restBytes] {
                (target, bytes, fragment) = known
            } else {
                let (page, name) = SiteAudit.resolve(reference, from: path)
                (target, bytes) = intern(page)
                fragment = name.map { intern($0).text }
                resolved[key, default: [:]][restBytes] = (target, bytes, fragment)
            }
        }
        let link = PageScan.Link(reference: reference, tag: token.tag, target: .path(target, bytes: bytes, fragment: fragment))
        return table.number(of: link, reference: referenceBytes, fragment: fragment.map { intern($0).bytes })
    }

    /// The one kept copy of `text`, and of its bytes.
    private mutating func intern(_ text: String) -> (text: String, bytes: ByteString) {
        let bytes = ByteString(text)
        if let index = interned.index(forKey: bytes) { return (interned[index].value, interned[index].key) }
        interned[bytes] = text
        return (text, bytes)
    }

    /// The destinations of page `index`'s source that the link stage left unresolved (reported already).
    func unresolvedDestinations(ofPage index: Int) -> Set<String> {
        guard let document = site.pages[index].document else { return [] }
        var result: Set<String> = []
        for (link, target) in zip(site.documents[document].links, links.targets[document]) {
            if case .unresolved = target { result.insert(link.destination) }
        }
        return result
    }
}
