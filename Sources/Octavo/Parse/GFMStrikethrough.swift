/// Finds strikethrough (GitHub Flavored Markdown 0.29, §6.5) among the inline children of one node
/// of cmark's tree: text wrapped in a matching pair of one or two tildes (`~x~`, `~~x~~`).
///
/// A run of tildes opens when left-flanking and closes when right-flanking, as emphasis delimiters
/// do (CommonMark 0.30, §6.2); a run of three or more is text. A closer pairs with the nearest
/// opener of the same length, and openers between the two are dropped, so pairs nest.
enum GFMStrikethrough {
    /// One inline child, as far as tildes need to know.
    enum Piece: Sendable, Equatable {
        /// A text node's literal.
        case text(String)
        /// A soft or hard line break: white space to its neighbours.
        case lineBreak
        /// Any other inline (emphasis, code, link …): neither white space nor punctuation to its neighbours.
        case other
    }

    /// A tilde run in a text piece: the piece's index and the run's UTF-8 byte range in it.
    struct Delimiter: Sendable, Equatable {
        var piece: Int
        var range: Range<Int>
    }

    /// The pairs of matching delimiters, in the order their closers appear.
    /// - Complexity: O(n) in the length of the texts.
    static func pairs(in pieces: [Piece]) -> [(open: Delimiter, close: Delimiter)] {
        // One stack per run length (1 and 2), each opener with its order among all openers, so that
        // a closer finds its opener in O(1) and n unmatched runs cost O(n), not O(n²).
        var openers: [[(delimiter: Delimiter, order: Int)]] = [[], []]
        var count = 0
        var result: [(open: Delimiter, close: Delimiter)] = []
        for (index, piece) in pieces.enumerated() {
            guard case .text(let text) = piece, text.containsByte(UInt8(ascii: "~")) else { continue }
            let scalars = Array(text.unicodeScalars)
            var offsets: [Int] = []  // the UTF-8 offset of each scalar, and the end
            var offset = 0
            for scalar in scalars { offsets.append(offset); offset += String(scalar).utf8.count }
            offsets.append(offset)
            var position = 0
            while position < scalars.count {
                guard scalars[position] == "~" else { position += 1; continue }
                var end = position
                while end < scalars.count, scalars[end] == "~" { end += 1 }
                defer { position = end }
                guard end - position <= 2 else { continue }
                let before = position > 0 ? Neighbour(scalars[position - 1]) : Neighbour(pieces, index - 1, lastScalar: true)
                let after = end < scalars.count ? Neighbour(scalars[end]) : Neighbour(pieces, index + 1, lastScalar: false)
                let leftFlanking = !after.isSpace && (!after.isPunctuation || before.isSpace || before.isPunctuation)
                let rightFlanking = !before.isSpace && (!before.isPunctuation || after.isSpace || after.isPunctuation)
                let delimiter = Delimiter(piece: index, range: offsets[position]..<offsets[end])
                let length = delimiter.range.count - 1
                if rightFlanking, let match = openers[length].popLast() {
                    result.append((match.delimiter, delimiter))
                    // Openers of the other length after the match lie between the pair: dropped.
                    while let top = openers[1 - length].last, top.order > match.order { openers[1 - length].removeLast() }
                } else if leftFlanking {
                    openers[length].append((delimiter, count))
                    count += 1
                }
            }
        }
        return result
    }

    /// What is next to a tilde run: a character, a neighbouring inline, or the start or end of the parent.
    private struct Neighbour {
        var isSpace: Bool
        var isPunctuation: Bool

        init(_ scalar: Unicode.Scalar) {
            isSpace = Self.isSpace(scalar)
            isPunctuation = Self.isPunctuation(scalar)
        }

        init(_ pieces: [Piece], _ index: Int, lastScalar: Bool) {
            guard pieces.indices.contains(index) else { self.init(isSpace: true, isPunctuation: false); return }
            switch pieces[index] {
            case .lineBreak: self.init(isSpace: true, isPunctuation: false)
            case .other: self.init(isSpace: false, isPunctuation: false)
            case .text(let text):
                let scalar = lastScalar ? text.unicodeScalars.last : text.unicodeScalars.first
                self.init(isSpace: scalar.map(Self.isSpace) ?? true, isPunctuation: scalar.map(Self.isPunctuation) ?? false)
            }
        }

        init(isSpace: Bool, isPunctuation: Bool) {
            self.isSpace = isSpace
            self.isPunctuation = isPunctuation
        }

        /// Unicode white space as CommonMark 0.30 counts it: category Zs, tab, line feed, form feed, carriage return.
        static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            ["\t", "\n", "\u{0C}", "\r"].contains(scalar) || scalar.properties.generalCategory == .spaceSeparator
        }

        /// Punctuation as CommonMark 0.30 counts it: ASCII punctuation or Unicode categories Pc, Pd, Pe, Pf, Pi, Po, Ps.
        static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return (0x21...0x2F).contains(scalar.value) || (0x3A...0x40).contains(scalar.value) || (0x5B...0x60).contains(scalar.value) || (0x7B...0x7E).contains(scalar.value) }
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .closePunctuation, .finalPunctuation, .initialPunctuation, .otherPunctuation, .openPunctuation: return true
            default: return false
            }
        }
    }
}
