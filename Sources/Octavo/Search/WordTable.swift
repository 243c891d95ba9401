/// The distinct words of one page in the order first seen, found again by an open-addressing
/// table with an FNV-1a hash of their UTF-8: a page looks up every occurrence of every word, and
/// `Dictionary`'s seeded SipHash was most of the search index's time. Words are told apart by their
/// UTF-8 bytes; ``SearchText`` makes every word NFC, so equal words have equal bytes.
struct WordTable {
    /// The words, in the order first seen.
    private(set) var words: [String] = []
    /// Slots of the table: an index into ``words`` plus one, 0 for empty. Power-of-two size.
    private var slots = [Int](repeating: 0, count: 256)
    private var hashes: [UInt64] = []

    /// The number of `word`, adding it when it is new.
    mutating func number(of word: String) -> Int {
        var word = word
        let hash = word.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if hashes[number] == hash, words[number].hasSameBytes(as: word) { return number }
            slot = (slot + 1) & mask
        }
        words.append(word)
        hashes.append(hash)
        slots[slot] = words.count
        if words.count * 2 > slots.count { grow() }
        return words.count - 1
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
