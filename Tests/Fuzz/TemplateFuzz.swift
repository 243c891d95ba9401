// Fuzz target: templates. The input is a set of templates, cut at 0xFF bytes (never valid UTF-8)
// into `layout`, `partials/a`, `partials/b` and `print`, with any tags, sections, partials and
// includes of themselves. They are loaded as a templates folder would be, then render pages of the
// real document (the home page with its contents, a part, the last item) and the print edition.
// Loading either succeeds or fails with errors inside Templates/; rendering either succeeds or
// stops with an error naming a template; neither crashes nor runs away. (Stack use was measured
// here too: about 5 KiB per level of nesting, within RenderThreads' 8 KiB.)
import Foundation
@testable import Octavo

let document: (site: Site, links: LinkResolver.Resolution) = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    let options = Pipeline.Options(content: root.appendingPathComponent("Content"), templates: root.appendingPathComponent("Templates"),
                                      output: root.appendingPathComponent(".build-fuzz/unused"), displayContent: "Content", displayTemplates: "Templates")
    do {
        let site = try Pipeline(options: options).render().site
        return (site, LinkResolver().resolve(site))
    } catch {
        fatalError("cannot build \(root.path)/Content: \(error)")
    }
}()

let templateNames = ["layout", "partials/a", "partials/b", "print"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let chunks = fuzzBytes(start, count).split(separator: 0xFF, maxSplits: templateNames.count - 1, omittingEmptySubsequences: false)
    var sources: [String: String] = [:]
    for (name, chunk) in zip(templateNames, chunks) { sources[name] = String(decoding: chunk, as: UTF8.self) }
    let templates: TemplateSet
    do {
        templates = try TemplateSet(sources: sources, displayRoot: "Templates")
    } catch let error as BuildError {
        require(!error.diagnostics.isEmpty, "BuildError without diagnostics")
        for diagnostic in error.diagnostics {
            require(diagnostic.file.hasPrefix("Templates/") && (diagnostic.line ?? 1) >= 1, "template error at \(diagnostic.file):\(diagnostic.line ?? 0)")
        }
        return 0
    } catch {
        require(false, "TemplateSet threw \(type(of: error)), not BuildError: \(error)")
        return 0
    }
    _ = TemplateLint.diagnostics(for: templates)
    let (site, links) = document
    let renderer = PageRenderer(templates: templates)
    // The site's limit on lookups allows seconds of work under AddressSanitizer, which libFuzzer
    // would report as a timeout; a smaller one stops the same templates the same way, sooner.
    var limits = PageRenderer.limits(for: site)
    limits.lookups = 100_000
    for index in Set([0, 1, site.pages.count - 1]) where site.pages.indices.contains(index) {
        let context = renderer.context(for: index, site: site, links: links)
        check(templates.render(context, template: TemplateSet.layoutName, limits: limits, page: site.pages[index].path))
    }
    if let print = PrintEdition(site: site, links: links).render(with: templates) { check(print) }
    return 0
}

/// A render's error, if any, names one of the templates.
func check(_ rendered: (html: String, problem: Diagnostic?)) {
    if let problem = rendered.problem {
        require(templateNames.contains { problem.file == "Templates/\($0).mustache" }, "render error names \(problem.file)")
    }
}
