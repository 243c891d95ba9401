import Foundation

/// Plain POSIX writes for the files Octavo writes itself (pages, the parse cache), without
/// Foundation's `Data.write`, which may add a temporary file of its own.
enum FileDescriptor {
    /// Writes every byte of `buffer` to the open file `descriptor`, again after a partial write or
    /// an interrupted call (`EINTR`).
    /// - Returns: whether every byte was written; `false` on the first error (`errno` says which).
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// Writes every byte of `buffer` to the open file `descriptor` at `offset` (`pwrite`, which
    /// leaves the file's own position alone, so several threads may write their parts at once).
    /// - Returns: whether every byte was written.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int64) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// Fills `buffer` from the open file `descriptor` at `offset` (`pread`).
    /// - Returns: whether every byte was read; `false` at an error or the end of the file.
    static func readAll(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }
}
