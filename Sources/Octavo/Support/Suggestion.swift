/// "Did you mean …?" for a name a person typed: the known name closest to it by edit distance.
///
/// Used for front matter keys, template variables and transforms, link targets and fragments, and
/// subcommands, so that every message suggests a fix the same way.
public enum Suggestion {
    /// The known name closest to `name`, when it is at most `maxDistance` edits away (or differs
    /// only in letter case); ties go to the first in sorted order, so the answer is the same every time.
    /// - Parameters:
    ///   - name: What the user wrote.
    ///   - known: The names that exist.
    ///   - maxDistance: How many edits (insert, delete, substitute, swap neighbours) still count as
    ///     a typo; by default 2, 1 for names of up to 4 characters and 0 (letter case only) for
    ///     names of 1 or 2 (`b` is not a typo of `id`).
    /// - Returns: The suggestion, or `nil` when nothing is close or `name` itself is known.
    public static func closest(to name: String, among known: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? (name.count <= 2 ? 0 : name.count <= 4 ? 1 : 2)
        var best: (name: String, distance: Int)?
        for candidate in known.sorted() {
            if candidate == name { return nil }
            let distance = candidate.lowercased() == name.lowercased() ? 0 : editDistance(name, candidate)
            if distance <= limit, best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Edit distance (optimal string alignment) counting insertions, deletions, substitutions and
    /// swaps of neighbours as one edit each, by Character.
    /// - Complexity: O(`a.count` × `b.count`).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
