/// Gives headings ids by GitHub's heading-id rule, unique within one document.
///
/// The rule (as github.com applies it to READMEs): lower-case the heading's text; drop every
/// character that is not a letter, a digit, a space, `-` or `_` (letters and digits of every
/// script are kept); turn each space into `-`. A repeated id gets `-1`, `-2` … appended.
/// Where the rule gives an empty id, Octavo uses `section`, so an id is never empty.
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
    public static let titleID = "title"

    /// The GitHub slug of `text`, before making it unique, in Unicode NFC.
    ///
    /// A heading typed in decomposed form (`e` + U+0301) gets the same id as one typed composed:
    /// browsers compare ids code point by code point, and link fragments are written in NFC too
    /// (see ``LinkResolver``), so that every link `check` accepts is one a browser follows.
    public static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" || properties.isAlphabetic || properties.numericType != nil
                        || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark {
                result.unicodeScalars.append(scalar)
            }
        }
        // Lower-casing (`İ` → `i̇`) and dropped characters can leave sequences NFC composes.
        return result.precomposedStringWithCanonicalMapping
    }

    /// Returns a new id for a heading with this text, unique among the ids this generator gave.
    public mutating func id(for text: String) -> String {
        let base = Self.slug(text).isEmpty ? "section" : Self.slug(text)
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
