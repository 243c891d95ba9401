import Foundation

/// Compares and copies files in chunks of ``chunkSize`` bytes, so that a large asset (a 400 MB
/// video) never has to be held in memory: the write stage's peak memory does not grow with the
/// size of the files it copies.
enum FileStream {
    /// The size of each read, in bytes.
    static let chunkSize = 1 << 20

    /// The size in bytes of the regular file at `path` (symbolic links followed), or `nil`.
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Whether the file at `path` holds exactly `bytes`; sizes are compared first.
    static func file(_ path: String, holds bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { file(path, holds: $0) }
    }

    /// Whether the file at `path` holds exactly the bytes of `bytes`; sizes are compared first.
    static func file(_ path: String, holds bytes: UnsafeRawBufferPointer) -> Bool {
        guard size(path) == bytes.count, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var offset = 0
        while offset < bytes.count {
            guard let chunk = try? handle.read(upToCount: chunkSize), !chunk.isEmpty else { return false }
            guard offset + chunk.count <= bytes.count else { return false }
            let equal = chunk.withUnsafeBytes { read in
                memcmp(read.baseAddress!, bytes.baseAddress! + offset, read.count) == 0
            }
            guard equal else { return false }
            offset += chunk.count
        }
        return true
    }

    /// Whether the files at `a` and `b` have the same bytes; sizes are compared first, then the
    /// contents chunk by chunk, stopping at the first difference.
    static func file(_ a: String, sameAs b: String) -> Bool {
        guard let size = size(a), size == Self.size(b),
              let first = FileHandle(forReadingAtPath: a), let second = FileHandle(forReadingAtPath: b) else { return false }
        defer {
            try? first.close()
            try? second.close()
        }
        var remaining = size
        while remaining > 0 {
            guard let x = try? first.read(upToCount: min(chunkSize, remaining)), let y = try? second.read(upToCount: x.count),
                  !x.isEmpty, x == y else { return false }
            remaining -= x.count
        }
        return true
    }

    /// Copies the file at `source` to a new file at `destination` (created with mode 0644, or
    /// truncated), chunk by chunk.
    /// - Returns: `false` when either file cannot be opened or a read or write fails.
    static func copy(_ source: String, to destination: String) -> Bool {
        let input = open(source, O_RDONLY)
        guard input >= 0 else { return false }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard output >= 0 else { return false }
        defer { close(output) }
        #if os(Linux)
        // The kernel copies from file to file: no buffer to allocate and fault in (a zeroed chunk
        // of 1 MiB per asset was a millisecond of a cold build's page faults).
        switch kernelCopy(input, to: output) {
        case .done: return true
        case .failed: return false
        case .unsupported: break
        }
        #endif
        return withUnsafeTemporaryAllocation(byteCount: chunkSize, alignment: 16) { chunk in
            while true {
                let count = read(input, chunk.baseAddress!, chunk.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if count == 0 { return true }
                var offset = 0
                while offset < count {
                    let written = write(output, chunk.baseAddress! + offset, count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += written
                }
            }
        }
    }

    #if os(Linux)
    /// What ``kernelCopy(_:to:)`` did.
    private enum KernelCopy { case done, failed, unsupported }

    /// Copies the rest of `input` to `output` with `sendfile(2)`; `.unsupported` when the first
    /// call is refused (a file system or kernel without it), so that nothing was written yet.
    private static func kernelCopy(_ input: Int32, to output: Int32) -> KernelCopy {
        var started = false
        while true {
            let count = sendfile(output, input, nil, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                return !started && (errno == EINVAL || errno == ENOSYS) ? .unsupported : .failed
            }
            if count == 0 { return .done }
            started = true
        }
    }
    #endif
}
