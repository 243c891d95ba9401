extension SearchText {
    /// Whether `a` sorts before `b` by UTF-16 code units, the order of JavaScript's `<` on strings
    /// (ECMA-262, IsLessThan), which the search script's binary search over shard starts assumes.
    ///
    /// Compared by UTF-8 byte, without transcoding: the two orders agree but where a character of
    /// U+E000–U+FFFF (UTF-8 lead byte 0xEE or 0xEF) meets one above U+FFFF (lead 0xF0–0xF4), which
    /// UTF-16 writes with surrogates (0xD800–0xDFFF) and so sorts first. Before the first byte
    /// that differs both strings are the same, so both bytes there start a character, or both go on one.
    static func precedesInUTF16Order(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for index in 0..<min(x.count, y.count) where x[index] != y[index] {
                    let p = x[index], q = y[index]
                    if p >= 0xEE, q >= 0xEE, (p >= 0xF0) != (q >= 0xF0) { return p >= 0xF0 }
                    return p < q
                }
                return x.count < y.count
            }
        }
    }
}
