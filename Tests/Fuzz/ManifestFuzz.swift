// Fuzz target: the manifest reader. Any bytes as `.octavo-manifest`: OutputManifest.read never
// crashes, every path it trusts is safe to remove inside the output folder (relative, no empty, `.`
// or `..` segment), and a manifest it reads as current encodes back to bytes that read the same.
import Foundation
@testable import Octavo

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    let paths: Set<String>
    switch OutputManifest.read(bytes) {
    case .current(let manifest):
        paths = manifest.files
        let again = OutputManifest.read(manifest.encoded())
        require(again == .current(manifest), "encoded manifest reads back as \(again)")
    case .legacy(let files):
        paths = files
    case .damaged(let reason):
        require(!reason.isEmpty, "damaged without a reason")
        paths = []
    }
    for path in paths {
        require(!path.hasPrefix("/"), "absolute path \(path.debugDescription)")
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        require(!segments.contains { $0.isEmpty || $0 == "." || $0 == ".." }, "unsafe path \(path.debugDescription)")
        require(!path.utf8.contains(0), "NUL in \(path.debugDescription)")
        require(path != OutputWriter.manifestName, "the manifest lists itself")
    }
    return 0
}
