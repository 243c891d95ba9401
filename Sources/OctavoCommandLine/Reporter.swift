import ArgumentParser
import Foundation
import Octavo

/// Prints diagnostics to standard error, in file order, as `check` prints them.
public enum Reporter {
    public static func print(_ diagnostics: [Diagnostic]) {
        FileHandle.standardError.write(Data(DiagnosticFormat.text.format(diagnostics).utf8))
    }
}
