import Foundation

/// A Markdown file as read from the content folder: its front matter split from its body.
///
/// The body has Unix line ends and no byte order mark, and is valid UTF-8 without NUL bytes.
public struct SourceFile: Sendable {
    /// The path relative to the content folder, with `/` separators, in Unicode NFC
    /// (for example `guide/intro.md`).
    public var path: String
    /// The path as diagnostics show it: the content folder as given, joined with ``path``.
    public var displayPath: String
    /// The parsed front matter; empty when the file has none.
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter.
    public var body: String
    /// The 1-based line of the file on which ``body`` starts, so that a line in the body
    /// maps back to the file as `bodyLine + bodyFirstLine - 1`.
    public var bodyFirstLine: Int

    /// Creates a source file from its parts.
    public init(path: String, displayPath: String, frontMatter: FrontMatter, body: String, bodyFirstLine: Int) {
        self.path = path
        self.displayPath = displayPath
        self.frontMatter = frontMatter
        self.body = body
        self.bodyFirstLine = bodyFirstLine
    }
}

extension SourceFile {
    /// Decodes a file's bytes and splits off its front matter.
    ///
    /// Accepts a UTF-8 byte order mark and CRLF or CR line ends (both become LF). YAML front matter
    /// starts with a `---` line as the file's first line and ends with the next `---` or `...` line;
    /// TOML front matter (Hugo, Zola) starts with a `+++` line and ends with the next `+++` line.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The path relative to the content folder.
    ///   - displayPath: The path to show in diagnostics.
    /// - Throws: ``BuildError`` when the bytes are UTF-16 (said so), not UTF-8 (with the line,
    ///   column and byte offset), contain a NUL byte, or the front matter is not closed or not valid.
    public init(bytes: [UInt8], path: String, displayPath: String) throws {
        var problems: [Diagnostic] = []
        try self.init(bytes: bytes, path: path, displayPath: displayPath, problems: &problems)
        if !problems.isEmpty { throw BuildError(problems) }
    }

    /// Decodes a file's bytes and reads what it can of its front matter: a front matter that is not
    /// closed or not valid is added to `problems`, and the file is kept without it (the body after
    /// it, or the whole text when it is not closed), so that one bad file does not hide the problems
    /// of the others, nor make every link to it look broken.
    /// - Throws: ``BuildError`` when the bytes are not UTF-8 text.
    init(bytes: [UInt8], path: String, displayPath: String, problems: inout [Diagnostic]) throws {
        let text = try Self.decode(bytes, file: displayPath)
        var frontMatter = FrontMatter()
        var body = Substring(text)
        var bodyFirstLine = 1
        // Only the front matter is cut into lines; the body is kept as one piece.
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index { utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex }
        func nextLine(after end: String.Index) -> String.Index { end == utf8.endIndex ? end : utf8.index(after: end) }
        var firstStart = utf8.startIndex
        var firstEnd = lineEnd(from: firstStart)
        var openingLine = 1
        // `+++` opens TOML front matter (Hugo, Zola), closed by the next `+++` line; Zola allows
        // blank lines before it (a `---` there would be a thematic break, so YAML does not).
        while firstEnd < utf8.endIndex, text[firstStart..<firstEnd].allSatisfy({ $0 == " " || $0 == "\t" }) {
            let next = nextLine(after: firstEnd)
            let nextEnd = lineEnd(from: next)
            guard text[next..<nextEnd].trimmingTrailingSpaces().allSatisfy({ $0 == " " || $0 == "\t" }) || text[next..<nextEnd].trimmingTrailingSpaces() == "+++" else { break }
            firstStart = next
            firstEnd = nextEnd
            openingLine += 1
        }
        let isTOML = text[firstStart..<firstEnd].trimmingTrailingSpaces() == "+++"
        if !isTOML {
            firstStart = utf8.startIndex
            firstEnd = lineEnd(from: firstStart)
            openingLine = 1
        }
        if isTOML || Self.isDelimiter(text[..<firstEnd], closing: false) {
            let yamlStart = nextLine(after: firstEnd)
            var start = yamlStart
            var line = openingLine + 1
            var closing: (start: String.Index, end: String.Index)?
            while start < utf8.endIndex {
                let end = lineEnd(from: start)
                if isTOML ? text[start..<end].trimmingTrailingSpaces() == "+++" : Self.isDelimiter(text[start..<end], closing: true) {
                    closing = (start, end)
                    break
                }
                line += 1
                start = nextLine(after: end)
            }
            if let closing {
                do {
                    let header = String(text[yamlStart..<closing.start])
                    frontMatter = isTOML ? try FrontMatter(toml: header, file: displayPath, firstLine: openingLine + 1)
                        : try FrontMatter(yaml: header, file: displayPath, firstLine: 2)
                } catch let error as BuildError {
                    problems += error.diagnostics
                }
                body = text[nextLine(after: closing.end)...]
                bodyFirstLine = line + 1
            } else {
                problems.append(Diagnostic(file: displayPath, line: openingLine, message: "front matter is not closed: add a line '\(isTOML ? "+++" : "---")' after it"))
            }
        }
        self.init(path: path, displayPath: displayPath, frontMatter: frontMatter, body: String(body), bodyFirstLine: bodyFirstLine)
    }

    /// Whether a line is `---` (or, closing, `...`), trailing spaces allowed.
    private static func isDelimiter(_ line: Substring, closing: Bool) -> Bool {
        let trimmed = line.trimmingTrailingSpaces()
        return trimmed == "---" || (closing && trimmed == "...")
    }

    /// Decodes UTF-8, dropping a byte order mark and normalising line ends to LF.
    static func decode(_ bytes: [UInt8], file: String) throws -> String {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let body = bytes[start...]
        if let nul = Self.firstIndex(of: 0, in: body) {
            if let order = Self.utf16ByteOrder(body) { throw Self.utf16Error(order, file: file) }
            throw BuildError(file: file, "contains a NUL byte at byte offset \(nul): this is not a text file")
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            if let order = Self.utf16ByteOrder(body) { throw Self.utf16Error(order, file: file) }
            throw Self.notUTF8Error(body, at: Self.firstInvalidUTF8Offset(body) ?? start, file: file)
        }
        guard Self.firstIndex(of: 13, in: body) != nil else { return text }
        // Bytes, not Characters: a CR is never part of a multi-byte sequence, whereas Foundation's
        // string search does not find "\r" when a combining mark follows it ("\r\u{6EC}").
        var normalized: [UInt8] = []
        normalized.reserveCapacity(body.count)
        var afterCR = false
        for byte in body {
            if byte == 10 && afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 13
            normalized.append(afterCR ? 10 : byte)
        }
        return String(decoding: normalized, as: UTF8.self)
    }

    /// The index of the first `byte` in `bytes`, found with `memchr`.
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return bytes.startIndex + base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The offset in `bytes` (counting from the start of the whole array) of the first byte that
    /// is not part of a valid UTF-8 sequence, or `nil`.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

extension SourceFile {
    /// Decodes Markdown bytes as the load stage does (UTF-8, BOM dropped, line ends to LF).
    /// - Throws: ``BuildError`` naming `file` for bytes that are not UTF-8 or contain NUL.
    public static func decodeInput(_ bytes: [UInt8], file: String) throws -> String {
        try decode(bytes, file: file)
    }
}
