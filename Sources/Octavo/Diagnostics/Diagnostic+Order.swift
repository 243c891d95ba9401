extension Diagnostic {
    /// The diagnostics in the order a reader goes through the files: by file name (compared as
    /// UTF-8 bytes, the same on every machine), then line, then column; a diagnostic about a
    /// whole file (no line) comes before those at a line of it. Diagnostics at the same place
    /// keep the order the stages found them in.
    ///
    /// Every command prints through this order (``DiagnosticFormat/format(_:)``), so `check` and
    /// `build` list the same problems in the same order, whatever stage found each one.
    public static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
            if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
            if a.column != b.column { return (a.column ?? 0) < (b.column ?? 0) }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
