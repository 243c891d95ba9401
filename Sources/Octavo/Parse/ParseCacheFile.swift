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
/// Format 1: `octavo-parse-cache 1\n`; the identity and the settings (`unsafe`, `gfm`); the
/// number of entries, then each entry's path, body and document (``MarkdownDocument/write(to:)``),
/// all written by ``ByteWriter``; then `end\n`. A file that is missing, truncated, damaged or of
/// another binary only means that everything is parsed: it is a cache, never an input.
final class ParseCacheFile: Sendable {
    /// The file name in the output folder.
    static let fileName = ".octavo-parse-cache"
    /// The first bytes of format 1.
    static let versionLine = Array("octavo-parse-cache 1\n".utf8)
    /// The last bytes, which a truncated file lacks.
    static let endLine = Array("end\n".utf8)

    private struct Entry: Sendable {
        var body: Range<Int>
        var document: Range<Int>
    }

    private struct State: Sendable {
        var parsed = 0
        var reused: Set<String> = []
        var encoded: [UInt8]?
    }

    /// What the binary that writes the file is: its size, times and inode (see ``SourceSnapshot``).
    let identity: String
    /// The file as read; empty when there was none or it cannot be used.
    private let bytes: [UInt8]
    /// The entries of `bytes`, by source path.
    private let entries: [String: Entry]
    /// The settings the documents of `bytes` were parsed with.
    private let settings: (unsafe: Bool, gfm: Bool)?
    private let state = Unchecked.Locked(State())

    /// Reads a cache file's bytes; bytes that are not a cache of this format and `identity` give
    /// an empty cache.
    /// - Parameters:
    ///   - bytes: The file's bytes, or `nil` when there is none.
    ///   - identity: What the running binary is (see ``identity``).
    init(bytes: [UInt8]?, identity: String) {
        self.identity = identity
        let index = bytes.flatMap { Self.index($0, identity: identity) }
        self.bytes = index == nil ? [] : bytes ?? []
        self.entries = index?.entries ?? [:]
        self.settings = index?.settings
    }

    /// The entries and settings of a file, or `nil` when it is not one of this format and identity.
    private static func index(_ bytes: [UInt8], identity: String) -> (entries: [String: Entry], settings: (unsafe: Bool, gfm: Bool))? {
        bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard reader.expect(versionLine), let written = reader.string(), written == identity,
                  let unsafe = reader.bool(), let gfm = reader.bool(),
                  let count = reader.count() else { return nil }
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = reader.string(), let body = reader.byteRange(), let document = reader.byteRange() else { return nil }
                entries[path] = Entry(body: body, document: document)
            }
            guard reader.expect(endLine), reader.isAtEnd else { return nil }
            return (entries, (unsafe, gfm))
        }
    }

    /// Markdown files parsed and files whose document came from the file, since it was read.
    var counts: (parsed: Int, reused: Int) {
        state.withLock { ($0.parsed, $0.reused.count) }
    }

    /// The document an earlier build parsed from the same body with the same settings, or `nil`
    /// (to be parsed). Safe to call from several threads at once.
    func document(for source: SourceFile, parser: MarkdownParser) -> MarkdownDocument? {
        guard let settings, settings == (parser.unsafe, parser.gfm), let entry = entries[source.path] else {
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

    /// Records this build's documents, to be written by ``encoded()``: the documents that came from
    /// the file are copied as they were, the others written anew.
    /// - Parameters:
    ///   - sources: This build's Markdown files, and `documents` their documents, in the same order.
    ///   - parser: The parser they were parsed with.
    func keep(_ sources: [SourceFile], documents: [MarkdownDocument], parser: MarkdownParser) {
        let reused = state.withLock { $0.reused }
        // Nothing new to write: every file came from the cache, and it holds no other file.
        if reused.count == sources.count, entries.count == sources.count, settings.map({ $0 == (parser.unsafe, parser.gfm) }) == true {
            return
        }
        var writer = ByteWriter()
        writer.appendRaw(Self.versionLine)
        writer.append(identity)
        writer.append(parser.unsafe)
        writer.append(parser.gfm)
        writer.append(sources.count)
        for (source, document) in zip(sources, documents) {
            writer.append(source.path)
            var body = source.body
            body.withUTF8 { writer.append(bytes: UnsafeRawBufferPointer($0)) }
            if reused.contains(source.path), let entry = entries[source.path] {
                writer.append(entry.document.count)
                writer.appendRaw(bytes[entry.document])
            } else {
                var own = ByteWriter()
                document.write(to: &own)
                own.bytes.withUnsafeBytes { writer.append(bytes: $0) }
            }
        }
        writer.appendRaw(Self.endLine)
        let encoded = writer.bytes
        state.withLock { $0.encoded = encoded }
    }

    /// The bytes to write to the file after a successful build; `nil` when the file already holds
    /// exactly this build's documents.
    func encoded() -> [UInt8]? {
        state.withLock { $0.encoded }
    }
}
