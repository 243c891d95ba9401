import Foundation

/// A value written out byte for byte, for the caches of an incremental build (`BuildCache`): two
/// keys are equal only when the values they were made of have the same bytes in every field.
///
/// Not a hash, so no two different values can share a key; and strings count by their UTF-8 bytes,
/// where Swift's `==` and `Hashable` take canonically equivalent strings (`é` composed, or `e` and
/// a combining accent) as equal, and a cache keyed by them would hand back a page written with the
/// other bytes. Every string and list is written with its length, every optional with a tag, so
/// that no two values of one type write the same bytes.
public struct CacheKey: Equatable, Sendable {
    /// What was written.
    private(set) var bytes: [UInt8] = []

    /// An empty key.
    public init() {}

    /// Two keys are equal when they hold the same bytes.
    /// - Complexity: O(n), a `memcmp`.
    public static func == (left: CacheKey, right: CacheKey) -> Bool {
        left.bytes.count == right.bytes.count && left.bytes.withUnsafeBytes { a in
            right.bytes.withUnsafeBytes { b in a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    mutating func append(_ value: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            append(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func append(_ text: String?) {
        append(text != nil)
        if let text { append(text) }
    }

    mutating func append(_ value: Int?) {
        append(value != nil)
        if let value { append(value) }
    }

    mutating func append(_ values: [Int]) {
        append(values.count)
        for value in values { append(value) }
    }

    mutating func append(_ texts: [String]) {
        append(texts.count)
        for text in texts { append(text) }
    }

    mutating func append(_ value: some CacheKeyed) {
        value.append(to: &self)
    }

    mutating func append(_ value: (some CacheKeyed)?) {
        append(value != nil)
        if let value { value.append(to: &self) }
    }

    mutating func append(_ values: [some CacheKeyed]) {
        append(values.count)
        for value in values { value.append(to: &self) }
    }
}
