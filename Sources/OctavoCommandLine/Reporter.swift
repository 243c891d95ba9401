import ArgumentParser
import Foundation
import Octavo

/// Prints diagnostics to standard error, in file order, as `check` prints them.
public enum Reporter {
    /// Writes `diagnostics` to standard error in the compiler form (`FILE:LINE:COL: error: …`).
    public static func print(_ diagnostics: [Diagnostic]) {
        FileHandle.standardError.write(Data(DiagnosticFormat.text.format(diagnostics).utf8))
    }

    /// The diagnostics as `--strict` counts them: every warning an error, so that the lines (and
    /// GitHub's annotations, and JSON's severities) say why the command failed.
    public static func strict(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.severity == .warning { diagnostic.severity = .error }
            return diagnostic
        }
    }
}
