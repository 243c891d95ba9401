import Foundation
import Testing
import ZIPFoundation
@testable import Octavo

@Suite("Zip bundle: the whole site in one reproducible zip", .serialized)
struct BundleTests {
    /// One entry of a zip's central directory, read from the bytes (APPNOTE.TXT 4.3.12).
    struct CentralEntry {
        var name: [UInt8]
        var flags: UInt16
        var method: UInt16
        var time: UInt16
        var date: UInt16
    }

    static func centralDirectory(_ zip: [UInt8]) throws -> [CentralEntry] {
        func u16(_ at: Int) -> UInt16 { UInt16(zip[at]) | UInt16(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { Int(u16(at)) | Int(u16(at + 2)) << 16 }
        let end = zip.count - 22  // no archive comment
        try #require(end > 0 && u32(end) == 0x0605_4b50, "no end of central directory record")
        var at = u32(end + 16)
        var entries: [CentralEntry] = []
        for _ in 0..<Int(u16(end + 10)) {
            try #require(u32(at) == 0x0201_4b50)
            let nameLength = Int(u16(at + 28)), extra = Int(u16(at + 30)), comment = Int(u16(at + 32))
            entries.append(CentralEntry(name: Array(zip[(at + 46)..<(at + 46 + nameLength)]), flags: u16(at + 8),
                                        method: u16(at + 10), time: u16(at + 12), date: u16(at + 14)))
            at += 46 + nameLength + extra + comment
        }
        return entries
    }

    /// A date as a zip stores it: MS-DOS date and time fields, UTC.
    static func dosDateTime(_ date: Date) -> (date: UInt16, time: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (UInt16((parts.year! - 1980) << 9 | parts.month! << 5 | parts.day!),
                UInt16(parts.hour! << 11 | parts.minute! << 5 | parts.second! / 2))
    }

    static func buildReal(bundle name: String = "site.zip", in folder: TemporaryFolder) throws -> URL {
        let zip = folder.url.appendingPathComponent(name)
        var options = Pipeline.Options(content: realContent, templates: realTemplates,
                                          output: folder.url.appendingPathComponent("Output-\(name)"), strict: true)
        options.bundle = zip
        _ = try Pipeline(options: options).build()
        return zip
    }

    @Test func bundleOfTheRealDocumentUnpacksAnywhereWithEveryLinkAndAnchorWorking() throws {
        let real = try RealSite.build()
        let folder = try TemporaryFolder()
        let zip = real.bundle
        let unpacked = folder.url.appendingPathComponent("somewhere/else")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        try FileManager.default.unzipItem(at: zip, to: unpacked)
        let files = folder.snapshot("somewhere/else")
        var output = real.files
        output.removeValue(forKey: OutputWriter.manifestName)
        #expect(files == output)
        #expect(files.keys.contains("search.html") && files.keys.contains("print.html") && files.keys.contains("search-index.js"))
        #expect(files.keys.filter { $0.hasSuffix(".html") }.count == 40)  // 36 pages, search, print edition, index of terms, 404
        #expect(brokenLinks(in: files) == [])
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for reference in PageLinks.values(of: "src", in: html) + PageLinks.values(of: "href", in: html) {
                #expect(!reference.hasPrefix("/") && !reference.hasPrefix("//") && !reference.hasPrefix("file:"), "\(path): \(reference)")
                #expect(!reference.contains("://") || !html.contains("src=\"\(reference)\""), "\(path) loads \(reference) from outside the site")
            }
        }
    }

    @Test func entriesAreRelativeSortedUTF8FlaggedDeflatedAndDatedOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Café\n\nText.\n", "ünïcode/naïve.md": "# N\n\nX.\n", "files/ré sumé.txt": "r"], under: "Content")
        let bundle = folder.url.appendingPathComponent("b.zip")
        var options = options(in: folder)
        options.bundle = bundle
        _ = try Pipeline(options: options).build()
        let entries = try Self.centralDirectory(Array(try Data(contentsOf: bundle)))
        let names = entries.map { String(decoding: $0.name, as: UTF8.self) }
        let dated = try ZipBundle(environment: ProcessInfo.processInfo.environment)  // 1980-01-01 00:00 unless SOURCE_DATE_EPOCH is set
        let (date, time) = Self.dosDateTime(dated.modificationDate)
        #expect(names == names.sorted())
        #expect(names.contains("files/ré sumé.txt") && names.contains("ünïcode/naïve/index.html") && names.contains("ünïcode/"))
        for (entry, name) in zip(entries, names) {
            #expect(!name.hasPrefix("/") && !name.split(separator: "/").contains("..") && !name.contains("\\"), "\(name)")
            #expect(entry.flags & (1 << 11) != 0, "\(name) is not flagged UTF-8")
            #expect(entry.date == date && entry.time == time, "\(name) is not dated \(dated.modificationDate)")
            #expect(entry.method == (name.hasSuffix("/") ? 0 : 8), "\(name)")
        }
        #expect(!names.contains(OutputWriter.manifestName))
    }

    /// A streamed asset of several chunks and bytes made by the build come back whole through
    /// ZIPFoundation's reader, with their modes; a date past 2099 (where ZIPFoundation's own
    /// writer stops) is stored as given.
    @Test func entriesReadBackWholeWithTheirModes() throws {
        let folder = try TemporaryFolder()
        let big = (0..<(2 * FileStream.chunkSize + 7)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try folder.writeBytes(big, to: "video.bin")
        let zip = folder.url.appendingPathComponent("z.zip")
        let date = try ZipBundle.modificationDate(environment: ["SOURCE_DATE_EPOCH": "4102444800"])  // 2100-01-01 00:00 UTC
        try ZipBundle(modificationDate: date).write([
            OutputFile(path: "a/page.html", contents: .bytes(Array("<p>x</p>".utf8))),
            OutputFile(path: "media/video.bin", contents: .copy(folder.url.appendingPathComponent("video.bin"))),
        ], to: zip)
        let archive = try Archive(url: zip, accessMode: .read)
        func read(_ path: String) throws -> Data {
            let entry = try #require(archive[path])
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        #expect(try read("a/page.html") == Data("<p>x</p>".utf8))
        #expect(try read("media/video.bin") == Data(big))
        #expect(archive.map(\.path) == ["a/", "a/page.html", "media/", "media/video.bin"])
        #expect(archive["media/"]?.type == .directory && archive["a/page.html"]?.type == .file)
        let entries = try Self.centralDirectory(Array(try Data(contentsOf: zip)))
        #expect(entries.allSatisfy { $0.date == UInt16((2100 - 1980) << 9 | 1 << 5 | 1) && $0.time == 0 })
    }

    /// Entries are deflated on all cores a batch at a time: over several batches, with copied files
    /// between them, each entry still holds its own bytes, in sorted order.
    @Test func entriesDeflatedInBatchesKeepTheirBytesAndOrder() throws {
        let folder = try TemporaryFolder()
        try folder.writeBytes(Array("copied".utf8), to: "asset.bin")
        var files = (0..<(2 * ZipBundle.batchSize + 3)).map { index in
            OutputFile(path: "p\(index)/index.html", contents: .bytes(Array(String(repeating: "page \(index) ", count: index % 7 + 1).utf8)))
        }
        files.append(OutputFile(path: "p300/asset.bin", contents: .copy(folder.url.appendingPathComponent("asset.bin"))))
        let zip = folder.url.appendingPathComponent("z.zip")
        try ZipBundle().write(files, to: zip)
        let archive = try Archive(url: zip, accessMode: .read)
        for file in files {
            let entry = try #require(archive[file.path])
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            switch file.contents {
            case .bytes(let bytes): #expect(data == Data(bytes), "\(file.path)")
            case .copy: #expect(data == Data("copied".utf8))
            case .staged(let url, _): #expect(data == FileManager.default.contents(atPath: url.path))
            }
        }
        #expect(archive.map(\.path) == (try ZipBundle.entryPaths(files)))
    }

    /// A file larger than ``ZipWriter/pieceSize`` is deflated in pieces on all cores: put end to
    /// end they inflate to the whole file, and the combined CRC-32 is the file's (ZIPFoundation's
    /// reader checks it).
    @Test func aFileDeflatedInPiecesComesBackWhole() throws {
        let folder = try TemporaryFolder()
        let size = 2 * ZipWriter.pieceSize + 12_345
        let big = (0..<size).map { UInt8(truncatingIfNeeded: ($0 / 3) &* 31 ^ $0 >> 11) }
        let zip = folder.url.appendingPathComponent("big.zip")
        try ZipBundle().write([OutputFile(path: "print.html", contents: .bytes(big))], to: zip)
        let archive = try Archive(url: zip, accessMode: .read)
        let entry = try #require(archive["print.html"])
        var data = Data()
        let crc = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        #expect(data == Data(big))
        #expect(entry.checksum == Data(big).crc32(checksum: 0) && crc == entry.checksum)
    }

    /// Files a bundling stage deflated as they were made go into the zip as they are: the zip is
    /// byte for byte the one made by reading the staged files back, and the stage holds an entry
    /// for each staged file (an unchanged one too).
    @Test func filesDeflatedWhenStagedMakeTheSameZip() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try folder.writeBytes(Array("kept".utf8), to: "Output/kept.html")
        let stage = FileStage(root: root, bundling: true)
        defer { stage.discard() }
        var files = (0..<40).map { stage.file("p\($0)/index.html", text: String(repeating: "<p>page \($0)</p>\n", count: $0 * 50 + 1)) }
        files.append(stage.file("kept.html", bytes: Array("kept".utf8)))
        files.append(OutputFile(path: "robots.txt", contents: .bytes(Array("User-agent: *\n".utf8))))
        files.sort { $0.path < $1.path }
        let deflated = try #require(stage.deflated)
        for file in files where file.path != "robots.txt" {
            #expect(deflated.entry(file.path) != nil, "\(file.path)")
        }
        guard case .staged(_, unchanged: true)? = files.first(where: { $0.path == "kept.html" })?.contents else {
            Issue.record("kept.html is not staged as unchanged")
            return
        }
        let fast = try ZipBundle().prepare(files, for: folder.url.appendingPathComponent("fast.zip"), display: nil, deflated: deflated)
        let slow = try ZipBundle().prepare(files, for: folder.url.appendingPathComponent("slow.zip"))
        #expect(try Data(contentsOf: fast) == Data(contentsOf: slow))
        #expect(try Data(contentsOf: fast).count > 1_000)
    }

    /// A file staged a piece at a time (the print edition) is deflated for the zip from the staged
    /// file, read back a piece at a time: the same bytes as deflated in memory, for sizes around a
    /// piece's, and the bundling stage streams it rather than making it whole.
    @Test(arguments: [0, 1, ZipWriter.pieceSize - 1, ZipWriter.pieceSize, ZipWriter.pieceSize + 1, 3 * ZipWriter.pieceSize + 12_345])
    func aStreamedFileIsDeflatedAsInMemory(_ size: Int) throws {
        let folder = try TemporaryFolder()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 977) }
        let stage = FileStage(root: folder.url.appendingPathComponent("Output"), bundling: true)
        defer { stage.discard() }
        #expect(stage.streams)
        let file = try #require(stage.streamedFile("print.html") { sink in
            for start in stride(from: 0, to: bytes.count, by: 100_000) { sink.write(bytes[start..<min(start + 100_000, bytes.count)]) }
        })
        guard case .staged(let url, unchanged: false) = file.contents else {
            Issue.record("print.html is not staged")
            return
        }
        #expect(FileManager.default.contents(atPath: url.path) == Data(bytes))
        let deflated = try #require(stage.deflated)
        let entry = try #require(deflated.entry("print.html"))
        let kept = try #require(deflated.deflated(entry))
        let inMemory = try ZipWriter.deflate(bytes)
        #expect(kept.compressed == inMemory.compressed && kept.crc == inMemory.crc && kept.size == UInt64(size))
    }

    /// Bytes that fit in one piece are deflated whole by libdeflate: zlib (through ZIPFoundation)
    /// inflates them back to the same bytes, the CRC-32 is zlib's, and a page of HTML shrinks.
    @Test(arguments: [0, 1, 4_099, ZipWriter.pieceSize])
    func aPageIsDeflatedWholeIntoAStreamZlibInflates(_ size: Int) throws {
        let sentence = Array("<p>A page of the site, its words repeated as pages repeat them.</p>\n".utf8)
        let bytes = (0..<size).map { sentence[$0 % sentence.count] ^ UInt8($0 / 4_096 % 2) }
        let deflated = try ZipWriter.deflate(bytes)
        #expect(deflated.size == UInt64(size))
        #expect(deflated.crc == Data(bytes).crc32(checksum: 0))
        if size > 1_000 { #expect(deflated.compressed.count < size / 4) }
        var position = 0
        var inflated = Data()
        let crc = try Data.decompress(size: Int64(deflated.compressed.count), bufferSize: 1 << 16, skipCRC32: false, provider: { _, count in
            defer { position += count }
            return deflated.compressed.subdata(in: position..<min(position + count, deflated.compressed.count))
        }, consumer: { inflated.append($0) })
        #expect(inflated == Data(bytes))
        #expect(crc == deflated.crc)
    }

    /// A zip that would get the same bytes is left as it was (its inode and modification time
    /// stay, as an unchanged file of the output folder does); one whose bytes change is replaced.
    @Test func aZipWithTheSameBytesIsLeftInPlace() throws {
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("z.zip")
        func inode() throws -> UInt64 {
            var info = stat()
            try #require(stat(zip.path, &info) == 0)
            return UInt64(info.st_ino)
        }
        let files = [OutputFile(path: "a.html", contents: .bytes(Array("<p>a</p>".utf8)))]
        try ZipBundle().write(files, to: zip)
        let first = try inode()
        try ZipBundle().write(files, to: zip)
        #expect(try inode() == first)
        try ZipBundle().write([OutputFile(path: "a.html", contents: .bytes(Array("<p>b</p>".utf8)))], to: zip)
        #expect(try inode() != first)
        let archive = try Archive(url: zip, accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive["a.html"])) { data.append($0) }
        #expect(data == Data("<p>b</p>".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["z.zip"])
    }

    @Test func sourceDateEpochSetsTheEntriesTime() throws {
        #expect(try ZipBundle.modificationDate(environment: [:]) == ZipBundle.earliestDate)
        #expect(try ZipBundle.modificationDate(environment: ["SOURCE_DATE_EPOCH": "315532800"]) == ZipBundle.earliestDate)
        #expect(try ZipBundle.modificationDate(environment: ["SOURCE_DATE_EPOCH": "4354819199"]) == ZipBundle.latestDate)
        let date = try ZipBundle.modificationDate(environment: ["SOURCE_DATE_EPOCH": "1700000000"])  // 2023-11-14 22:13:20 UTC
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("d.zip")
        try ZipBundle(modificationDate: date).write([OutputFile(path: "a/b.txt", contents: .bytes([1, 2, 3]))], to: zip)
        let entries = try Self.centralDirectory(Array(try Data(contentsOf: zip)))
        #expect(entries.map { String(decoding: $0.name, as: UTF8.self) } == ["a/", "a/b.txt"])
        for entry in entries {
            #expect(entry.date == UInt16((2023 - 1980) << 9 | 11 << 5 | 14))
            #expect(entry.time == UInt16(22 << 11 | 13 << 5 | 10))
            #expect(Self.dosDateTime(date) == (entry.date, entry.time))
        }
    }

    /// The shared build's bundle against a second, fresh one.
    @Test func twoBundlesAreByteIdentical() throws {
        let folder = try TemporaryFolder()
        let first = try Data(contentsOf: try RealSite.build().bundle)
        let second = try Data(contentsOf: try Self.buildReal(bundle: "two.zip", in: folder))
        #expect(first.count > 50_000)
        #expect(first == second)
    }

    @Test func pathsThatCannotGoIntoAZipAreRefused() throws {
        for path in ["/abs.html", "a/../b.html", "a//b.html", "a\\b.html", "./a.html"] {
            #expect(throws: BuildError.self, "\(path)") { try ZipBundle.entryPaths([OutputFile(path: path, contents: .bytes([]))]) }
        }
        #expect(try ZipBundle.entryPaths([OutputFile(path: "x/y/z.html", contents: .bytes([])), OutputFile(path: "a.css", contents: .bytes([]))])
                == ["a.css", "x/", "x/y/", "x/y/z.html"])
    }

    /// A `SOURCE_DATE_EPOCH` a zip cannot store (before 1980, after 2107, past Int64 or not a
    /// number) is refused before anything is written, naming the variable and the range.
    @Test(arguments: ["9223372036854775807", "99999999999999999999", "4354819200", "315532799", "0", "-1", "nonsense", ""])
    func sourceDateEpochOutsideWhatAZipStoresIsRefused(_ value: String) throws {
        #expect {
            try ZipBundle.modificationDate(environment: ["SOURCE_DATE_EPOCH": value])
        } throws: { error in
            let text = (error as? BuildError)?.description ?? ""
            return text.hasPrefix("SOURCE_DATE_EPOCH: error: ") && text.contains("315532800...4354819199 (1980-01-01 to 2107-12-31 UTC")
        }
    }

    /// A bundle not named `.zip` is still a zip, with a warning that says what to name it (which
    /// `--strict` counts as an error, writing nothing); `.ZIP` is a zip's name too.
    @Test func aBundleNotNamedZipIsWrittenWithAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        let run = try runOctavo(["build", "--quiet", "--templates", realTemplates.path, "--bundle", "out/site.tar"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stderr == "out/site.tar: warning: is written as a zip archive, whatever its name: name it 'out/site.zip' so that it opens as one\n", "\(run.stderr)")
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("out/site.tar")).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let strict = try runOctavo(["build", "--quiet", "--strict", "--force", "--templates", realTemplates.path, "--output", "Strict", "--bundle", "site"], in: folder.url)
        #expect(strict.status == 1 && strict.stderr.contains("site: error: is written as a zip archive, whatever its name: name it 'site.zip'"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))
        #expect(Pipeline.bundleNameWarning(URL(fileURLWithPath: "/x/Site.ZIP"), display: "Site.ZIP") == nil)
    }

    /// The command itself: no trap, exit status 1, the message, and no zip or temporary file left.
    @Test func buildWithAnUnstorableSourceDateEpochWritesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let run = try runOctavo(["build", "--templates", realTemplates.path, "--bundle", "z.zip"], in: folder.url,
                                environment: ["SOURCE_DATE_EPOCH": "9223372036854775807"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("SOURCE_DATE_EPOCH: error: 9223372036854775807 is outside what a zip can store"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["Content"])
    }

    /// The zip is written while the site is audited: a build the audit fails (a broken link)
    /// leaves neither the zip nor its temporary file, and no output folder.
    @Test func aBuildTheAuditFailsLeavesNoZip() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n\n[Missing](missing.md)\n", "a.md": "# A\n"], under: "Content")
        var options = Pipeline.Options(content: folder.url.appendingPathComponent("Content"), templates: realTemplates,
                                       output: folder.url.appendingPathComponent("Output"))
        options.bundle = folder.url.appendingPathComponent("site.zip")
        #expect(throws: BuildError.self) { try Pipeline(options: options).build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["Content"])
    }
}
