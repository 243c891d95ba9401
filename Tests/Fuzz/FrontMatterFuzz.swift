// Fuzz target: the load stage. Any bytes as a Markdown file with front matter: SourceFile either
// loads them or throws BuildError; it never crashes or hangs.
import Foundation
@testable import Octavo

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let source = loadSource(fuzzBytes(start, count), path: "guide/page.md") else { return 0 }
    require(!source.body.utf8.contains(13), "body keeps a CR")
    require(!source.body.utf8.contains(0), "body contains NUL")
    require(source.bodyFirstLine >= 1, "bodyFirstLine \(source.bodyFirstLine)")
    let front = source.frontMatter
    require(front.split.allSatisfy { (1...6).contains($0) } && front.split == front.split.sorted(), "split \(front.split)")
    require(front.numbering.isEmpty || front.numbering.count == front.split.count, "numbering \(front.numbering)")
    require(front.unreadKeys.allSatisfy { $0.line >= 2 }, "unread key before line 2")
    return 0
}
