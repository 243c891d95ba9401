import Foundation

/// Plain POSIX writes for the files Octavo writes itself (pages, the parse cache), without
/// Foundation's `Data.write`, which may add a temporary file of its own.
enum FileDescriptor {
    /// Writes every byte of `buffer` to the open file `descriptor`, again after a partial write or
    /// an interrupted call (`EINTR`).
    /// - Returns: whether every byte was written; `false` on the first error (`errno` says which).
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        untilDone(buffer.count) { Foundation.write(descriptor, buffer.baseAddress! + $0, buffer.count - $0) }
    }

    /// Writes every byte of `buffer` to the open file `descriptor` at `offset` (`pwrite`, which
    /// leaves the file's own position alone, so several threads may write their parts at once).
    /// - Returns: whether every byte was written.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int64) -> Bool {
        untilDone(buffer.count) { pwrite(descriptor, buffer.baseAddress! + $0, buffer.count - $0, off_t(offset) + off_t($0)) }
    }

    /// Fills `buffer` from the open file `descriptor` at `offset` (`pread`).
    /// - Returns: whether every byte was read; `false` at an error or the end of the file.
    static func readAll(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Bool {
        untilDone(buffer.count) { pread(descriptor, buffer.baseAddress! + $0, buffer.count - $0, off_t(offset) + off_t($0)) }
    }

    /// Calls `transfer(done)`, which moves bytes from offset `done` on and returns how many (or
    /// -1), until `total` bytes are done: again after a partial transfer or `EINTR`.
    /// - Returns: whether all were done; `false` at an error or when nothing more moves (the end
    ///   of a file being read).
    private static func untilDone(_ total: Int, _ transfer: (Int) -> Int) -> Bool {
        var done = 0
        while done < total {
            let count = transfer(done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }
}
