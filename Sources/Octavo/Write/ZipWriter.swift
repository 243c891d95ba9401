import Foundation
import ZIPFoundation
#if canImport(CZlib)
import CZlib
#endif

/// Writes a zip file (PKWARE APPNOTE 6.3.x) in one pass: each entry's local header and data are
/// appended once, and the central directory is written once at the end.
///
/// ZIPFoundation 0.9's `Archive.addEntry` reads and rewrites the whole central directory on every
/// entry, which made a 10,000-page bundle take over a minute (quadratic in the number of entries).
/// This type keeps ZIPFoundation for what a library should do (deflate and CRC-32 through zlib) and
/// only lays out the records. Entries are written in the order given; names are UTF-8 and flagged
/// so (general purpose bit 11); every entry has the same MS-DOS date and time; files are deflated,
/// folders stored. No ZIP64: at most 65,535 entries and 4 GiB.
final class ZipWriter {
    private let handle: FileHandle
    /// The bytes written so far, counting those still in ``pending``.
    private var offset: UInt64 = 0
    /// Bytes not yet handed to the file: records are gathered up to ``bufferSize`` bytes, since a
    /// write call for each header and each file's data was a third of a 10,000-page zip's time.
    private var pending = Data()
    /// How many bytes ``pending`` gathers before they are written.
    private static let bufferSize = 1 << 20
    private var central = Data()
    private var count = 0
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// The largest number of entries and of bytes a zip without ZIP64 records can hold.
    static let maxEntries = 65_535
    static let maxBytes: UInt64 = 0xFFFF_FFFF

    /// Errors that name what does not fit.
    enum Failure: Error { case tooManyEntries, tooLarge, unreadable(String) }

    /// Creates (or truncates) the file at `url`.
    /// - Parameter date: The modification time of every entry, 1980-01-01 to 2107-12-31 UTC.
    init(url: URL, date: Date) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw Failure.unreadable(url.path) }
        handle = try FileHandle(forWritingTo: url)
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        dosTime = UInt16(parts.tm_hour << 11 | parts.tm_min << 5 | parts.tm_sec / 2)
        dosDate = UInt16(max(0, Int(parts.tm_year) + 1900 - 1980) << 9 | Int(parts.tm_mon + 1) << 5 | Int(parts.tm_mday))
    }

    deinit { try? handle.close() }

    /// Adds a folder entry (`name` ends with `/`), stored, with Unix permissions `permissions`.
    func addFolder(_ name: String, permissions: UInt16 = 0o755) throws {
        try add(name, method: 0, crc: 0, compressed: Data(), size: 0, mode: UInt16(S_IFDIR) | permissions)
    }

    /// Adds a file entry with the given bytes.
    func addFile(_ name: String, bytes: Data, permissions: UInt16 = 0o644) throws {
        try addFile(name, deflated: Self.deflate(bytes), permissions: permissions)
    }

    /// Adds a file entry whose bytes ``deflate(_:)`` compressed, perhaps on another thread.
    func addFile(_ name: String, deflated: Deflated, permissions: UInt16 = 0o644) throws {
        try add(name, method: 8, crc: deflated.crc, compressed: deflated.compressed, size: deflated.size, mode: UInt16(S_IFREG) | permissions)
    }

    /// Bytes compressed with deflate (RFC 1951, through ZIPFoundation and zlib), with their CRC-32
    /// and size: what an entry needs besides its name. A pure function of the bytes, so entries can
    /// be compressed on all cores and written in order.
    static func deflate(_ bytes: Data) throws -> Deflated {
        #if canImport(CZlib)
        try deflate([UInt8](bytes))
        #else
        if bytes.count <= pieceSize {
            guard let whole = bytes.withUnsafeBytes(WholeDeflate.deflate) else { throw Failure.unreadable("libdeflate") }
            return Deflated(crc: whole.crc, compressed: Data(whole.compressed), size: UInt64(bytes.count))
        }
        var compressed = Data()
        let crc = try Data.compress(size: Int64(bytes.count), bufferSize: 1 << 16, provider: { position, size in
            bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
        }, consumer: { compressed.append($0) })
        return Deflated(crc: crc, compressed: compressed, size: UInt64(bytes.count))
        #endif
    }

    /// Bytes longer than this are deflated in pieces of this many bytes on all cores, where zlib
    /// is imported (as `pigz` does), so that one large file (the print edition of a 10,000-page
    /// site is 64 MB) does not keep one core busy while the others wait.
    static let pieceSize = 1 << 20

    #if canImport(CZlib)
    /// ``deflate(_:)-(UnsafeRawBufferPointer)`` of the first `size` bytes of the open file
    /// `descriptor`, read a piece at a time on the thread that deflates it: only the pieces being
    /// deflated and the compressed ones are in memory, never the file whole (the print edition
    /// of a 10,000-page site is 64 MB) unless it is one piece. The same bytes give the same output
    /// as in memory.
    static func deflate(contentsOf descriptor: Int32, size: Int) throws -> Deflated {
        guard size > pieceSize else {
            var bytes = [UInt8](repeating: 0, count: size)
            guard bytes.withUnsafeMutableBytes({ FileDescriptor.readAll(descriptor, $0, at: 0) }) else {
                throw Failure.unreadable("a staged file")
            }
            return try deflate(bytes)
        }
        let count = (size + pieceSize - 1) / pieceSize
        var pieces = [Result<(compressed: [UInt8], crc: UInt32), Error>?](repeating: nil, count: count)
        pieces.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let start = index * pieceSize
                var piece = [UInt8](repeating: 0, count: min(pieceSize, size - start))
                output.buffer[index] = Result {
                    guard piece.withUnsafeMutableBytes({ FileDescriptor.readAll(descriptor, $0, at: Int64(start)) }) else {
                        throw Failure.unreadable("a staged file")
                    }
                    return try piece.withUnsafeBytes { try deflatePiece($0, last: index == count - 1) }
                }
            }
        }
        return try joined(pieces, size: size)
    }

    /// The pieces of one deflate stream put end to end, their CRC-32s combined.
    private static func joined(_ pieces: [Result<(compressed: [UInt8], crc: UInt32), Error>?], size: Int) throws -> Deflated {
        var compressed = Data()
        compressed.reserveCapacity(pieces.reduce(0) { $0 + ((try? $1?.get())?.compressed.count ?? 0) })
        var crc: UInt = 0
        for (index, piece) in pieces.enumerated() {
            guard let piece = try piece?.get() else { throw Failure.unreadable("zlib") }
            compressed.append(contentsOf: piece.compressed)
            let length = min(pieceSize, size - index * pieceSize)
            crc = crc32_combine(crc, UInt(piece.crc), off_t(length))
        }
        return Deflated(crc: UInt32(crc), compressed: compressed, size: UInt64(size))
    }

    /// ``deflate(_:)-(Data)`` of bytes in an array, without copying them first.
    static func deflate(_ bytes: [UInt8]) throws -> Deflated {
        try bytes.withUnsafeBytes { try deflate($0) }
    }

    /// ``deflate(_:)-(Data)`` of bytes in memory, without copying them first. Bytes of at most
    /// ``pieceSize`` (every page of a site) are deflated whole by libdeflate (see ``WholeDeflate``).
    /// Larger ones go through zlib: the pieces of ``pieceSize`` bytes are deflated apart, each but
    /// the last ending on a byte boundary with an empty stored block (`Z_SYNC_FLUSH`), so that put
    /// end to end they make one deflate stream; their CRC-32s are combined. The same bytes give
    /// the same output on any number of cores.
    static func deflate(_ bytes: UnsafeRawBufferPointer) throws -> Deflated {
        guard bytes.count > pieceSize else {
            guard let whole = WholeDeflate.deflate(bytes) else { throw Failure.unreadable("libdeflate") }
            return Deflated(crc: whole.crc, compressed: Data(whole.compressed), size: UInt64(bytes.count))
        }
        let count = (bytes.count + pieceSize - 1) / pieceSize
        var pieces = [Result<(compressed: [UInt8], crc: UInt32), Error>?](repeating: nil, count: count)
        pieces.withUnsafeMutableBufferPointer { buffer in
            let output = Unchecked.Buffer(buffer)
            let input = Unchecked.Box(bytes)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let start = index * pieceSize
                let piece = UnsafeRawBufferPointer(rebasing: input.value[start..<min(start + pieceSize, input.value.count)])
                output.buffer[index] = Result { try deflatePiece(piece, last: index == count - 1) }
            }
        }
        return try joined(pieces, size: bytes.count)
    }

    /// One piece of a deflate stream (raw, RFC 1951) and the CRC-32 of its bytes; the last piece
    /// ends the stream, the others end with a sync flush.
    private static func deflatePiece(_ bytes: UnsafeRawBufferPointer, last: Bool) throws -> (compressed: [UInt8], crc: UInt32) {
        // zlib itself (the library ZIPFoundation wraps), at level 1: ZIPFoundation's `compress`
        // deflates at level 6 and zeroes a 64 KiB buffer per call. On the 1,000-page corpus the
        // zip added 18% to a build that way and adds 8% so; the zip is 7.1 MB instead of 6.0 MB.
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.unreadable("zlib")
        }
        defer { deflateEnd(&stream) }
        // deflateBound is for a finished stream; a sync flush adds at most an empty stored block
        // (5 bytes) and the bits before it.
        let bound = Int(deflateBound(&stream, UInt(bytes.count))) + 16
        var output = [UInt8](repeating: 0, count: bound)
        let status = output.withUnsafeMutableBufferPointer { target in
            // zlib only reads the input; its C type lacks the `const` (ZLIB_CONST is not defined).
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(bytes.count)
            stream.next_out = target.baseAddress
            stream.avail_out = UInt32(target.count)
            return CZlib.deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
        }
        guard status == (last ? Z_STREAM_END : Z_OK), stream.avail_in == 0, stream.avail_out > 0 else { throw Failure.unreadable("zlib") }
        output.removeSubrange(Int(stream.total_out)...)
        let crc = UInt32(CZlib.crc32(0, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count)))
        return (output, crc)
    }
    #endif

    /// Adds a file entry with the bytes of the file at `source`, read in chunks.
    func addFile(_ name: String, copying source: URL, permissions: UInt16 = 0o644) throws {
        guard let size = FileStream.size(source.path), let input = FileHandle(forReadingAtPath: source.path) else {
            throw Failure.unreadable(source.path)
        }
        defer { try? input.close() }
        // The local header needs the CRC and sizes, known only after the data: write a
        // placeholder, the data, then the header again in place.
        let start = offset
        let header = localHeader(name, method: 8, crc: 0, compressedSize: 0, size: UInt64(size))
        try write(header)
        var written: UInt64 = 0
        let crc = try Data.compress(size: Int64(size), bufferSize: FileStream.chunkSize, provider: { _, chunk in
            try input.read(upToCount: chunk) ?? Data()
        }, consumer: { data in
            try self.write(data)
            written += UInt64(data.count)
        })
        try flush()
        try handle.seek(toOffset: start)
        try handle.write(contentsOf: localHeader(name, method: 8, crc: crc, compressedSize: written, size: UInt64(size)))
        try handle.seekToEnd()
        try record(name, method: 8, crc: crc, compressedSize: written, size: UInt64(size), mode: UInt16(S_IFREG) | permissions, at: start)
    }

    /// Writes the central directory and the end record, and closes the file.
    func finish() throws {
        guard count <= Self.maxEntries else { throw Failure.tooManyEntries }
        let start = offset
        try write(central)
        var end = Data()
        end.append(le32: 0x0605_4B50)
        end.append(le16: 0)  // this disk
        end.append(le16: 0)  // disk of the central directory
        end.append(le16: UInt16(count))
        end.append(le16: UInt16(count))
        end.append(le32: UInt32(central.count))
        end.append(le32: UInt32(start))
        end.append(le16: 0)  // comment length
        try write(end)
        try flush()
        try handle.close()
    }

    private func add(_ name: String, method: UInt16, crc: UInt32, compressed: Data, size: UInt64, mode: UInt16) throws {
        let start = offset
        try write(localHeader(name, method: method, crc: crc, compressedSize: UInt64(compressed.count), size: size))
        try write(compressed)
        try record(name, method: method, crc: crc, compressedSize: UInt64(compressed.count), size: size, mode: mode, at: start)
    }

    private func localHeader(_ name: String, method: UInt16, crc: UInt32, compressedSize: UInt64, size: UInt64) -> Data {
        var data = Data()
        data.append(le32: 0x0403_4B50)
        data.append(le16: 20)        // version needed: 2.0 (deflate, folders)
        data.append(le16: 1 << 11)   // names are UTF-8
        data.append(le16: method)
        data.append(le16: dosTime)
        data.append(le16: dosDate)
        data.append(le32: crc)
        data.append(le32: UInt32(truncatingIfNeeded: compressedSize))
        data.append(le32: UInt32(truncatingIfNeeded: size))
        data.append(le16: UInt16(name.utf8.count))
        data.append(le16: 0)         // extra field length
        data.append(contentsOf: Array(name.utf8))
        return data
    }

    private func record(_ name: String, method: UInt16, crc: UInt32, compressedSize: UInt64, size: UInt64, mode: UInt16, at start: UInt64) throws {
        guard offset <= Self.maxBytes, compressedSize <= Self.maxBytes, size <= Self.maxBytes else { throw Failure.tooLarge }
        count += 1
        central.append(le32: 0x0201_4B50)
        central.append(le16: 3 << 8 | 20)  // made by: Unix, 2.0, so the external attributes hold the mode
        central.append(le16: 20)
        central.append(le16: 1 << 11)
        central.append(le16: method)
        central.append(le16: dosTime)
        central.append(le16: dosDate)
        central.append(le32: crc)
        central.append(le32: UInt32(compressedSize))
        central.append(le32: UInt32(size))
        central.append(le16: UInt16(name.utf8.count))
        central.append(le16: 0)  // extra field length
        central.append(le16: 0)  // comment length
        central.append(le16: 0)  // disk number
        central.append(le16: 0)  // internal attributes
        central.append(le32: UInt32(mode) << 16)
        central.append(le32: UInt32(start))
        central.append(contentsOf: Array(name.utf8))
    }

    private func write(_ data: Data) throws {
        pending.append(data)
        offset += UInt64(data.count)
        if pending.count >= Self.bufferSize { try flush() }
    }

    /// Writes the bytes ``pending`` holds to the file.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }
}

extension Data {
    /// Appends a little-endian 16-bit value, as zip records store numbers.
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    /// Appends a little-endian 32-bit value.
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
