// Fuzz target: the outline (splitter) and link stages. The input is the body of `book.md`, a
// document split at levels 1 and 2; bytes after a 0xFF byte (never valid UTF-8) become the
// home page `index.md`. Both may link to each other's files, anchors and numbers.
import Foundation
@testable import Octavo

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    let cut = bytes.firstIndex(of: 0xFF)
    let book = Array("---\nsplit: [1, 2]\n---\n".utf8) + bytes[..<(cut ?? bytes.endIndex)]
    var inputs: [Outliner.Input] = []
    guard let source = loadSource(book, path: "book.md") else { return 0 }
    inputs.append(parseInput(source))
    if let cut {
        guard let home = loadSource(Array(bytes[(cut + 1)...].prefix { $0 != 0xFF }), path: "index.md") else { return 0 }
        inputs.append(parseInput(home))
    }
    let assets = [Asset(path: "img/a.png", sourceURL: URL(fileURLWithPath: "/dev/null"))]
    let site: Site
    do {
        site = try Outliner().outline(inputs, assets: assets)
    } catch is BuildError {
        return 0
    } catch {
        require(false, "outline threw \(type(of: error)), not BuildError")
        return 0
    }
    let resolution = LinkResolver().resolve(site)
    checkSite(site, resolution)
    for page in site.pages {
        guard let document = page.document else { continue }
        for (target, link) in zip(resolution.targets[document], site.documents[document].links) {
            let url = target.url(from: page.path, site: site, original: link.destination)
            if case .unresolved = target { continue }
            // The path only: a query is kept as written (`?.//x.md`), `//` and all.
            let path = url.prefix { $0 != "?" && $0 != "#" }
            require(!path.hasPrefix("/") && !path.contains("//"), "URL \(url) from \(page.path)")
        }
    }
    return 0
}
