import Foundation

/// A file written from the start, piece after piece, as its bytes are made (the parse cache's
/// spill file, see `ParseCacheFile`), so that a large file is never held whole in memory.
///
/// The first failed write is remembered and every later one skipped: the caller checks
/// ``failed`` once at the end instead of after every piece. One thread writes at a time (the
/// parse step's, between batches), which is why it may be handed between threads.
final class FileSink: @unchecked Sendable {
    /// The open file.
    private let descriptor: Int32
    /// How many bytes were written, which is where the next piece goes.
    private(set) var offset = 0
    /// Whether a write failed (`errno` said why); what follows it was not written.
    private(set) var failed = false

    /// Creates (or empties) the file at `url` for writing; `nil` when it cannot be opened.
    init?(_ url: URL) {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Writes `buffer` after what was written.
    func write(_ buffer: UnsafeRawBufferPointer) {
        guard !failed else { return }
        if FileDescriptor.writeAll(descriptor, buffer) { offset += buffer.count } else { failed = true }
    }

    /// Writes `bytes` after what was written.
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes `bytes` after what was written.
    func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes `bytes` over what was written at `position` (a length left blank until it was known).
    func write(_ bytes: [UInt8], at position: Int) {
        guard !failed else { return }
        let done = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, $0.count, off_t(position)) == $0.count }
        if !done { failed = true }
    }

    /// Writes the bytes `range` of the file at `path` after what was written, a chunk at a time.
    func copy(from path: String, range: Range<Int>) {
        guard !failed else { return }
        let input = open(path, O_RDONLY)
        guard input >= 0 else {
            failed = true
            return
        }
        defer { close(input) }
        var chunk = [UInt8](repeating: 0, count: FileStream.chunkSize)
        var position = range.lowerBound
        while position < range.upperBound, !failed {
            let wanted = min(chunk.count, range.upperBound - position)
            let count = chunk.withUnsafeMutableBytes { pread(input, $0.baseAddress!, wanted, off_t(position)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                failed = true
                return
            }
            chunk.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            position += count
        }
    }
}
