import CLibdeflate

/// Deflates bytes held whole in memory with libdeflate: one raw deflate stream (RFC 1951) that
/// ends with them, at libdeflate's level 1, and their CRC-32 (ISO 3309, as zip and zlib compute it).
///
/// libdeflate compresses a buffer in one call. On the 10,000-page corpus's pages and search
/// files (179 MB, each at most 1 MiB) its level 1 took 0.96 s of CPU where zlib's level 1 took
/// 2.14 s, for 53 MB instead of 58 MB. It has no streaming: a file larger than
/// ``ZipWriter/pieceSize`` is still deflated by zlib in pieces that end with a sync flush (see
/// ``ZipWriter/deflate(_:)-(UnsafeRawBufferPointer)``), which libdeflate cannot make.
/// The same bytes give the same output with the same libdeflate; the zip records no level.
enum WholeDeflate {
    /// libdeflate's compression level: 1 is its fastest (0 would store the bytes).
    static let level: Int32 = 1

    /// The compressors not in use: a build makes at most one per thread that deflates at once
    /// (a compressor at level 1 holds some hundred kilobytes of hash tables, too much to make
    /// for each of 10,000 pages).
    private static let idle = Unchecked.Locked([Unchecked.Compressor]())

    /// The deflated bytes and the CRC-32 of `bytes`; `nil` only when libdeflate cannot allocate a
    /// compressor (out of memory).
    static func deflate(_ bytes: UnsafeRawBufferPointer) -> (compressed: [UInt8], crc: UInt32)? {
        guard let compressor = idle.withLock({ $0.popLast() }) ?? libdeflate_alloc_compressor(level).map(Unchecked.Compressor.init) else {
            return nil
        }
        defer { idle.withLock { $0.append(compressor) } }
        let bound = libdeflate_deflate_compress_bound(compressor.pointer, bytes.count)
        let compressed = [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            // The bound is enough for any input, so the call cannot run out of room (it returns 0 then).
            count = libdeflate_deflate_compress(compressor.pointer, bytes.baseAddress, bytes.count, output.baseAddress, bound)
        }
        guard !compressed.isEmpty else { return nil }
        return (compressed, libdeflate_crc32(0, bytes.baseAddress, bytes.count))
    }
}
