/// A string's UTF-8 bytes as a set element or dictionary key: compared by code unit, as browsers
/// and file systems compare ids and paths (Swift's `String` takes NFC and NFD forms as equal), and
/// hashed in one call over the bytes rather than byte by byte, as `[UInt8]` is.
struct ByteString: Hashable, Sendable {
    /// The bytes.
    let bytes: [UInt8]

    init(_ text: some StringProtocol) {
        bytes = Array(text.utf8)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
