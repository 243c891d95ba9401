import Foundation

// `octavo build` keeps its parsed documents in the output folder (``ParseCacheFile``), read before
// the parse step and written after a successful build, as the stamp is.
extension Pipeline {
    /// The parse cache of the output folder; an empty one with `--force` (which parses everything,
    /// as `make -B` remakes everything) or when the file cannot be read. `nil` when the running
    /// binary cannot be identified, so that no file is written that a later binary might misread.
    func openParseCache(_ destination: Destination, stage: FileStage) -> ParseCacheFile? {
        guard let executable = RunningExecutable.path, let binary = SourceSnapshot.line(of: executable) else { return nil }
        let path = destination.output.appendingPathComponent(ParseCacheFile.fileName, isDirectory: false).path
        return ParseCacheFile(bytes: destination.force ? nil : Self.contents(of: path), identity: "octavo \(binary)", spill: stage.reserve())
    }

    /// Writes what the parse cache decided (``ParseCacheFile/write``): a batch appended to the
    /// file, or the whole file to a temporary file renamed over it. A batch cut short (a build
    /// killed meanwhile) is left out when the file is read, and the next build writes it anew.
    /// A cache that cannot be written only means more parsing next time, so a failure is not the build's.
    func writeParseCache(_ cache: ParseCacheFile, _ destination: Destination) {
        let url = destination.output.appendingPathComponent(ParseCacheFile.fileName, isDirectory: false)
        switch cache.write {
        case nil:
            return
        case .appendFrom(let staged):
            if !Self.append(staged.path, to: url.path) { unlink(url.path) }
        case .replaceFrom(let staged):
            if rename(staged.path, url.path) != 0 { unlink(url.path) }
        }
    }

    /// A file's bytes, read with one `read` call after another into one buffer (no `Data` to copy
    /// them from); `nil` when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let read = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                count += read
            }
            complete = count == size
        }
        return complete ? bytes : nil
    }

    /// Copies the file at `source` to the end of the file at `path`, a chunk at a time; whether every byte was.
    static func append(_ source: String, to path: String) -> Bool {
        let input = open(source, O_RDONLY)
        guard input >= 0 else { return false }
        defer { close(input) }
        var chunk = [UInt8](repeating: 0, count: FileStream.chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return false }
            if count == 0 { return true }
            guard write(Array(chunk[..<count]), to: path, flags: O_WRONLY | O_APPEND) else { return false }
        }
    }

    /// Writes all of `bytes` to `path` opened with `flags`; whether every byte was written.
    static func write(_ bytes: [UInt8], to path: String, flags: Int32) -> Bool {
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { FileDescriptor.writeAll(descriptor, $0) }
    }
}
