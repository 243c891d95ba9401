import Foundation

extension String {
    /// Whether both strings hold the very same UTF-8 bytes. Unlike `==`, which takes canonically
    /// equivalent strings (`é` composed or decomposed) as equal, as the caches of an incremental
    /// build must not.
    /// - Complexity: O(n), a `memcmp` for native strings.
    func hasSameBytes(as other: String) -> Bool {
        var left = self, right = other
        return left.withUTF8 { a in
            right.withUTF8 { b in
                a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }
}
