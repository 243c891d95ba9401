import Foundation

/// The parse cache of `octavo build`, kept on disk in the output folder beside the stamp
/// (`.octavo-parse-cache`), so that a build after an edit parses only the Markdown files whose
/// bytes changed. `octavo serve` keeps its documents in memory instead (``ParseCache``).
///
/// A document is a function of the body's bytes and the parser's settings alone (see
/// `Pipeline.parse`). An entry is named by the file's path and reused only when the body has the
/// same bytes, compared whole (a `memcmp`, which costs less than hashing them), the settings are
/// the same, and the file was written by this very binary (``identity``), so that a rebuilt Octavo
/// never reads a format it does not know.
///
/// Format 3, written by ``ByteWriter``: `octavo-parse-cache 3\n`; the identity and the settings
/// (`unsafe`, `gfm`, `makesProse`); then batches, each the number of its entries, each entry's path, body and
/// document (``MarkdownDocument/write(to:)``), and `end\n`. A later entry of a path replaces an
/// earlier one. A build appends one batch of the files it parsed, so that an edit writes one
/// entry rather than the whole file; the file is written anew when more than half of it is
/// replaced entries, or when it could not be read whole.
///
/// A file that is missing, truncated, damaged or of another binary only means that everything is
/// parsed: it is a cache, never an input.
final class ParseCacheFile: Sendable {
    /// The file name in the output folder.
    static let fileName = ".octavo-parse-cache"
    /// The first bytes of format 3.
    static let versionLine = Array("octavo-parse-cache 3\n".utf8)
    /// The last bytes of each batch, which a batch cut short lacks.
    static let endLine = Array("end\n".utf8)

    private struct Entry: Sendable {
        /// The whole entry, from its path to the end of its document.
        var record: Range<Int>
        var body: Range<Int>
        var document: Range<Int>
    }

    /// What ``finish()`` decided to write.
    enum Write: Sendable, Equatable {
        /// The whole file, anew, already written to the file at the URL (``spill``): renamed into place.
        case replaceFrom(URL)
        /// A batch already written to the file at the URL: copied to the end of the file as it was read.
        case appendFrom(URL)
    }

    /// Where ``add(_:documents:)`` writes what the build will write to the cache, as it is
    /// encoded (a file of the build's staging folder, see ``FileStage``), so that it is never held
    /// in memory; `nil`: nothing is written.
    let spill: URL?
    /// A document whose body is larger than this many bytes is written to ``spill`` as it is
    /// encoded (``ByteWriter/flushIfFull()``), a megabyte at a time, its length filled in after.
    let largeBody: Int

    private struct State: Sendable {
        var parsed = 0
        var reused: Set<String> = []
        var write: Write?
        /// The spill file being written, from ``begin(count:parser:)`` to ``finish()``.
        var sink: FileSink?
        /// Whether the spill file is a batch to append (else the whole file anew).
        var appends = false
        /// How many entries ``add(_:documents:)`` wrote of files parsed anew.
        var fresh = 0
        /// The parser's settings (`unsafe`, `gfm`, `makesProse`) given to ``begin(count:parser:)``.
        var settings = (unsafe: false, gfm: false, prose: false)
    }

    /// What the binary that writes the file is: its size, times and inode (see ``SourceSnapshot``).
    let identity: String
    /// The file as read; empty when there was none or it cannot be used.
    private let bytes: [UInt8]
    /// The entries of `bytes`, by source path (the last of each path).
    private let entries: [String: Entry]
    /// The settings the documents of `bytes` were parsed with; `nil` when the file cannot be used.
    private let settings: (unsafe: Bool, gfm: Bool, prose: Bool)?
    /// Whether `bytes` were read whole: a batch cut short (a build killed while appending) or
    /// damaged was left out, and the next write replaces the file.
    private let isWhole: Bool
    private let state = Unchecked.Locked(State())

    /// Reads a cache file's bytes; bytes that are not a cache of this format and `identity` give
    /// an empty cache.
    /// - Parameters:
    ///   - bytes: The file's bytes, or `nil` when there is none.
    ///   - identity: What the running binary is (see ``identity``).
    ///   - spill: See ``spill``.
    ///   - largeBody: See ``largeBody`` (1 MiB unless a test makes it smaller).
    init(bytes: [UInt8]?, identity: String, spill: URL? = nil, largeBody: Int = 1 << 20) {
        self.identity = identity
        self.spill = spill
        self.largeBody = largeBody
        let index = bytes.flatMap { Self.index($0, identity: identity) }
        self.bytes = index == nil ? [] : bytes ?? []
        self.entries = index?.entries ?? [:]
        self.settings = index?.settings
        self.isWhole = index?.isWhole ?? false
    }

    /// The entries and settings of a file, or `nil` when it is not one of this format and identity.
    private static func index(_ bytes: [UInt8], identity: String) -> (entries: [String: Entry], settings: (unsafe: Bool, gfm: Bool, prose: Bool), isWhole: Bool)? {
        bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard reader.expect(versionLine), let written = reader.string(), written == identity,
                  let unsafe = reader.bool(), let gfm = reader.bool(), let prose = reader.bool() else { return nil }
            var entries: [String: Entry] = [:]
            while !reader.isAtEnd {
                // A batch is taken whole or not at all; what follows a bad one is not read.
                guard let batch = Self.batch(&reader) else { return (entries, (unsafe, gfm, prose), false) }
                entries.merge(batch) { $1 }
            }
            return (entries, (unsafe, gfm, prose), true)
        }
    }

    private static func batch(_ reader: inout ByteReader) -> [String: Entry]? {
        guard let count = reader.count() else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.offset
            guard let path = reader.string(), let body = reader.byteRange(), let document = reader.byteRange() else { return nil }
            entries[path] = Entry(record: start..<reader.offset, body: body, document: document)
        }
        return reader.expect(endLine) ? entries : nil
    }

    /// Markdown files parsed and files whose document came from the file, since it was read.
    var counts: (parsed: Int, reused: Int) {
        state.withLock { ($0.parsed, $0.reused.count) }
    }

    /// The document an earlier build parsed from the same body with the same settings, or `nil`
    /// (to be parsed). Safe to call from several threads at once.
    func document(for source: SourceFile, parser: MarkdownParser) -> MarkdownDocument? {
        guard let settings, settings == (parser.unsafe, parser.gfm, parser.makesProse), let entry = entries[source.path] else {
            state.withLock { $0.parsed += 1 }
            return nil
        }
        var body = source.body
        let document: MarkdownDocument? = bytes.withUnsafeBytes { buffer in
            let same = body.withUTF8 { utf8 in
                utf8.count == entry.body.count && (utf8.isEmpty || memcmp(utf8.baseAddress!, buffer.baseAddress! + entry.body.lowerBound, utf8.count) == 0)
            }
            guard same else { return nil }
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[..<entry.document.upperBound]), offset: entry.document.lowerBound)
            return MarkdownDocument(reading: &reader)
        }
        state.withLock { state in
            if document == nil { state.parsed += 1 } else { state.reused.insert(source.path) }
        }
        return document
    }

    /// ``begin(count:parser:)``, ``add(_:documents:)`` with every file, then ``finish()``: what
    /// a build does a batch at a time.
    /// - Parameters:
    ///   - sources: This build's Markdown files, and `documents` their documents, in the same order.
    ///   - parser: The parser they were parsed with.
    func keep(_ sources: [SourceFile], documents: [MarkdownDocument], parser: MarkdownParser) {
        begin(count: sources.count, parser: parser)
        add(sources, documents: documents)
        finish()
    }

    /// How many bytes of Markdown the entries encoded on all cores at once may have (their
    /// encodings are about three times as large): the rest waits, so that the cache of a large
    /// site is never held whole in memory.
    static let batchBytes = 4 << 20

    /// Starts writing this build's entries to ``spill``, before the first ``add(_:documents:)``:
    /// the whole file anew when the file as read cannot be used or was not read whole, else a batch
    /// to append, whose count is filled in by ``finish()``.
    /// - Parameters:
    ///   - count: How many Markdown files this build has.
    ///   - parser: The parser they are parsed with.
    func begin(count: Int, parser: MarkdownParser) {
        let usable = isWhole && settings.map { $0 == (parser.unsafe, parser.gfm, parser.makesProse) } == true
        guard let spill, let sink = FileSink(spill) else { return }
        sink.write(usable ? ByteWriter.paddedCount(0) : header(settings: (parser.unsafe, parser.gfm, parser.makesProse), count: count))
        state.withLock {
            $0.sink = sink
            $0.appends = usable
            $0.settings = (parser.unsafe, parser.gfm, parser.makesProse)
        }
    }

    /// Writes the entries of the files of `sources` parsed anew (``document(for:parser:)`` gave
    /// `nil`), and, when the file is written anew, the entries of the others as they were read.
    /// Call with each batch of files once it is parsed, so that their bodies can be let go.
    /// - Parameters:
    ///   - sources: Some of this build's Markdown files, and `documents` their documents, in the same order.
    func add(_ sources: [SourceFile], documents: [MarkdownDocument]) {
        let (sink, appends, reused) = state.withLock { ($0.sink, $0.appends, $0.reused) }
        guard let sink else { return }
        let fresh = sources.indices.filter { !reused.contains(sources[$0].path) }
        if !appends {
            for source in sources where reused.contains(source.path) {
                if let entry = entries[source.path] { sink.write(bytes[entry.record]) }
            }
        }
        writeEntries(fresh, of: sources, documents: documents, to: sink)
        state.withLock { $0.fresh += fresh.count }
    }

    /// Decides what to write after this build (see ``write``), once every file was added: nothing
    /// when every file came from the cache; else the batch of the files parsed anew; or the whole
    /// file when it could not be used, was not read whole, or would hold more replaced entries
    /// than live ones. A file that could not be written leaves the cache as it was.
    func finish() {
        let (sink, appends, fresh, reused, settings) = state.withLock { ($0.sink, $0.appends, $0.fresh, $0.reused, $0.settings) }
        guard let sink, let spill else { return }
        state.withLock { $0.sink = nil }
        if !appends {
            sink.write(Self.endLine)
            if !sink.failed { state.withLock { $0.write = .replaceFrom(spill) } }
            return
        }
        guard fresh > 0 else { return }
        sink.write(ByteWriter.paddedCount(fresh), at: 0)
        let freshEnd = sink.offset
        sink.write(Self.endLine)
        guard !sink.failed else { return }
        let prefix = ByteWriter.paddedCount(0).count
        let freshBytes = freshEnd - prefix
        // What stays live of the file as read: the entries of this build's files that were reused.
        let kept = reused.sorted().compactMap { entries[$0]?.record }
        let liveBytes = kept.reduce(0) { $0 + $1.count } + freshBytes
        // The file as read holds the replaced entries too: its size counts them.
        if bytes.count + freshBytes <= 2 * liveBytes {
            state.withLock { $0.write = .appendFrom(spill) }
            return
        }
        // More than half of it would be replaced entries: the whole file anew, the batch copied in.
        let whole = URL(fileURLWithPath: spill.path + ".all")
        guard let all = FileSink(whole) else { return }
        all.write(header(settings: settings, count: kept.count + fresh))
        for record in kept { all.write(bytes[record]) }
        all.copy(from: spill.path, range: prefix..<freshEnd)
        all.write(Self.endLine)
        guard !all.failed else { return }
        unlink(spill.path)
        state.withLock { $0.write = .replaceFrom(whole) }
    }

    /// The first bytes of a whole file, up to its first batch's entries, which number `count`.
    private func header(settings: (unsafe: Bool, gfm: Bool, prose: Bool), count: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.appendRaw(Self.versionLine)
        writer.append(identity)
        writer.append(settings.unsafe)
        writer.append(settings.gfm)
        writer.append(settings.prose)
        writer.append(count)
        return writer.bytes
    }

    /// Writes the entries of `sources[fresh]` to `sink` in that order: small ones encoded on all
    /// cores a batch of at most ``batchBytes`` of Markdown at a time, a large one as it is encoded.
    private func writeEntries(_ fresh: [Int], of sources: [SourceFile], documents: [MarkdownDocument], to sink: FileSink) {
        @Sendable func head(_ index: Int) -> ByteWriter {
            var writer = ByteWriter()
            writer.append(sources[index].path)
            var body = sources[index].body
            body.withUTF8 { writer.append(bytes: UnsafeRawBufferPointer($0)) }
            return writer
        }
        var position = 0
        while position < fresh.count, !sink.failed {
            let first = fresh[position]
            if sources[first].body.utf8.count > largeBody {
                // The path and the body's count, then the body from the string itself (a copy
                // would add its size to the peak of a build of one large file).
                var pathAndCount = ByteWriter()
                pathAndCount.append(sources[first].path)
                pathAndCount.append(sources[first].body.utf8.count)
                sink.write(pathAndCount.bytes)
                var body = sources[first].body
                body.withUTF8 { sink.write(UnsafeRawBufferPointer($0)) }
                let lengthAt = sink.offset
                sink.write(ByteWriter.paddedCount(0))
                var document = ByteWriter()
                document.sink = sink
                documents[first].write(to: &document)
                document.flush()
                sink.write(ByteWriter.paddedCount(document.count), at: lengthAt)
                position += 1
                continue
            }
            var end = position
            var size = 0
            while end < fresh.count, size < Self.batchBytes, sources[fresh[end]].body.utf8.count <= largeBody {
                size += sources[fresh[end]].body.utf8.count
                end += 1
            }
            let batch = fresh[position..<end]
            var encoded = [[UInt8]](repeating: [], count: batch.count * 2)
            encoded.withUnsafeMutableBufferPointer { buffer in
                let output = Unchecked.Buffer(buffer)
                DispatchQueue.concurrentPerform(iterations: batch.count) { slot in
                    let index = batch[batch.startIndex + slot]
                    var writer = head(index)
                    var document = ByteWriter()
                    documents[index].write(to: &document)
                    writer.append(document.bytes.count)
                    output.buffer[2 * slot] = writer.bytes
                    output.buffer[2 * slot + 1] = document.bytes
                }
            }
            for piece in encoded { sink.write(piece) }
            position = end
        }
    }

    /// What to write to the file after a successful build; `nil` when it already holds exactly
    /// this build's documents.
    var write: Write? {
        state.withLock { $0.write }
    }
}
