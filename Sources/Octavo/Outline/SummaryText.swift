/// A page's summary from the text of the paragraph it opens with: its first sentence (see
/// ``summary(of:)``). Which paragraph counts is the outline's rule (`Builder.summary(of:cache:)`).
enum SummaryText {
    /// The most words a summary holds, as Hugo's `summaryLength` (70): a paragraph with no full stop
    /// (one long line, a list written as text) would otherwise make a page's description and its
    /// entry in its parent's list as long as the paragraph.
    static let summaryWordLimit = 70

    /// Full stops of Chinese and Japanese, which end a sentence with no space after them (a
    /// paragraph of such text is one "word" between spaces).
    static let ideographicStops: Set<Character> = ["。", "！", "？", "．"]
    /// Closing brackets and quotes that stay with the sentence an ideographic stop ends (`。」`).
    static let closersAfterStop: Set<Character> = ["」", "』", "）", "〕", "】", "〉", "》", "”", "’", ")"]

    /// The first sentence of a paragraph's text; its first ``summaryWordLimit`` words and `…` when
    /// it is longer. A sentence ends at `.`, `?` or `!` before a word that starts like a sentence
    /// (not after an abbreviation), or at once after an ideographic full stop (``ideographicStops``)
    /// and the closing brackets or quotes right after it.
    static func summary(of text: String) -> String {
        asciiSummary(of: text) ?? characterSummary(of: text)
    }

    /// ``summary(of:)`` read character by character, as any text can be.
    static func characterSummary(of text: String) -> String {
        // Words between single spaces, read only up to the sentence's end (not the whole paragraph).
        func wordAt(_ start: String.Index) -> Substring { text[start..<(text[start...].firstIndex(of: " ") ?? text.endIndex)] }
        var sentence: [Substring] = []
        var start = text.startIndex
        while true {
            let word = wordAt(start)
            guard sentence.count < summaryWordLimit else { return sentence.joined(separator: " ") + " …" }
            // Only text with bytes outside ASCII can hold an ideographic stop.
            if word.utf8.contains(where: { $0 >= 0x80 }), let stop = word.firstIndex(where: { ideographicStops.contains($0) }) {
                var end = word.index(after: stop)
                while end < word.endIndex, closersAfterStop.contains(word[end]) { end = word.index(after: end) }
                sentence.append(word[..<end])
                return sentence.joined(separator: " ")
            }
            sentence.append(word)
            guard word.endIndex < text.endIndex else { break }
            start = text.index(after: word.endIndex)
            guard let last = word.last, ".?!".contains(last) else { continue }
            let next = wordAt(start).first
            // A sentence ends where the next word starts like a sentence, and the word before the
            // stop is no abbreviation ("e.g.", "U.S.", "Dr.", "No.").
            let startsSentence = next.map { $0.isUppercase || $0.isNumber || "“\"‘(".contains($0) } ?? false
            let stem = word.dropLast()
            let abbreviation = last == "." && (stem.contains(".") || (stem.count <= 3 && stem.first?.isUppercase == true && stem.count > 0 && !stem.allSatisfy(\.isUppercase)))
            if startsSentence && !abbreviation { break }
        }
        return sentence.joined(separator: " ")
    }

    /// ``summary(of:)`` read by bytes, where every byte is a character of its own: for a text
    /// whose summary ends within its opening run of ASCII but CR (most text, whatever follows);
    /// `nil` when the summary needs what follows (the characters are then read).
    ///
    /// The last byte of the run is not read as a character either: a combining mark after it
    /// would join it. A space inside the run is then a character of its own (no ASCII character
    /// is a prepended or combining one), and the summary is the text up to the end of its last
    /// word (the words are those between single spaces).
    static func asciiSummary(of text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let run = bytes.firstIndex(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\r") }) ?? bytes.count
            // Bytes before `known` are characters of their own; the text goes on after it when `partial`.
            let partial = run < bytes.count
            let known = partial ? run - 1 : run
            func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
            /// The end of the word from `start`: its space, or the text's end; `nil` past `known`.
            func endOfWord(from start: Int) -> Int? {
                if start < known, let space = bytes[start..<known].firstIndex(of: UInt8(ascii: " ")) { return space }
                return partial ? nil : bytes.count
            }
            var words = 0
            var start = 0
            var end = 0
            while true {
                guard let wordEnd = endOfWord(from: start) else { return nil }
                guard words < summaryWordLimit else { return String(decoding: bytes[..<end], as: UTF8.self) + " …" }
                words += 1
                end = wordEnd
                guard wordEnd < bytes.count else { break }
                let word = bytes[start..<wordEnd]
                start = wordEnd + 1
                guard let last = word.last, last == UInt8(ascii: ".") || last == UInt8(ascii: "?") || last == UInt8(ascii: "!") else { continue }
                guard !partial || start < known else { return nil }
                let next = start < bytes.count && bytes[start] != UInt8(ascii: " ") ? bytes[start] : nil
                let startsSentence = next.map { isUpper($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "(") } ?? false
                let stem = word.dropLast()
                let abbreviation = last == UInt8(ascii: ".") && (stem.contains(UInt8(ascii: "."))
                    || (stem.count <= 3 && stem.first.map(isUpper) == true && !stem.allSatisfy(isUpper)))
                if startsSentence && !abbreviation { break }
            }
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }
}
