// Fuzz target: the load stage. Any bytes as a Markdown file with front matter: SourceFile either
// loads them or throws BuildError; the same bytes as `site.yml` either give settings or a
// BuildError with a line inside the file; nothing crashes or hangs.
import Foundation
@testable import Octavo

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    checkSiteConfig(bytes)
    guard let source = loadSource(bytes, path: "guide/page.md") else { return 0 }
    require(!source.body.utf8.contains(13), "body keeps a CR")
    require(!source.body.utf8.contains(0), "body contains NUL")
    require(source.bodyFirstLine >= 1, "bodyFirstLine \(source.bodyFirstLine)")
    let front = source.frontMatter
    require(front.split.allSatisfy { (1...6).contains($0) } && front.split == front.split.sorted(), "split \(front.split)")
    require(front.unreadKeys.allSatisfy { $0.line >= 2 }, "unread key before line 2")
    require(front.keyLines.values.allSatisfy { $0 >= 2 }, "key line before line 2")
    return 0
}

/// The bytes as `site.yml`: settings, or errors that name the file and a line of it.
func checkSiteConfig(_ bytes: [UInt8]) {
    guard let text = try? SourceFile.decodeInput(bytes, file: "Content/site.yml") else { return }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    do {
        _ = try SiteConfig(yaml: text, file: "Content/site.yml")
    } catch let error as BuildError {
        require(!error.diagnostics.isEmpty, "BuildError without diagnostics")
        for diagnostic in error.diagnostics {
            require(diagnostic.file == "Content/site.yml", "site.yml error names \(diagnostic.file)")
            if let line = diagnostic.line { require(line >= 1 && line <= lines + 1, "site.yml error at line \(line) of \(lines)") }
        }
    } catch {
        require(false, "SiteConfig threw \(type(of: error)), not BuildError: \(error)")
    }
}
