import Foundation

/// Writes the whole site into one zip file, the same bytes for the same site.
///
/// Entries are the output files and their folders, by their paths relative to the site root
/// (`/`-separated, no leading `/`, no `..`), sorted, UTF-8 names flagged (bit 11), deflated
/// by ``ZipWriter`` in one pass, with permissions 644 (files) and 755 (folders) and one
/// fixed modification time: `SOURCE_DATE_EPOCH` when set (see reproducible-builds.org), else
/// 1980-01-01 00:00:00 UTC, the earliest time a zip can hold.
public struct ZipBundle: Sendable {
    /// The modification time of every entry.
    public var modificationDate: Date

    /// 1980-01-01 00:00:00 UTC, the earliest time an MS-DOS date (a zip entry's time) can hold.
    public static let earliestDate = Date(timeIntervalSince1970: 315_532_800)
    /// 2107-12-31 23:59:59 UTC, past the latest time an MS-DOS date can hold (its year is 1980 + 7 bits;
    /// its seconds are even, so 23:59:58 is written).
    public static let latestDate = Date(timeIntervalSince1970: 4_354_819_199)

    /// Creates a bundle writer whose entries are dated `modificationDate`, clamped to what a zip can hold.
    public init(modificationDate: Date = ZipBundle.earliestDate) {
        self.modificationDate = min(max(modificationDate, Self.earliestDate), Self.latestDate)
    }

    /// Creates a bundle writer dated by `SOURCE_DATE_EPOCH` in `environment`.
    /// - Throws: ``BuildError`` as ``modificationDate(environment:)`` does.
    public init(environment: [String: String]) throws {
        self.init(modificationDate: try Self.modificationDate(environment: environment))
    }

    /// `SOURCE_DATE_EPOCH` (whole seconds since 1970-01-01 00:00:00 UTC), else 1980-01-01.
    /// - Throws: ``BuildError`` naming the variable when it is not a whole number, or is outside
    ///   what a zip can store (315532800, 1980-01-01, to 4354819199, 2107-12-31 23:59:59 UTC),
    ///   rather than writing a wrong date.
    public static func modificationDate(environment: [String: String]) throws -> Date {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return earliestDate }
        let range = "\(Int64(earliestDate.timeIntervalSince1970))...\(Int64(latestDate.timeIntervalSince1970))"
        let advice = "set it to whole seconds since 1970 from \(range) (1980-01-01 to 2107-12-31 UTC, the dates a zip can store), or unset it"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let seconds = Int64(trimmed) else {
            throw BuildError(file: "SOURCE_DATE_EPOCH", "'\(text)' is not a whole number of seconds: \(advice)")
        }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard date >= earliestDate, date <= latestDate else {
            throw BuildError(file: "SOURCE_DATE_EPOCH", "\(seconds) is outside what a zip can store: \(advice)")
        }
        return date
    }

    /// Writes `files` into a new zip at `url`, through a temporary file beside it that is renamed
    /// over `url` at the end, so `url` is either the old file or the whole new one.
    /// - Throws: ``BuildError`` naming the zip or the file that could not be read.
    public func write(_ files: [OutputFile], to url: URL) throws {
        let temporary = try prepare(files, for: url)
        try commit(temporary, to: url)
    }

    /// Writes the zip to a temporary file beside `url` and returns that file's URL; ``commit(_:to:)``
    /// puts it in place. The build does this before writing the output folder, so that an error in
    /// either leaves both as they were.
    /// - Parameter display: How messages name the zip; default: its path.
    public func prepare(_ files: [OutputFile], for url: URL, display: String? = nil) throws -> URL {
        try prepare(files, for: url, display: display, deflated: nil)
    }

    /// ``prepare(_:for:display:)`` with the bytes of staged files that the build deflated as it
    /// made them (see ``DeflatedStage``); a staged file `deflated` holds nothing for is read back
    /// and deflated here.
    func prepare(_ files: [OutputFile], for url: URL, display: String?, deflated: DeflatedStage?) throws -> URL {
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".octavo-tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try makeArchive(files, at: temporary, deflated: deflated)
        } catch let error as BuildError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw BuildError(file: display ?? DisplayPath(url: url).text, "zip cannot be written: \(error.localizedDescription); check the folder exists and is writable")
        }
        return temporary
    }

    /// Renames a zip made by ``prepare(_:for:)`` over `url`.
    public func commit(_ temporary: URL, to url: URL, display: String? = nil) throws {
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw BuildError(file: display ?? DisplayPath(url: url).text, "zip cannot be written: check the folder's permissions and free space")
        }
    }

    /// The entries' paths in the order they are written: every folder (ending in `/`) and file, sorted.
    /// - Throws: ``BuildError`` for a path that is absolute, climbs with `..`, or is empty.
    public static func entryPaths(_ files: [OutputFile]) throws -> [String] {
        var paths = Set<String>()
        for file in files {
            let parts = file.path.pathParts(omittingEmpty: false)
            guard !file.path.hasPrefix("/"), !file.path.contains("\\"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw BuildError(file: file.path, "cannot go into a zip: paths must be relative, without '..', '\\' or empty parts")
            }
            paths.insert(file.path)
            for end in parts.indices.dropLast() {
                paths.insert(parts[...end].joined(separator: "/") + "/")
            }
        }
        return paths.sorted()
    }

    /// Deflates bytes made in memory (zlib directly where it can be imported, without a copy).
    private static func deflate(_ bytes: [UInt8]) throws -> Deflated {
        #if canImport(CZlib)
        try ZipWriter.deflate(bytes)
        #else
        try ZipWriter.deflate(Data(bytes))
        #endif
    }

    /// How many entries are deflated together on all cores before they are written.
    static let batchSize = 256

    private func makeArchive(_ files: [OutputFile], at url: URL, deflated stage: DeflatedStage?) throws {
        let paths = try Self.entryPaths(files)
        guard paths.count <= ZipWriter.maxEntries else {
            throw BuildError(file: url.lastPathComponent, "would hold \(paths.count) entries, over the \(ZipWriter.maxEntries) a zip without ZIP64 records holds: publish the output folder instead")
        }
        let writer = try ZipWriter(url: url, date: modificationDate)
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        // Files made in memory are deflated on all cores, a batch at a time (so only one batch's
        // compressed bytes are held), and written in order: the zip's bytes do not change.
        var start = paths.startIndex
        while start < paths.endIndex {
            let batch = Array(paths[start..<min(start + Self.batchSize, paths.endIndex)])
            start += batch.count
            var deflated = [Result<Deflated, Error>?](repeating: nil, count: batch.count)
            deflated.withUnsafeMutableBufferPointer { buffer in
                let output = Unchecked.Buffer(buffer)
                DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                    switch byPath[batch[index]]?.contents {
                    case .bytes(let bytes)?: output.buffer[index] = Result { try Self.deflate(bytes) }
                    // Pages the build staged and did not deflate as it made them are read back a
                    // batch at a time, never all at once.
                    case .staged(let url, _)? where stage?.entry(batch[index]) == nil:
                        guard let data = FileManager.default.contents(atPath: url.path) else { return }
                        output.buffer[index] = Result { try Self.deflate([UInt8](data)) }
                    default: return
                    }
                }
            }
            for (index, path) in batch.enumerated() {
                guard let file = byPath[path] else {
                    try writer.addFolder(path)
                    continue
                }
                switch file.contents {
                case .bytes(let bytes):
                    try writer.addFile(path, deflated: deflated[index]?.get() ?? Self.deflate(bytes))
                case .copy(let source):
                    guard FileStream.size(source.path) != nil else {
                        throw BuildError(file: file.source ?? source.lastPathComponent, "cannot be read: check its permissions")
                    }
                    try writer.addFile(path, copying: source)
                case .staged:
                    if let entry = stage?.entry(path) {
                        guard let deflated = stage?.deflated(entry) else {
                            throw BuildError(file: file.source ?? file.path, "cannot be read back for the zip: check the output folder's permissions")
                        }
                        try writer.addFile(path, deflated: deflated)
                        continue
                    }
                    guard let deflated = deflated[index] else {
                        throw BuildError(file: file.source ?? file.path, "cannot be read back for the zip: check the output folder's permissions")
                    }
                    try writer.addFile(path, deflated: deflated.get())
                }
            }
        }
        try writer.finish()
    }
}
