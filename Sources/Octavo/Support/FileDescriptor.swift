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
}
