import Foundation

/// The ways diagnostics can be printed.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `FILE:LINE:COL: error: message`, one per line, as compilers print them.
    case text
    /// GitHub Actions workflow commands, `::error file=F,line=L,col=C::message`, which GitHub
    /// shows as annotations on the pull request.
    case github
    /// A JSON array of objects with `file`, `line`, `column`, `severity` and `message`
    /// (`line` and `column` are `null` when unknown).
    case json

    /// The diagnostics in this format, in file order (``Diagnostic/inFileOrder(_:)``); text and
    /// github end each line with a newline.
    ///
    /// In every format, file and message have their control characters escaped
    /// (``Diagnostic/escapingControlCharacters(_:)``): a name or key from the input that holds a
    /// line break cannot print a line of its own.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        let diagnostics = Diagnostic.inFileOrder(diagnostics)
        switch self {
        case .text:
            return diagnostics.map { $0.description + "\n" }.joined()
        case .github:
            return diagnostics.map(Self.workflowCommand).joined()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(diagnostics.map(JSONDiagnostic.init))) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    /// One workflow command; see GitHub's "Workflow commands for GitHub Actions".
    private static func workflowCommand(_ diagnostic: Diagnostic) -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties = ["file=\(escapeProperty(Diagnostic.escapingControlCharacters(diagnostic.file)))"]
        if let line = diagnostic.line { properties.append("line=\(line)") }
        if let column = diagnostic.column { properties.append("col=\(column)") }
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(Diagnostic.escapingControlCharacters(diagnostic.message)))\n"
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    private struct JSONDiagnostic: Encodable {
        var file: String
        var line: Int?
        var column: Int?
        var severity: String
        var message: String

        init(_ diagnostic: Diagnostic) {
            file = Diagnostic.escapingControlCharacters(diagnostic.file)
            line = diagnostic.line
            column = diagnostic.column
            severity = diagnostic.severity.rawValue
            message = Diagnostic.escapingControlCharacters(diagnostic.message)
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case file, line, column, severity, message }
    }
}
