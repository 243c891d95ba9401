import Foundation

/// How search compares words: the same rule here, where the index is built, and in
/// `Templates/assets/search.js`, where queries are read. Change both together.
///
/// Each character is lower-cased and canonically decomposed (NFD). A letter or digit (Unicode
/// categories L and N) starts a *unit*; the combining marks (M) after it belong to it, but for a
/// letter of the Latin, Greek or Cyrillic script, whose marks are dropped (`Évian` = `evian`;
/// final `ς` is `σ`). Marks of every other script are kept: `が` is not `か`, and Devanagari or Thai
/// vowel signs stay. Anything else separates words. Each unit and word is then composed again (NFC).
///
/// Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
/// Myanmar; ``isNoSpaceScript(_:)``) are indexed by overlapping bigrams of units, as Lucene's CJK
/// analyzer does, plus each unit alone so that one-character queries work: `土壤和` gives `土`,
/// `土壤`, `壤`, `壤和`, `和`. The script queries a run of two units or more by its bigrams (all of
/// them must match), one unit by itself; these tokens match whole, never as a prefix. Runs of other
/// scripts are words, matched from their start.
public enum SearchText {
    /// The folded words of `text` as the index holds them, in order, repeats kept: each word of a
    /// spaced script, and each unit and bigram of a run of a script without spaces.
    /// - Complexity: O(n) in the length of the text; letters outside ASCII are folded once each.
    public static func words(_ text: String) -> [String] {
        var splitter = Splitter()
        return splitter.words(text)
    }

    /// Whether a letter belongs to a script written without spaces between words (Han, Hiragana,
    /// Katakana, Thai, Lao, Khmer, Myanmar), by Unicode block; `NO_SPACE` of search.js has the same ranges.
    public static func isNoSpaceScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x19E0...0x19FF, 0x2E80...0x2FDF, 0x3005...0x3007,
             0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA9E0...0xA9FF, 0xAA60...0xAA7F, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x1B000...0x1B16F,
             0x20000...0x3FFFF:
            true
        default:
            false
        }
    }

    /// Whether a letter is of the Latin, Greek or Cyrillic script (by Unicode block), whose
    /// combining marks folding drops; `FOLDS` of search.js has the same ranges.
    public static func dropsMarks(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x02AF, 0x0370...0x052F, 0x1C80...0x1C8F, 0x1D00...0x1DBF, 0x1E00...0x1FFF, 0x2C60...0x2C7F,
             0x2DE0...0x2DFF, 0xA640...0xA69F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06, 0xFF21...0xFF5A:
            true
        default:
            false
        }
    }

    /// Cuts text into folded words, remembering how each letter outside ASCII folds.
    struct Splitter {
        private var folded: [Unicode.Scalar: [Unicode.Scalar]] = [:]

        mutating func words(_ text: String) -> [String] {
            var words: [String] = []
            forEachWord(text) { words.append(String(decoding: $0, as: UTF8.self)) }
            return words
        }

        /// Calls `body` with the UTF-8 of each of ``words(_:)``, in order, without making a
        /// `String` of a word that needs no composing (most words): the search index looks each
        /// one up by its bytes (``WordTable/number(ofUTF8:)``).
        mutating func forEachWord(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var text = text
            text.makeContiguousUTF8()
            if text.utf8.withContiguousStorageIfAvailable({ words(utf8: $0, body) }) == nil {
                Array(text.utf8).withUnsafeBufferPointer { words(utf8: $0, body) }
            }
        }

        /// The words of valid UTF-8, each handed to `body`. A word is kept as UTF-8 bytes, and
        /// ASCII (most text) is read byte by byte without making a scalar.
        private mutating func words(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var word: [UInt8] = []
            var units: [String.UnicodeScalarView] = []
            // The script of the unit the next mark would join: nil after a separator.
            var open: (dropsMarks: Bool, noSpace: Bool)?
            func emit(_ text: String) {
                var text = text
                text.withUTF8 { body($0) }
            }
            func flushWord() {
                guard !word.isEmpty else { return }
                // Scalars below U+0300 (lead and continuation bytes below 0xCC) never compose.
                if word.allSatisfy({ $0 < 0xCC }) {
                    word.withUnsafeBufferPointer { body($0) }
                } else {
                    emit(Self.composed(word))
                }
                word.removeAll(keepingCapacity: true)
            }
            func flushUnits() {
                guard !units.isEmpty else { return }
                let composed = units.map(Self.composed)
                for (index, unit) in composed.enumerated() {
                    emit(unit)
                    if index + 1 < composed.count { emit(unit + composed[index + 1]) }
                }
                units = []
            }
            func base(_ scalar: Unicode.Scalar) {
                let noSpace = SearchText.isNoSpaceScript(scalar)
                if noSpace {
                    flushWord()
                    units.append(String.UnicodeScalarView([scalar]))
                } else {
                    flushUnits()
                    UTF8.encode(scalar == "\u{03C2}" ? "\u{03C3}" : scalar) { word.append($0) }
                }
                open = (SearchText.dropsMarks(scalar), noSpace)
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    // An ASCII letter or digit is of a script that drops marks and uses spaces; a
                    // run of them is read at once.
                    if Self.isLetterOrDigit(byte) {
                        if !units.isEmpty { flushUnits() }
                        var end = index + 1
                        var upper = (0x41...0x5A).contains(byte)
                        while end < bytes.count, Self.isLetterOrDigit(bytes[end]) {
                            if (0x41...0x5A).contains(bytes[end]) { upper = true }
                            end += 1
                        }
                        open = (true, false)
                        // A whole word of lower-case letters and digits (most words: an ASCII
                        // separator or the end follows) is handed on as the text's own bytes.
                        if word.isEmpty, !upper, end == bytes.count || bytes[end] < 0x80 {
                            body(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                        } else {
                            for letter in bytes[index..<end] { word.append((0x41...0x5A).contains(letter) ? letter + 0x20 : letter) }
                        }
                        index = end
                    } else {
                        index += 1
                        flushWord()
                        flushUnits()
                        open = nil
                    }
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                for part in fold(Unicode.Scalar(value) ?? "\u{FFFD}") {
                    switch part.properties.generalCategory {
                    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                         .decimalNumber, .letterNumber, .otherNumber:
                        base(part)
                    case .nonspacingMark, .spacingMark, .enclosingMark:
                        guard let current = open, !current.dropsMarks else { continue }
                        if current.noSpace { units[units.count - 1].append(part) } else { UTF8.encode(part) { word.append($0) } }
                    default:
                        flushWord()
                        flushUnits()
                        open = nil
                    }
                }
            }
            flushWord()
            flushUnits()
        }

        /// Whether an ASCII byte is a letter or a digit.
        private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
        }

        /// NFC of a word in UTF-8; scalars below U+0300 (lead and continuation bytes below 0xCC)
        /// never compose, so most words skip it.
        private static func composed(_ bytes: [UInt8]) -> String {
            let text = String(decoding: bytes, as: UTF8.self)
            return bytes.allSatisfy { $0 < 0xCC } ? text : text.precomposedStringWithCanonicalMapping
        }

        /// NFC of a unit; scalars below U+0300 never compose.
        private static func composed(_ scalars: String.UnicodeScalarView) -> String {
            let text = String(scalars)
            return scalars.allSatisfy { $0.value < 0x300 } ? text : text.precomposedStringWithCanonicalMapping
        }

        /// The character lower-cased and decomposed (NFD).
        private mutating func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
            if let known = folded[scalar] { return known }
            let result = Array(scalar.properties.lowercaseMapping.decomposedStringWithCanonicalMapping.unicodeScalars)
            folded[scalar] = result
            return result
        }
    }
}
