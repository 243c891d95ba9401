import Foundation
import Testing
@testable import Octavo

/// `octavo build` keeps the documents it parsed in the output folder (``ParseCacheFile``): a
/// build after an edit parses only the files whose bytes changed, and writes what a build without
/// the cache writes.
@Suite("Parse: the parse cache on disk")
struct ParseCacheFileTests {
    /// A small site of three pages, with a link, a table and a nested heading, built once.
    static func builtSite() throws -> (TemporaryFolder, Pipeline.Options, Pipeline.Report) {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nSee [the guide](guide.md) and [](guide.md#steps).\n",
                          "guide.md": "# Guide\n\n## Steps\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n> ### Quoted\n> Text.\n",
                          "extra.md": "# Extra\n\n- [ ] to do\n"], under: "Content")
        let options = options(in: folder)
        let report = try Pipeline(options: options).build()
        return (folder, options, report)
    }

    /// The output of a build of the same content into an empty folder, which has no parse cache.
    static func freshOutput(_ options: Pipeline.Options) throws -> [String: Data] {
        let fresh = try TemporaryFolder()
        var again = options
        again.output = fresh.url.appendingPathComponent("Output")
        _ = try Pipeline(options: again).build()
        return fresh.snapshot("Output")
    }

    @Test func aBuildAfterAOnePageEditParsesOnlyThatPage() throws {
        let (folder, options, first) = try Self.builtSite()
        #expect(first.parsedFiles == 3)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/\(ParseCacheFile.fileName)").path))
        try folder.write(["guide.md": "# Guide\n\n## Steps\n\nEdited.\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 1)
        #expect(try folder.snapshot("Output") == Self.freshOutput(options))
        // The cache now holds the edit: a new page is the only file parsed next.
        try folder.write(["more.md": "# More\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 1)
        #expect(try folder.snapshot("Output") == Self.freshOutput(options))
    }

    /// A build without `terms.yml` parses without the paragraphs' prose, which only the index of
    /// terms reads: once `terms.yml` is added, every file is parsed again and the index finds its terms.
    @Test func documentsParsedWithoutProseAreParsedAgainForAnIndexOfTerms() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\nThe widget turns.\n", "b.md": "# B\n\nNo term here.\n"], under: "Content")
        let options = options(in: folder)
        _ = try Pipeline(options: options).build()
        try folder.write(["terms.yml": "- term: widget\n  note: A part.\n"], under: "Content")
        let report = try Pipeline(options: options).build()
        #expect(report.parsedFiles == 2)
        #expect(!report.diagnostics.contains { $0.message.contains("never mentioned") })
        #expect(try folder.snapshot("Output") == Self.freshOutput(options))
    }

    @Test func anEditAppendsABatchAndTheFileStaysSmall() throws {
        let (folder, options, _) = try Self.builtSite()
        let url = folder.url.appendingPathComponent("Output/\(ParseCacheFile.fileName)")
        let first = try Data(contentsOf: url)
        try folder.write(["guide.md": "# Guide\n\n## Steps\n\nEdited once.\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 1)
        let second = try Data(contentsOf: url)
        #expect(second.count > first.count && second.prefix(first.count) == first)
        // An edit of another page reads both batches: the guide's entry of the second is reused.
        try folder.write(["extra.md": "# Extra\n\nEdited.\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 1)
        // Many edits of one page replace its entry again and again: the file is written anew
        // before replaced entries outweigh the live ones.
        for round in 0..<8 {
            try folder.write(["guide.md": "# Guide\n\n## Steps\n\n" + String(repeating: "Edited \(round). ", count: 40) + "\n"], under: "Content")
            #expect(try Pipeline(options: options).build().parsedFiles == 1)
        }
        let fresh = try TemporaryFolder()
        var again = options
        again.output = fresh.url.appendingPathComponent("Output")
        _ = try Pipeline(options: again).build()
        let freshSize = try Data(contentsOf: fresh.url.appendingPathComponent("Output/\(ParseCacheFile.fileName)")).count
        #expect(try Data(contentsOf: url).count <= 2 * freshSize + 100)
        #expect(try folder.snapshot("Output") == fresh.snapshot("Output"))
    }

    @Test func aBatchCutShortIsLeftOutAndTheOthersAreRead() throws {
        let (folder, options, _) = try Self.builtSite()
        try folder.write(["guide.md": "# Guide\n\n## Steps\n\nEdited.\n"], under: "Content")
        _ = try Pipeline(options: options).build()
        let url = folder.url.appendingPathComponent("Output/\(ParseCacheFile.fileName)")
        // A build killed while appending its batch: the guide's new entry is lost, the first batch is not.
        try Data(contentsOf: url).dropLast(3).write(to: url)
        try folder.write(["extra.md": "# Extra\n\nEdited.\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 2)
        #expect(try folder.snapshot("Output") == Self.freshOutput(options))
        try folder.write(["index.md": "# Home\n\nEdited.\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 1)
    }

    @Test(arguments: ["empty", "truncated", "garbage", "a byte changed", "another binary"])
    func aDamagedCacheIsIgnored(_ damage: String) throws {
        let (folder, options, _) = try Self.builtSite()
        let url = folder.url.appendingPathComponent("Output/\(ParseCacheFile.fileName)")
        var bytes = [UInt8](try Data(contentsOf: url))
        switch damage {
        case "empty": bytes = []
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "garbage": bytes = Array("octavo-parse-cache 1\n\u{FF}\u{FF}\u{FF}\u{FF}".utf8)
        case "a byte changed":
            // A flag of the last entry (a 1: no number is written as 1) set to what no flag is.
            let index = try #require(bytes.lastIndex(of: 1))
            bytes[index] = 0x7F
            // The last batch is the only one: the file is read as having none.
            // The last batch is the only one: the file is read as having none.
        default:
            // The identity follows the first line, after its length: zigzag (twice the count), 7 bits
            // a byte, low bits first; one byte or two, as the binary's size, times and inode run long.
            var start = ParseCacheFile.versionLine.count
            var zigzag = 0, shift = 0
            while true {
                let byte = Int(bytes[start])
                start += 1
                zigzag |= (byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            let identity = String(decoding: bytes[start..<start + zigzag / 2], as: UTF8.self)
            #expect(identity.hasPrefix("octavo "))
            bytes[start + identity.utf8.count - 1] = UInt8(ascii: "x")
        }
        try Data(bytes).write(to: url)
        try folder.write(["extra.md": "# Extra\n\nEdited.\n"], under: "Content")
        let report = try Pipeline(options: options).build()
        #expect(report.parsedFiles.map { (1...3).contains($0) } == true)
        if damage != "a byte changed" { #expect(report.parsedFiles == 3) }
        #expect(try folder.snapshot("Output") == Self.freshOutput(options))
        // The damaged file was replaced: nothing is parsed the next time a page changes.
        try folder.write(["extra.md": "# Extra\n\nEdited again.\n"], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 1)
    }

    @Test(arguments: ["markdown: commonmark\n", "unsafe: true\n"])
    func aDifferentParserSettingIsNotServedFromTheCache(_ setting: String) throws {
        let (folder, options, _) = try Self.builtSite()
        try folder.write(["site.yml": setting], under: "Content")
        #expect(try Pipeline(options: options).build().parsedFiles == 3)
        #expect(try folder.snapshot("Output") == Self.freshOutput(options))
    }

    @Test func forceParsesEverything() throws {
        let (folder, first, _) = try Self.builtSite()
        defer { withExtendedLifetime(folder) {} }
        var options = first
        options.destination.force = true
        #expect(try Pipeline(options: options).build().parsedFiles == 3)
    }

    @Test func aDocumentReadsBackAsItWasWritten() throws {
        var ids = HeadingIDGenerator()
        let document = MarkdownParser().parse("# Title\n\n[a](b.md) [](#x) ![i](p.png) <https://e.org>\n\n> ## Nested\n\n| x |\n|---|\n| é |\n\n<b>raw</b>\n",
                                              ids: &ids)
        #expect(!document.warnings.isEmpty && !document.externalLinks.isEmpty && document.blocks.contains { !$0.nestedIDs.isEmpty })
        var writer = ByteWriter()
        document.write(to: &writer)
        let read = try #require(writer.bytes.withUnsafeBytes { buffer -> MarkdownDocument? in
            var reader = ByteReader(buffer)
            return MarkdownDocument(reading: &reader)
        })
        func key(_ blocks: [MarkdownBlock]) -> CacheKey {
            var key = CacheKey()
            key.append(blocks)
            return key
        }
        #expect(key(read.blocks) == key(document.blocks))
        #expect(read.links == document.links && read.externalLinks == document.externalLinks && read.warnings == document.warnings)
        // Every byte but the last: damage, never a trap.
        for end in 0..<writer.bytes.count {
            #expect(writer.bytes.withUnsafeBytes { buffer in
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[..<end]))
                return MarkdownDocument(reading: &reader) == nil
            })
        }
        // Every stored property is written, in order: one added later must be too.
        let link = try #require(document.links.first), warning = try #require(document.warnings.first)
        #expect(Mirror(reflecting: document).children.compactMap(\.label) == MarkdownDocument.storedFields)
        #expect(Mirror(reflecting: document.blocks[0]).children.compactMap(\.label) == MarkdownBlock.storedFields)
        #expect(Mirror(reflecting: link).children.compactMap(\.label) == LinkReference.storedFields)
        #expect(Mirror(reflecting: warning).children.compactMap(\.label) == MarkdownWarning.storedFields)
    }

    /// A document larger than ``ParseCacheFile/largeBody`` is written as it is encoded, its length
    /// filled in after it (``ByteWriter/paddedCount(_:)``); it reads back like the small ones beside it.
    @Test func aLargeDocumentWrittenAsItIsEncodedReadsBack() throws {
        let folder = try TemporaryFolder()
        let parser = MarkdownParser()
        let bodies = ["small.md": "# Small\n\nText.\n", "large.md": "# Large\n\n" + (1...40).map { "## Part \($0)\n\nText [\($0)](small.md).\n" }.joined(),
                      "after.md": "# After\n"]
        let sources = bodies.keys.sorted().map { SourceFile(path: $0, displayPath: $0, frontMatter: FrontMatter(), body: bodies[$0]!, bodyFirstLine: 1) }
        let documents = sources.map { source -> MarkdownDocument in
            var ids = HeadingIDGenerator()
            return parser.parse(source.body, ids: &ids)
        }
        let spill = folder.url.appendingPathComponent("spill")
        let cache = ParseCacheFile(bytes: nil, identity: "test", spill: spill, largeBody: 100)
        for source in sources { #expect(cache.document(for: source, parser: parser) == nil) }
        cache.keep(sources, documents: documents, parser: parser)
        #expect(cache.write == .replaceFrom(spill))
        let read = ParseCacheFile(bytes: try [UInt8](Data(contentsOf: spill)), identity: "test")
        func key(_ blocks: [MarkdownBlock]) -> CacheKey {
            var key = CacheKey()
            key.append(blocks)
            return key
        }
        for (source, document) in zip(sources, documents) {
            let back = try #require(read.document(for: source, parser: parser))
            #expect(key(back.blocks) == key(document.blocks) && back.links == document.links)
        }
        #expect(read.counts.reused == 3)
    }
}

