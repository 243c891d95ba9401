import Foundation
import ZIPFoundation

/// Writes an EPUB's files into its container (OCF 3.3 §4.2), the same bytes for the same book.
///
/// `mimetype` comes first, stored uncompressed with no extra field, as readers find the type by
/// its bytes at offset 38; then `META-INF/container.xml` and the book's files, sorted by path and
/// deflated. Every entry has one modification time (``ZipBundle``'s: `SOURCE_DATE_EPOCH`, else
/// 1980-01-01) and permissions 644.
public struct EpubContainer: Sendable {
    /// The modification time of every entry.
    public var modificationDate: Date

    /// The text of `mimetype`.
    public static let mimetype = "application/epub+zip"

    /// Creates a writer whose entries are dated `modificationDate`, clamped to what a zip can hold.
    public init(modificationDate: Date = ZipBundle.earliestDate) {
        self.modificationDate = ZipBundle(modificationDate: modificationDate).modificationDate
    }

    /// The container's entries in the order they are written: `mimetype`, `META-INF/container.xml`
    /// and `files`, each with its bytes or source.
    public static func entries(_ files: [OutputFile]) -> [OutputFile] {
        [OutputFile(path: "mimetype", contents: .bytes(Array(mimetype.utf8))),
         OutputFile(path: "META-INF/container.xml", contents: .bytes(Array(EpubPackage.containerXML.utf8)))]
            + files.sorted { $0.path < $1.path }
    }

    /// Writes the container to a temporary file beside `url` and returns that file's URL; ``commit(_:to:)``
    /// puts it in place. The build does this before writing the output folder, so that an error in
    /// either leaves both as they were.
    /// - Throws: ``BuildError`` naming the EPUB, or a file of the book that cannot be read.
    public func prepare(_ files: [OutputFile], for url: URL, displayPath: String) throws -> URL {
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".octavo-tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try makeArchive(Self.entries(files), at: temporary)
        } catch let error as BuildError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw BuildError(file: displayPath, "EPUB cannot be written: \(error.localizedDescription); check the folder exists and is writable")
        }
        return temporary
    }

    /// Renames a container made by ``prepare(_:for:displayPath:)`` over `url`.
    /// - Throws: ``BuildError`` when the rename fails; the temporary file is removed then.
    public func commit(_ temporary: URL, to url: URL, displayPath: String) throws {
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw BuildError(file: displayPath, "EPUB cannot be written: check the folder's permissions and free space")
        }
    }

    private func makeArchive(_ entries: [OutputFile], at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (number, entry) in entries.enumerated() {
            let data: Data
            switch entry.contents {
            case .bytes(let bytes): data = Data(bytes)
            case .copy(let source), .staged(let source, _):
                guard let read = FileManager.default.contents(atPath: source.path) else {
                    throw BuildError(file: entry.source ?? source.lastPathComponent, "cannot be read for the EPUB: check its permissions")
                }
                data = read
            }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modificationDate,
                                 permissions: 0o644, compressionMethod: number == 0 ? .none : .deflate) { position, size in
                let start = data.startIndex + Int(position)
                return data.subdata(in: start..<min(start + size, data.endIndex))
            }
        }
    }
}
