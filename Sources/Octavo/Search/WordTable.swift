import Foundation

/// The distinct words of one page in the order first seen, found again by an open-addressing
/// table with an FNV-1a hash of their UTF-8: a page looks up every occurrence of every word, and
/// `Dictionary`'s seeded SipHash was most of the search index's time. Words are told apart by their
/// UTF-8 bytes; ``SearchText`` makes every word NFC, so equal words have equal bytes. A word is
/// looked up by its bytes, and a `String` is made only for a word seen for the first time.
struct WordTable {
    /// The words, in the order first seen.
    private(set) var words: [String] = []
    /// Slots of the table: an index into ``words`` plus one, 0 for empty. Power-of-two size.
    private var slots = [Int](repeating: 0, count: 256)
    private var hashes: [UInt64] = []
    /// Every word's UTF-8, one after the other; word `n` ends at `ends[n]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// The number of `word`, adding it when it is new.
    mutating func number(of word: String) -> Int {
        let text = word
        var word = word
        return word.withUTF8 { number(ofUTF8: $0, word: text) }
    }

    /// The number of the word whose UTF-8 is `utf8`, adding it when it is new.
    mutating func number(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int {
        number(ofUTF8: utf8, word: nil)
    }

    /// The FNV-1a hash of a word's UTF-8, as the table finds words by.
    static func hash(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The number of `word`, whose ``hash(ofUTF8:)`` is `hash`, adding it when it is new.
    mutating func number(of word: String, hash: UInt64) -> Int {
        let text = word
        var word = word
        return word.withUTF8 { number(ofUTF8: $0, hash: hash, word: text) }
    }

    /// The number of `utf8`; `word`, when given, is the same word as a `String`.
    private mutating func number(ofUTF8 utf8: UnsafeBufferPointer<UInt8>, word: String?) -> Int {
        number(ofUTF8: utf8, hash: Self.hash(ofUTF8: utf8), word: word)
    }

    /// The number of `utf8`, whose hash is `hash`; `word`, when given, is the same word as a `String`.
    private mutating func number(ofUTF8 utf8: UnsafeBufferPointer<UInt8>, hash: UInt64, word: String?) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if hashes[number] == hash, same(number, utf8) { return number }
            slot = (slot + 1) & mask
        }
        words.append(word ?? String(decoding: utf8, as: UTF8.self))
        bytes.append(contentsOf: utf8)
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = words.count
        if words.count * 2 > slots.count { grow() }
        return words.count - 1
    }

    /// Whether word `number` has the bytes `utf8`.
    private func same(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        guard ends[number] - start == utf8.count else { return false }
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, utf8.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = number + 1
        }
    }
}
