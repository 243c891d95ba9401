/// Writes values as compact bytes for a cache file (see `ParseCacheFile`): integers as LEB128
/// variable-length numbers (zigzag for the sign), strings and lists with their length first, so
/// that ``ByteReader`` reads them back without searching for a terminator.
struct ByteWriter {
    /// What was written (since the last ``flush()`` when there is a ``sink``).
    private(set) var bytes: [UInt8] = []
    /// Where ``flushIfFull()`` hands the bytes once it holds ``flushSize`` or more, so that a large
    /// document goes to its file as it is encoded instead of being held whole; `nil`: all are held.
    var sink: FileSink?
    /// Bytes already handed to ``sink``.
    private(set) var flushed = 0
    /// How many bytes ``flushIfFull()`` lets gather before it hands them on (1 MiB).
    static let flushSize = 1 << 20

    /// Every byte written: those handed to ``sink`` and those held.
    var count: Int { flushed + bytes.count }

    /// An empty writer.
    init() {}

    /// Makes room for `count` bytes in all, so that a large file is not copied as it grows.
    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// Hands the bytes held to ``sink`` when they are ``flushSize`` or more (called between the
    /// blocks of a document, so that nothing is checked on every byte).
    mutating func flushIfFull() {
        if sink != nil, bytes.count >= Self.flushSize { flush() }
    }

    /// Hands every byte held to ``sink``, if there is one.
    mutating func flush() {
        guard let sink else { return }
        sink.write(bytes)
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// A count as ``append(_:)-(Int)`` writes it, but always in 10 bytes (the 7-bit groups after the
    /// last that matters are zeros, which ``ByteReader`` reads as it reads any other), so that it
    /// can be written before the bytes it counts and filled in once they are.
    static func paddedCount(_ value: Int) -> [UInt8] {
        var zigzag = UInt64(bitPattern: (Int64(value) << 1) ^ (Int64(value) >> 63))
        var result: [UInt8] = []
        for _ in 0..<9 {
            result.append(UInt8(truncatingIfNeeded: zigzag & 0x7F) | 0x80)
            zigzag >>= 7
        }
        result.append(UInt8(truncatingIfNeeded: zigzag & 0x7F))
        return result
    }

    /// Writes an unsigned number in 1 to 10 bytes, 7 bits a byte, low bits first.
    mutating func append(unsigned value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Writes a number; small magnitudes of either sign take one byte (zigzag).
    mutating func append(_ value: Int) {
        let signed = Int64(value)
        append(unsigned: UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func append(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Writes a string's UTF-8 bytes after their count.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ text: String?) {
        append(text != nil)
        if let text { append(text) }
    }

    mutating func append(_ texts: [String]) {
        append(texts.count)
        for text in texts { append(text) }
    }

    /// Writes raw bytes after their count.
    mutating func append(bytes other: UnsafeRawBufferPointer) {
        append(other.count)
        bytes.append(contentsOf: other)
    }

    /// Writes raw bytes as they are, without their count (a header, a piece of an earlier file).
    mutating func appendRaw(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func appendRaw(_ other: ArraySlice<UInt8>) {
        other.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
