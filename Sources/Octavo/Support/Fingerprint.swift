/// A 128-bit digest of a value, byte for byte: what the caches of an incremental build
/// (``BuildCache``) key their results by.
///
/// Strings are digested as their UTF-8 bytes. Swift's own `Hashable` and `==` take canonically
/// equivalent strings (`é` composed or decomposed) as equal, and a cache keyed by them would
/// hand back a page written with the other bytes; a fingerprint tells them apart.
///
/// The digest is two SipHash lanes of Swift's `Hasher`, seeded per process: fingerprints are
/// compared only within the process that made them (the cache lives in memory).
public struct Fingerprint: Hashable, Sendable, Encodable, CustomStringConvertible {
    /// The two 64-bit lanes.
    let first: Int, second: Int

    /// The digest of a value's every stored property (through its `Encodable` conformance, which
    /// the compiler writes, so a property added later is digested too), in declaration order.
    /// - Parameter value: Any value whose encoding says all it is.
    public init(of value: some Encodable) {
        let encoder = FingerprintEncoder()
        // FingerprintEncoder never throws; a value's own `encode(to:)` could.
        do { try value.encode(to: encoder) } catch { encoder.feedText("\u{0}encoding failed: \(error)") }
        self = encoder.finish()
    }

    /// The digest of a sequence of byte strings, each with its length (so that `["ab", "c"]` and
    /// `["a", "bc"]` differ).
    public init(texts: [String]) {
        let encoder = FingerprintEncoder()
        for text in texts { encoder.feedText(text) }
        self = encoder.finish()
    }

    init(first: Int, second: Int) {
        self.first = first
        self.second = second
    }

    /// 32 hexadecimal digits.
    public var description: String {
        func hex(_ lane: Int) -> String {
            let digits = String(UInt64(bitPattern: Int64(lane)), radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(first) + hex(second)
    }
}
