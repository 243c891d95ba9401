/// Writes values as compact bytes for a cache file (see `ParseCacheFile`): integers as LEB128
/// variable-length numbers (zigzag for the sign), strings and lists with their length first, so
/// that ``ByteReader`` reads them back without searching for a terminator.
struct ByteWriter {
    /// What was written.
    private(set) var bytes: [UInt8] = []

    /// An empty writer.
    init() {}

    /// Makes room for `count` bytes in all, so that a large file is not copied as it grows.
    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
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
