import Foundation

/// What the last successful build read and wrote, kept in `.octavo-stamp` beside the manifest, so
/// that a build whose inputs and outputs are exactly as they were then does nothing (as `make` and
/// `ninja` skip a target that is up to date).
///
/// Format 1, UTF-8 lines: `octavo-stamp 1`; `inputs HEX` and `outputs HEX`, the SHA-1 of the
/// inputs' and the outputs' descriptions (see ``Pipeline/inputDescription(_:)``); `pages N`;
/// `files N`; `bundle BYTES` and `epub BYTES PATH` when the build wrote them; `written PATH` for
/// each file it wrote outside the output folder (the zip, the EPUB), by its path from the output
/// folder (`../site.zip`: the stamp holds no absolute path); then one
/// `diagnostic JSON` line per warning or note the build reported, to report them again.
///
/// It is a cache: a stamp that is missing, damaged or of another version only means a full build.
/// It holds times and inode numbers of this machine, so it is not meant to be committed.
struct BuildStamp: Sendable, Equatable {
    /// The file name in the output folder.
    static let fileName = ".octavo-stamp"
    /// The first line of format 1.
    static let versionLine = "octavo-stamp 1"

    /// SHA-1 (hex) of what the build read: Octavo's binary, the options, every input path's
    /// size, times and inode.
    var inputs: String
    /// SHA-1 (hex) of what the build wrote: size, times and inode of every file it wrote.
    var outputs: String
    /// Pages rendered.
    var pages: Int
    /// Files in the output.
    var files: Int
    /// The zip bundle's size in bytes, when one was written.
    var bundleBytes: Int?
    /// The EPUB as messages name it and its size in bytes, when one was written.
    var epub: (path: String, bytes: Int?)?
    /// The warnings and notes of the build.
    var diagnostics: [Diagnostic]
    /// The files the build wrote outside the output folder (the zip, the EPUB), by path from the
    /// output folder.
    var writtenOutside: [String] = []

    static func == (lhs: BuildStamp, rhs: BuildStamp) -> Bool {
        // Compared as written: the tuple of `epub` has no synthesized equality.
        lhs.encoded() == rhs.encoded()
    }

    /// The stamp's bytes.
    func encoded() -> [UInt8] {
        var lines = [Self.versionLine, "inputs \(inputs)", "outputs \(outputs)", "pages \(pages)", "files \(files)"]
        if let bundleBytes { lines.append("bundle \(bundleBytes)") }
        if let epub { lines.append("epub \(epub.bytes.map(String.init) ?? "-") \(epub.path)") }
        lines += writtenOutside.map { "written \($0)" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for diagnostic in diagnostics {
            // A diagnostic's message is JSON-escaped, so it stays on its line.
            if let json = try? encoder.encode(diagnostic), let text = String(data: json, encoding: .utf8) { lines.append("diagnostic \(text)") }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Reads a stamp; `nil` when the bytes are not a stamp of this format.
    static func read(_ bytes: [UInt8]) -> BuildStamp? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(versionLine) else { return nil }
        var stamp = BuildStamp(inputs: "", outputs: "", pages: -1, files: -1, bundleBytes: nil, epub: nil, diagnostics: [])
        let decoder = JSONDecoder()
        for line in lines where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let value = String(parts[1])
            switch parts[0] {
            case "inputs": stamp.inputs = value
            case "outputs": stamp.outputs = value
            case "pages": guard let number = Int(value) else { return nil }; stamp.pages = number
            case "files": guard let number = Int(value) else { return nil }; stamp.files = number
            case "bundle": guard let number = Int(value) else { return nil }; stamp.bundleBytes = number
            case "epub":
                let fields = value.split(separator: " ", maxSplits: 1)
                guard fields.count == 2 else { return nil }
                stamp.epub = (String(fields[1]), Int(fields[0]))
            case "written": stamp.writtenOutside.append(value)
            case "diagnostic":
                guard let diagnostic = try? decoder.decode(Diagnostic.self, from: Data(value.utf8)) else { return nil }
                stamp.diagnostics.append(diagnostic)
            default: return nil
            }
        }
        guard !stamp.inputs.isEmpty, !stamp.outputs.isEmpty, stamp.pages >= 0, stamp.files >= 0 else { return nil }
        return stamp
    }

    /// SHA-1 of `text` in lower-case hex.
    static func digest(_ text: String) -> String {
        SHA1.digest(Array(text.utf8)).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
