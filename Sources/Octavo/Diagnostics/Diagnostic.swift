/// A problem found in the input, reported by any stage of the pipeline.
///
/// Printed in the form compilers use, `FILE:LINE:COLUMN: error: message`
/// (see ``description``), which editors and CI systems understand.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is. `--strict` turns every warning into an error.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// Information that is not a problem (an external link listed by `check --external`).
        case note
        /// A problem that does not stop a build unless `--strict`.
        case warning
        /// A problem that stops a build.
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The stage of the pipeline that found a problem, in the order data flows through them.
    public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
        /// Reading the content and templates folders, `site.yml` and front matter.
        case load
        /// Markdown parsed into blocks (cmark, GFM).
        case parse
        /// Pages cut from the documents and put in reading order; paths checked.
        case outline
        /// Links resolved to pages, anchors and files.
        case link
        /// Pages rendered with the templates.
        case render
        /// The search page and index.
        case search
        /// The print edition.
        case print
        /// The EPUB edition.
        case epub
        /// The rendered site checked as a reader's browser would meet it.
        case audit
        /// Files written to the output folder, the zip and the EPUB.
        case write
    }

    /// The file the problem is in, as given to the build (for example `Content/a.md`).
    public var file: String
    /// The 1-based line in `file`, or `nil` when the problem concerns the whole file.
    public var line: Int?
    /// The 1-based column in `line`, counted in UTF-8 bytes as cmark counts them, or `nil`.
    public var column: Int?
    /// Whether this is an error or a warning.
    public var severity: Severity
    /// A sentence a person can act on.
    public var message: String
    /// The stage that found the problem, or `nil` when it is not known (a diagnostic made outside
    /// the pipeline). Not printed in the text, GitHub or JSON forms, and not part of equality:
    /// where a problem is and what it says make two diagnostics the same.
    public var stage: Stage?

    /// Creates a diagnostic.
    public init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String, stage: Stage? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.stage = stage
    }

    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.file == rhs.file && lhs.line == rhs.line && lhs.column == rhs.column && lhs.severity == rhs.severity && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(severity)
        hasher.combine(message)
    }

    /// The diagnostic, said to come from `stage` unless it already names one.
    public func from(_ stage: Stage) -> Diagnostic {
        var copy = self
        if copy.stage == nil { copy.stage = stage }
        return copy
    }

    /// `FILE:LINE:COL: severity: message`; line and column are left out when unknown.
    ///
    /// File and message are shown with ``escapingControlCharacters(_:)``, so that one diagnostic
    /// is always one line, and text from the input cannot forge another diagnostic or drive the terminal.
    public var description: String {
        var location = Self.escapingControlCharacters(file)
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(Self.escapingControlCharacters(message))"
    }

    /// `text` with every control character written as an escape: `\n`, `\r`, `\t`, and
    /// `\u{1B}` for the others (Unicode general category Cc: C0, DEL and C1), and the line and
    /// paragraph separators U+2028 and U+2029 likewise. Every format prints messages through this.
    public static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
