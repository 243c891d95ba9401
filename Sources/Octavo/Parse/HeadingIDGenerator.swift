/// Gives headings ids by GitHub's heading-id rule, unique within one document.
///
/// The rule is github-slugger's (the one github.com applies to READMEs): lower-case the heading's
/// text (with JavaScript's `toLowerCase`, so a final `Σ` becomes `ς`); drop every character whose
/// Unicode general category is a symbol (emoji included), punctuation other than connector
/// punctuation (`_`, `‿`) and `-`, a separator other than the space, a control, a format
/// character (the zero-width joiner U+200D), a private-use or an unassigned code point, or an
/// "other number" (`²`, `①`), unless it is alphabetic (`Ⓐ`); keep letters, marks (combining
/// accents, and variation selectors such as U+FE0F, as GitHub does: `## ⚙️ Setup` gets
/// `%EF%B8%8F-setup`), decimal and letter numbers; turn each space into `-`. A repeated id gets
/// `-1`, `-2` … appended. Where the rule gives an empty id, Octavo uses `section`, so an id is
/// never empty.
public struct HeadingIDGenerator: Sendable {
    private var used: Set<String> = []
    /// For each base, the suffix to try first next time, so that n repeats cost O(n), not O(n²).
    private var nextSuffix: [String: Int] = [:]

    /// Creates a generator with no ids used yet, but for `reserved`: ids that the page around
    /// the headings already uses (see ``TemplateSet/reservedIDs``); a heading that would get one
    /// gets `-1` … appended instead, so that no id appears twice on a page.
    public init(reserving reserved: Set<String> = []) {
        used = reserved
    }

    /// The id of a page's `<h1>` when the page has no heading of its own (its title is used).
    public static let titleID = "octavo.title"

    /// The GitHub slug of `text`, before making it unique, in Unicode NFC.
    ///
    /// A heading typed in decomposed form (`e` + U+0301) gets the same id as one typed composed:
    /// browsers compare ids code point by code point, and link fragments are written in NFC too
    /// (see ``LinkResolver``), so that every link `check` accepts is one a browser follows.
    public static func slug(_ text: String) -> String {
        // ASCII text, most headings: NFC and lower-casing change nothing but A–Z, and of ASCII the
        // rule keeps only letters, digits, `-` and `_`; the space becomes `-`.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    bytes.append(byte)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return slugByScalars(text)
    }

    /// ``slug(_:)`` by the rule, scalar by scalar, for any text (a test compares it with the ASCII path).
    static func slugByScalars(_ text: String) -> String {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == " " {
                result.append("-")
            } else if keeps(scalar) {
                if scalar == "\u{3A3}" {
                    result.append(isFinalSigma(at: index, in: scalars) ? "\u{3C2}" : "\u{3C3}")
                } else {
                    result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
        }
        // Lower-casing (`İ` → `i̇`) and dropped characters can leave sequences NFC composes.
        return String(result).precomposedStringWithCanonicalMapping
    }

    /// Whether github-slugger keeps `scalar` (its generated expression removes the rest).
    static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "-" || scalar.properties.isAlphabetic { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// Unicode's Final_Sigma condition (as JavaScript's `toLowerCase` applies it): a cased letter
    /// comes before the `Σ` and none after it, skipping case-ignorable characters both ways.
    static func isFinalSigma(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        func casedNeighbour(_ indices: some Sequence<Int>) -> Bool {
            for other in indices {
                let properties = scalars[other].properties
                if properties.isCaseIgnorable { continue }
                return properties.isCased
            }
            return false
        }
        return casedNeighbour((0..<index).reversed()) && !casedNeighbour((index + 1)..<scalars.count)
    }

    /// Returns a new id for a heading with this text, unique among the ids this generator gave.
    public mutating func id(for text: String) -> String {
        let slug = Self.slug(text)
        let base = slug.isEmpty ? "section" : slug
        return reserve(base)
    }

    /// Reserves `base`, or `base-1`, `base-2` … when it is taken, and returns the one reserved.
    public mutating func reserve(_ base: String) -> String {
        guard used.contains(base) else {
            used.insert(base)
            return base
        }
        var counter = nextSuffix[base, default: 1]
        var candidate = "\(base)-\(counter)"
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        nextSuffix[base] = counter + 1
        used.insert(candidate)
        return candidate
    }
}
