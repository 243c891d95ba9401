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
    let pages = PageRenderer(templates: templates).render(site, links: resolution).pages
    require(pages.count == site.pages.count, "rendered \(pages.count) of \(site.pages.count) pages")
    for (page, (path, html)) in zip(site.pages, pages) {
        require(page.path == path, "page order")
        require(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"), "\(path) is not a whole page")
        let ids = attributeValues("id", in: html)
        require(Set(ids).count == ids.count, "\(path) repeats an id: \(ids)")
        for id in page.anchors {
            require(ids.contains(Array(id.utf8)), "\(path) lacks the id \(id)")
        }
    }
    return 0
}

/// The values of `name="…"` attributes, as bytes: a String search would miss a value that starts
/// with a combining mark, which joins the quote before it into one Character.
func attributeValues(_ name: String, in html: String) -> [[UInt8]] {
    let bytes = Array(html.utf8)
    let marker = Array(" \(name)=\"".utf8)
    var values: [[UInt8]] = []
    var index = 0
    while index + marker.count <= bytes.count {
        if bytes[index..<index + marker.count].elementsEqual(marker) {
            let start = index + marker.count
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.count
            values.append(Array(bytes[start..<end]))
            index = end
        } else {
            index += 1
        }
    }
    return values
}
