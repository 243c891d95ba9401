/// Reads what ``ByteWriter`` wrote, checking every length against the bytes left: a truncated or
/// damaged file gives `nil`, never a trap, so that a cache that cannot be read is only ignored.
///
/// It reads memory it does not own: use it only inside the `withUnsafeBytes` call that gave the buffer.
struct ByteReader {
    /// The bytes read from.
    let buffer: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var offset: Int

    /// A reader of `buffer` from `offset`.
    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { offset == buffer.count }

    mutating func unsigned() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < buffer.count, shift < 64 {
            let byte = buffer[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int? {
        guard let raw = unsigned() else { return nil }
        let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        return Int(exactly: value)
    }

    /// A number that counts elements of at least one byte each: at least 0, and at most the
    /// bytes left after it (more is damage, not a reason to allocate).
    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= buffer.count - offset else { return nil }
        return value
    }

    mutating func bool() -> Bool? {
        guard offset < buffer.count, buffer[offset] <= 1 else { return nil }
        offset += 1
        return buffer[offset - 1] == 1
    }

    /// The range of the next counted run of bytes (``ByteWriter/append(bytes:)``), skipped.
    mutating func byteRange() -> Range<Int>? {
        guard let count = count() else { return nil }
        offset += count
        return offset - count..<offset
    }

    /// A string; its bytes were valid UTF-8 when written, and bytes that are not are repaired
    /// rather than trusted.
    mutating func string() -> String? {
        guard let range = byteRange() else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let text = string() else { return nil }
        return .some(text)
    }

    mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            result.append(text)
        }
        return result
    }

    /// Whether the next bytes are `expected`; reads past them when they are.
    mutating func expect(_ expected: some Collection<UInt8>) -> Bool {
        guard buffer.count - offset >= expected.count, buffer[offset..<offset + expected.count].elementsEqual(expected) else { return false }
        offset += expected.count
        return true
    }
}
