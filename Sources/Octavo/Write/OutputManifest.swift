/// What Octavo wrote into an output folder, kept in `.octavo-manifest` there.
///
/// Format 2, in UTF-8: the line `octavo-manifest 2`, then one JSON string per line (RFC 8259), sorted
/// by bytes: the path of a file Octavo wrote, relative to the output folder, `/`-separated, without
/// empty, `.` or `..` segments. JSON escaping keeps a name with a line break on one line, so no file
/// name can add an entry (issue 19). It depends only on the files, so two builds of the same input
/// into different folders write the same manifest.
///
/// Format 1 (before the version line) was one path per line; it is still read, but only to know which
/// files may be overwritten: a rebuild removes nothing on its strength, since a name with a line break
/// could have forged its lines.
public struct OutputManifest: Sendable, Equatable {
    /// Paths of the files Octavo wrote.
    public var files: Set<String>

    /// The first line of format 2.
    public static let versionLine = "octavo-manifest 2"

    /// Creates a manifest.
    public init(files: Set<String> = []) {
        self.files = files
    }

    /// What reading a manifest's bytes gave.
    public enum Reading: Sendable, Equatable {
        /// A well-formed format 2 manifest.
        case current(OutputManifest)
        /// A format 1 manifest: its paths may be overwritten, but never removed.
        case legacy(files: Set<String>)
        /// Bytes that are not a manifest Octavo wrote: nothing may be removed or overwritten on
        /// their strength. The reason names the first problem.
        case damaged(reason: String)
    }

    /// Reads a manifest. A pure function of the bytes (the fuzz target `ManifestFuzz` calls it).
    ///
    /// - Parameter bytes: The contents of `.octavo-manifest`.
    /// - Returns: The manifest, or why it cannot be trusted. Every path it returns passes
    ///   ``isSafe(_:)``.
    public static func read(_ bytes: [UInt8]) -> Reading {
        guard let text = String(validating: bytes, as: UTF8.self) else { return .damaged(reason: "it is not UTF-8") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first else { return .damaged(reason: "it is empty") }
        if first != versionLine {
            if first.hasPrefix("octavo-manifest") { return .damaged(reason: "it has an unknown version line '\(first.prefix(40))'") }
            // Format 1: no version line, one plain path per line.
            var files: Set<String> = []
            for (number, line) in lines.enumerated() where !line.isEmpty {
                guard isSafe(String(line)) else { return .damaged(reason: "line \(number + 1) is not a safe relative path") }
                files.insert(String(line))
            }
            return .legacy(files: files)
        }
        var manifest = OutputManifest()
        for (number, line) in lines.enumerated().dropFirst() {
            guard let path = decodeJSONString(line) else { return .damaged(reason: "line \(number + 1) is not a JSON string") }
            guard isSafe(path) else { return .damaged(reason: "line \(number + 1) is not a safe relative path") }
            manifest.files.insert(path)
        }
        return .current(manifest)
    }

    /// The manifest in format 2, as bytes.
    public func encoded() -> [UInt8] {
        var text = Self.versionLine + "\n"
        for entry in files.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            text += Self.encodeJSONString(entry) + "\n"
        }
        return Array(text.utf8)
    }

    /// Whether a path may name something inside the output folder: relative, `/`-separated, no
    /// empty, `.` or `..` segment, no NUL, and not the manifest itself.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, path != OutputWriter.manifestName, !path.utf8.contains(0) else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// A JSON string literal for `text`: `"` and `\` escaped, control characters as `\n`, `\t`,
    /// `\r` or `\u00XX`; everything else as it is.
    static func encodeJSONString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The text of one JSON string literal that fills `line` exactly, or `nil` when it is not one
    /// (RFC 8259 §7: unescaped control characters and lone surrogates are refused).
    static func decodeJSONString(_ line: Substring) -> String? {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        var out = String.UnicodeScalarView()
        var index = 1
        let end = scalars.count - 1
        func hex4(at start: Int) -> UInt32? {
            guard start + 4 <= end else { return nil }
            var value: UInt32 = 0
            for scalar in scalars[start..<start + 4] {
                guard let digit = Character(scalar).hexDigitValue else { return nil }
                value = value * 16 + UInt32(digit)
            }
            return value
        }
        while index < end {
            let scalar = scalars[index]
            if scalar == "\"" || scalar.value < 0x20 { return nil }
            guard scalar == "\\" else {
                out.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < end else { return nil }
            let escape = scalars[index + 1]
            index += 2
            switch escape {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "/": out.append("/")
            case "b": out.append("\u{8}")
            case "f": out.append("\u{C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u":
                guard let high = hex4(at: index) else { return nil }
                index += 4
                var value = high
                if (0xD800..<0xDC00).contains(high) {
                    guard index + 1 < end, scalars[index] == "\\", scalars[index + 1] == "u",
                          let low = hex4(at: index + 2), (0xDC00..<0xE000).contains(low) else { return nil }
                    index += 6
                    value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let decoded = Unicode.Scalar(value) else { return nil }
                out.append(decoded)
            default: return nil
            }
        }
        return String(out)
    }
}
