/// A problem found in the input, reported by any stage of the pipeline.
///
/// Printed in the form compilers use, `FILE:LINE:COLUMN: error: message`
/// (see ``description``), which editors and CI systems understand.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is. `--strict` turns every warning into an error.
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
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

    /// Creates a diagnostic.
    public init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `FILE:LINE:COL: severity: message`; line and column are left out when unknown.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// The error a build throws when it cannot go on: one or more diagnostics of severity `.error`.
///
/// When a build throws this, nothing has been written to the output folder.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the order it was found; never empty.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics (at least one).
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Creates an error about one file.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.diagnostics = [Diagnostic(file: file, line: line, column: column, message: message)]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
