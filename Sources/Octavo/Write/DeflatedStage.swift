import Foundation

/// The zip bundle's compressed bytes of the files a build stages (see ``FileStage``), deflated on
/// the thread that made each file while its bytes are still in memory, and kept in one file in
/// the staging folder rather than in memory (a 10,000-page site deflates to some 70 MB).
///
/// ``ZipBundle`` then only copies them into place, in its sorted order: reading 290 MB of staged
/// pages back and deflating them after the render made `--bundle` add half of a build's time.
/// A file this stage holds nothing for (it could not be written here, or was not staged) is
/// read back and deflated by the zip as before.
final class DeflatedStage: Sendable {
    /// Where a file's deflated bytes are in ``url``, with what the zip entry needs besides.
    struct Entry: Sendable, Equatable {
        /// The CRC-32 of the uncompressed bytes.
        var crc: UInt32
        /// The size of the uncompressed bytes.
        var size: UInt64
        /// Where the deflated bytes start in the stage's file, in bytes.
        var offset: Int64
        /// How many deflated bytes there are.
        var count: Int
    }

    /// The file that holds every deflated file, one after the other in the order they were made.
    let url: URL
    private let descriptor: Int32
    /// The end of the file reserved so far, and the entries written, by output path.
    private let state = Unchecked.Locked((end: Int64(0), entries: [String: Entry]()))

    /// Opens a new, empty file at `url`; `nil` when it cannot be made.
    init?(url: URL) {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        self.url = url
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Deflates `bytes`, the contents of the output file at `path`, and keeps them. Safe to call
    /// from several threads at once; the order of the calls does not change the zip.
    /// - Returns: whether they were kept (on a failure, the zip deflates the file itself).
    @discardableResult
    func add(_ path: String, bytes: UnsafeRawBufferPointer) -> Bool {
        #if canImport(CZlib)
        guard let deflated = try? ZipWriter.deflate(bytes) else { return false }
        #else
        guard let deflated = try? ZipWriter.deflate(Data(bytes)) else { return false }
        #endif
        return keep(path, deflated)
    }

    /// ``add(_:bytes:)`` for the bytes of the file at `file` (a staged file written a piece at a
    /// time), read a piece at a time as they are deflated, never whole where zlib is imported.
    @discardableResult
    func add(_ path: String, contentsOf file: String) -> Bool {
        #if canImport(CZlib)
        let input = open(file, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return false }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, let deflated = try? ZipWriter.deflate(contentsOf: input, size: Int(info.st_size)) else { return false }
        #else
        guard let data = FileManager.default.contents(atPath: file), let deflated = try? ZipWriter.deflate(data) else { return false }
        #endif
        return keep(path, deflated)
    }

    /// Writes `deflated`, the output file `path`'s, to the stage's file and keeps where it is.
    private func keep(_ path: String, _ deflated: Deflated) -> Bool {
        let count = deflated.compressed.count
        let offset = state.withLock { state in
            defer { state.end += Int64(count) }
            return state.end
        }
        guard deflated.compressed.withUnsafeBytes({ FileDescriptor.writeAll(descriptor, $0, at: offset) }) else { return false }
        let entry = Entry(crc: deflated.crc, size: deflated.size, offset: offset, count: count)
        state.withLock { $0.entries[path] = entry }
        return true
    }

    /// The entry kept for the output file at `path`, or `nil`.
    func entry(_ path: String) -> Entry? {
        state.withLock { $0.entries[path] }
    }

    /// The deflated bytes of `entry`, read back; `nil` when they cannot be read.
    func deflated(_ entry: Entry) -> Deflated? {
        var data = Data(count: entry.count)
        let read = data.withUnsafeMutableBytes { FileDescriptor.readAll(descriptor, $0, at: entry.offset) }
        return read ? Deflated(crc: entry.crc, compressed: data, size: entry.size) : nil
    }
}
