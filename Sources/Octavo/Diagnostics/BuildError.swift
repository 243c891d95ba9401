/// The error a build throws when it cannot go on: one or more diagnostics of severity `.error`.
///
/// Every input error is found before the first write, and then nothing has been written to the
/// output folder (``written`` is `nil`). An error of the file system while writing (a full disk, a
/// file that vanished) comes after the first write: ``written`` then says what was changed.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the order it was found; never empty.
    public var diagnostics: [Diagnostic]
    /// What the build had changed when it failed, as a sentence (`3 files were written: index.html,
    /// a/index.html, assets/style.css; every other file is as it was`), or `nil` when it failed
    /// before changing anything.
    public var written: String?
    /// The warnings and notes found with the errors that did not fail the build themselves, in the
    /// order found: a failed build prints them too, so that fixing the errors brings no surprise.
    public var otherDiagnostics: [Diagnostic] = []

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
