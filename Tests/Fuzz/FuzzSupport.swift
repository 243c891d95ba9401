// Shared by every fuzz target (compiled into each binary by build.sh; SwiftPM never sees it).
import Foundation
@testable import Octavo

/// The fuzzer's input as bytes.
func fuzzBytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: start, count: count))
}

/// Stops the fuzzer with a message when an invariant does not hold; libFuzzer saves the input.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data(("invariant failed: " + message() + "\n").utf8))
        abort()
    }
}

/// Loads a source file, returning `nil` for input that the load stage rejects with a BuildError
/// (the documented way to fail); any other error is a bug.
func loadSource(_ bytes: [UInt8], path: String) -> SourceFile? {
    do {
        return try SourceFile(bytes: bytes, path: path, displayPath: "Content/" + path)
    } catch let error as BuildError {
        require(!error.diagnostics.isEmpty, "BuildError without diagnostics")
        return nil
    } catch {
        require(false, "SourceFile threw \(type(of: error)), not BuildError: \(error)")
        return nil
    }
}

/// Parses a loaded file as Pipeline does.
func parseInput(_ source: SourceFile, reserving reserved: Set<String> = []) -> Outliner.Input {
    var ids = HeadingIDGenerator(reserving: reserved)
    return Outliner.Input(source: source, markdown: MarkdownParser().parse(source.body, ids: &ids))
}

/// Checks what the outline and link stages promise about a site.
func checkSite(_ site: Site, _ resolution: LinkResolver.Resolution) {
    var paths = Set<String>()
    for page in site.pages {
        require(paths.insert(page.path).inserted, "two pages at \(page.path)")
        require(page.path.hasSuffix("index.html"), "page path \(page.path) does not name index.html")
        let segments = page.path.split(separator: "/", omittingEmptySubsequences: false)
        require(!segments.contains { $0.isEmpty || $0 == "." || $0 == ".." }, "page path \(page.path) has an empty, . or .. segment")
        require(Set(page.anchors).count == page.anchors.count, "repeated anchor on \(page.path): \(page.anchors)")
        require(!page.anchors.contains(""), "empty anchor on \(page.path)")
    }
    require(resolution.targets.count == site.documents.count, "one list of targets per document")
    for (document, targets) in zip(site.documents, resolution.targets) {
        require(targets.count == document.links.count, "one target per link in \(document.path)")
        for target in targets {
            if case .page(let index, let fragment) = target {
                require(site.pages.indices.contains(index), "link to page \(index) of \(site.pages.count)")
                // `title` is the id of the `<h1>` the layout makes for a page without a heading.
                if let fragment, !(fragment == HeadingIDGenerator.titleID && site.pages[index].heading == nil) {
                    require(site.pages[index].anchors.contains(fragment),
                            "link resolved to \(site.pages[index].path)#\(fragment), which has no such id")
                }
            }
        }
    }
}
