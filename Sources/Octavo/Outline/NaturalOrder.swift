/// The order people expect of titles: letter case ignored, and runs of digits compared as numbers,
/// so `Step 2` comes before `Step 10` (as Finder and most file managers sort).
public enum NaturalOrder {
    /// Whether `a` sorts before `b`. Ties (`a` and `A`, `2` and `02`) are broken by the strings'
    /// bytes, so the order is total and the same on every machine.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let left = runs(a.lowercased()), right = runs(b.lowercased())
        for (x, y) in zip(left, right) where x != y {
            switch (x, y) {
            case let (.number(m), .number(n)):
                // Compared without leading zeros: longer is larger, else digit by digit.
                return m.count != n.count ? m.count < n.count : m.lexicographicallyPrecedes(n)
            case (.number, .text): return true
            case (.text, .number): return false
            case let (.text(s), .text(t)): return s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars)
            }
        }
        if left.count != right.count { return left.count < right.count }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private enum Run: Equatable {
        case text(String)
        /// ASCII digits without leading zeros.
        case number([UInt8])
    }

    private static func runs(_ text: String) -> [Run] {
        var result: [Run] = []
        var digits: [UInt8] = []
        var letters = ""
        func flush() {
            if !letters.isEmpty { result.append(.text(letters)); letters = "" }
            if !digits.isEmpty { result.append(.number(Array(digits.drop { $0 == UInt8(ascii: "0") }))); digits = [] }
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII, (0x30...0x39).contains(scalar.value) {
                if !letters.isEmpty { flush() }
                digits.append(UInt8(scalar.value))
            } else {
                if !digits.isEmpty { flush() }
                letters.unicodeScalars.append(scalar)
            }
        }
        flush()
        return result
    }
}
