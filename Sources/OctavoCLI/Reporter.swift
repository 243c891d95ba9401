import ArgumentParser
import Foundation
import Octavo

/// Prints diagnostics to standard error.
enum Reporter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }
}
