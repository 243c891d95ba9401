// Fuzz target: Markdown to HTML pages. The input is a whole Markdown file (front matter allowed)
// and the site's home page; it is rendered with the repository's Templates/ through the same
// stages as a build, and as `octavo markdown` renders it (safe and unsafe).
import Foundation
@testable import Octavo

let templates: TemplateSet = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates").standardizedFileURL
    do {
        return try TemplateSet(root: root, displayRoot: "Templates")
    } catch {
        fatalError("cannot load \(root.path): \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    if let text = try? SourceFile.decodeInput(bytes, file: "stdin") {
        _ = MarkdownRenderer().html(text)
        _ = MarkdownRenderer(unsafe: true).html(text)
    }
    guard let source = loadSource(bytes, path: "index.md") else { return 0 }
    guard let site = try? Outliner().outline([parseInput(source, reserving: templates.reservedIDs)], assets: []) else { return 0 }
    let resolution = LinkResolver().resolve(site)
    checkSite(site, resolution)
    let pages = PageRenderer(templates: templates).render(site, links: resolution)
    require(pages.count == site.pages.count, "rendered \(pages.count) of \(site.pages.count) pages")
    for (page, (path, html)) in zip(site.pages, pages) {
        require(page.path == path, "page order")
        require(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"), "\(path) is not a whole page")
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        require(Set(ids).count == ids.count, "\(path) repeats an id: \(ids)")
        for id in page.anchors {
            require(ids.contains(id[...]), "\(path) lacks the id \(id)")
        }
    }
    return 0
}
