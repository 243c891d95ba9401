import Foundation

/// How search compares words: the same rule here, where the index is built, and in
/// `Templates/assets/search.js`, where queries are read. Change both together.
///
/// Text is folded (lower case, canonical decomposition, combining marks removed, final `ς` as `σ`),
/// so `Évian` and `evian` are one word; then it is cut into words, runs of letters and digits
/// (Unicode categories L and N). In JavaScript:
/// `s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/ς/g, "σ").match(/[\p{L}\p{N}]+/gu)`.
public enum SearchText {
    /// The folded words of `text`, in order, repeats kept.
    /// - Complexity: O(n) in the length of the text; letters outside ASCII are decomposed once each.
    public static func words(_ text: String) -> [String] {
        var splitter = Splitter()
        return splitter.words(text)
    }

    /// Cuts text into folded words, remembering how each letter outside ASCII folds.
    struct Splitter {
        private var folded: [Unicode.Scalar: String] = [:]

        mutating func words(_ text: String) -> [String] {
            var words: [String] = []
            var current = String.UnicodeScalarView()
            func flush() {
                if !current.isEmpty {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 0x80 {
                    if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                        current.append(scalar)
                    } else if (0x41...0x5A).contains(value) {
                        current.append(Unicode.Scalar(UInt8(value + 0x20)))
                    } else {
                        flush()
                    }
                    continue
                }
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber:
                    current.append(contentsOf: fold(scalar).unicodeScalars)
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    continue  // removed by folding: the word goes on
                default:
                    flush()
                }
            }
            flush()
            return words
        }

        /// The letter or digit lower-cased and decomposed, without its marks.
        private mutating func fold(_ scalar: Unicode.Scalar) -> String {
            if let known = folded[scalar] { return known }
            var result = String.UnicodeScalarView()
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                for part in String(lower).decomposedStringWithCanonicalMapping.unicodeScalars {
                    switch part.properties.generalCategory {
                    case .nonspacingMark, .spacingMark, .enclosingMark: continue
                    default: result.append(part == "\u{03C2}" ? "\u{03C3}" : part)
                    }
                }
            }
            let string = String(result)
            folded[scalar] = string
            return string
        }
    }
}
