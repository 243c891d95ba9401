// An Encoder that writes nothing: it feeds what it is given to two hashers, for ``Fingerprint``.
// Every value is preceded by a marker of its kind, its nesting depth and its key, so that no two
// different values of one type feed the same bytes (a nil optional is left out by `encodeIfPresent`).

/// Feeds every value a type encodes, byte for byte, to ``Fingerprint``'s two lanes.
final class FingerprintEncoder: Encoder {
    private var first = Hasher()
    private var second = Hasher()
    /// How deep the value being encoded is nested; part of every marker.
    fileprivate var depth = 0

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init() {
        // The lanes share the process's seed; a different first word makes them two digests.
        second.combine(0x6f63_7461_766f_2121 as UInt64)
    }

    /// The digest of everything fed so far.
    func finish() -> Fingerprint {
        Fingerprint(first: first.finalize(), second: second.finalize())
    }

    /// What a marker says comes next.
    fileprivate enum Kind: UInt64 {
        case keyed = 1, element, single, nilValue, keyedContainer, unkeyedContainer, superEncoder
    }

    fileprivate func mark(_ kind: Kind, depth: Int) {
        let marker = UInt64(truncatingIfNeeded: depth) << 8 | kind.rawValue
        first.combine(marker)
        second.combine(marker)
    }

    fileprivate func mark(_ kind: Kind, depth: Int, key: some CodingKey) {
        mark(kind, depth: depth)
        feedText(key.stringValue)
    }

    /// Feeds a string's UTF-8 bytes and their count.
    func feedText(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            first.combine(bytes: raw)
            second.combine(bytes: raw)
            first.combine(bytes.count)
            second.combine(bytes.count)
        }
    }

    fileprivate func feed<T: FixedWidthInteger>(_ value: T) {
        first.combine(value)
        second.combine(value)
    }

    fileprivate func feed(_ value: Bool) { feed(value ? 1 as UInt8 : 0) }
    fileprivate func feed(_ value: Double) { feed(value.bitPattern) }
    fileprivate func feed(_ value: Float) { feed(value.bitPattern) }

    /// Encodes a value nested one level below `depth`.
    fileprivate func nested(_ value: some Encodable, below depth: Int) throws {
        self.depth = depth + 1
        defer { self.depth = depth }
        try value.encode(to: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        mark(.keyedContainer, depth: depth)
        return KeyedEncodingContainer(Keyed<Key>(encoder: self, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        mark(.unkeyedContainer, depth: depth)
        return Unkeyed(encoder: self, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        Single(encoder: self, depth: depth)
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: FingerprintEncoder
        let depth: Int
        var codingPath: [any CodingKey] { [] }

        private func mark(_ key: Key) { encoder.mark(.keyed, depth: depth, key: key) }

        mutating func encodeNil(forKey key: Key) throws {
            mark(key)
            encoder.mark(.nilValue, depth: depth)
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { mark(key); encoder.feedText(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { mark(key); encoder.feed(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            mark(key)
            try encoder.nested(value, below: depth)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            mark(key)
            encoder.mark(.keyedContainer, depth: depth + 1)
            return KeyedEncodingContainer(Keyed<NestedKey>(encoder: encoder, depth: depth + 1))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            mark(key)
            encoder.mark(.unkeyedContainer, depth: depth + 1)
            return Unkeyed(encoder: encoder, depth: depth + 1)
        }

        mutating func superEncoder() -> any Encoder {
            encoder.mark(.superEncoder, depth: depth)
            encoder.depth = depth + 1
            return encoder
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            mark(key)
            encoder.mark(.superEncoder, depth: depth)
            encoder.depth = depth + 1
            return encoder
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: FingerprintEncoder
        let depth: Int
        var count = 0
        var codingPath: [any CodingKey] { [] }

        init(encoder: FingerprintEncoder, depth: Int) {
            self.encoder = encoder
            self.depth = depth
        }

        private mutating func mark() {
            encoder.mark(.element, depth: depth)
            count += 1
        }

        mutating func encodeNil() throws { mark(); encoder.mark(.nilValue, depth: depth) }
        mutating func encode(_ value: Bool) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: String) throws { mark(); encoder.feedText(value) }
        mutating func encode(_ value: Double) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Float) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int8) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int16) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int32) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int64) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt8) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt16) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt32) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt64) throws { mark(); encoder.feed(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            mark()
            try encoder.nested(value, below: depth)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            mark()
            encoder.mark(.keyedContainer, depth: depth + 1)
            return KeyedEncodingContainer(Keyed<NestedKey>(encoder: encoder, depth: depth + 1))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            mark()
            encoder.mark(.unkeyedContainer, depth: depth + 1)
            return Unkeyed(encoder: encoder, depth: depth + 1)
        }

        mutating func superEncoder() -> any Encoder {
            mark()
            encoder.mark(.superEncoder, depth: depth)
            encoder.depth = depth + 1
            return encoder
        }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: FingerprintEncoder
        let depth: Int
        var codingPath: [any CodingKey] { [] }

        private func mark() { encoder.mark(.single, depth: depth) }

        mutating func encodeNil() throws { mark(); encoder.mark(.nilValue, depth: depth) }
        mutating func encode(_ value: Bool) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: String) throws { mark(); encoder.feedText(value) }
        mutating func encode(_ value: Double) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Float) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int8) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int16) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int32) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: Int64) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt8) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt16) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt32) throws { mark(); encoder.feed(value) }
        mutating func encode(_ value: UInt64) throws { mark(); encoder.feed(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            mark()
            try encoder.nested(value, below: depth)
        }
    }
}
