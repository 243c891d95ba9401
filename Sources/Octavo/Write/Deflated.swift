import Foundation

/// A zip entry's data compressed with deflate, made by ``ZipWriter/deflate(_:)``.
struct Deflated: Sendable {
    /// The CRC-32 of the uncompressed bytes.
    var crc: UInt32
    /// The deflated bytes.
    var compressed: Data
    /// The size of the uncompressed bytes.
    var size: UInt64
}
