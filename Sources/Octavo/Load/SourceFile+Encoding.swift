import Foundation

/// What to say about a file that is not UTF-8: the encoding it most likely has, where the first
/// bad byte is, and how to convert it.
extension SourceFile {
    /// `"little-endian"` or `"big-endian"` when `bytes` look like UTF-16: a byte order mark
    /// (FF FE or FE FF), or, without one, text of mostly ASCII letters whose every second byte is
    /// NUL (Windows' "Unicode" text without a mark); `nil` otherwise.
    static func utf16ByteOrder(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return "little-endian" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "big-endian" }
        let sample = bytes.prefix(512)
        guard sample.count >= 4 else { return nil }
        var evenNULs = 0, oddNULs = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        // Half the bytes NUL, all on one side: ASCII text written as UTF-16.
        let pairs = sample.count / 2
        if oddNULs * 10 >= pairs * 9 && evenNULs == 0 { return "little-endian" }
        if evenNULs * 10 >= pairs * 9 && oddNULs == 0 { return "big-endian" }
        return nil
    }

    /// The error for a UTF-16 file.
    static func utf16Error(_ order: String, file: String) -> BuildError {
        BuildError(file: file, "is UTF-16 (\(order)), not UTF-8: save it as UTF-8 (in your editor, or with `iconv -f utf-16 -t utf-8 \(shellWord(file)) > converted && mv converted \(shellWord(file))`)")
    }

    /// The error for a byte that is not UTF-8 at `offset` (counted in the whole file), with the
    /// line and column (1-based, the column in bytes) where an editor shows it.
    static func notUTF8Error(_ bytes: ArraySlice<UInt8>, at offset: Int, file: String) -> BuildError {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.startIndex..<min(offset, bytes.endIndex) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let byte = offset < bytes.endIndex ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        return BuildError(file: file, line: line, column: offset - lineStart + 1,
                          "is not valid UTF-8 (bad byte 0x\(hex.count < 2 ? "0" + hex : hex) at byte offset \(offset)): it is probably Latin-1 or Windows-1252; "
                          + (file == "<stdin>" ? "pipe it through `iconv -f latin1 -t utf-8` first"
                             : "save it as UTF-8, or convert it with `iconv -f latin1 -t utf-8 \(shellWord(file)) > converted && mv converted \(shellWord(file))`"))
    }

    /// `path` as one word of a POSIX shell command: as it is when it holds only letters, digits
    /// and `/._-`, else in single quotes.
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-".unicodeScalars.contains($0)) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
