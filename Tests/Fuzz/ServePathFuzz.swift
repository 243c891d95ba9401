// Fuzz target: the preview server's request-path mapping. The input is the raw request path; any
// path either maps to segments that stay inside the output folder, or is refused.
import Foundation
@testable import Octavo

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = String(decoding: fuzzBytes(start, count), as: UTF8.self)
    guard case .inside(let segments, _) = ServePath.resolve(path) else { return 0 }
    require(path.utf8.count <= ServePath.maximumLength, "a path of \(path.utf8.count) bytes was accepted")
    for segment in segments {
        require(!segment.isEmpty && segment != "." && segment != "..", "segment \(segment.debugDescription) of \(path.debugDescription)")
        require(!segment.contains("/") && !segment.contains("\\") && !segment.contains("%"), "separator or % in \(segment.debugDescription)")
        require(!segment.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in \(segment.debugDescription)")
        require(segment.utf8.first != UInt8(ascii: "."), "hidden name \(segment.debugDescription) mapped inside")
    }
    // Joined onto a root and normalized as a file system would, the path stays below the root.
    let root = "/srv/site"
    let joined = URL(fileURLWithPath: root).appendingPathComponent(segments.joined(separator: "/")).standardizedFileURL.path
    // By bytes: a segment starting with a combining mark joins the `/` before it into one Character.
    require(joined == root || joined.utf8.starts(with: (root + "/").utf8), "\(path.debugDescription) maps to \(joined)")
    return 0
}
