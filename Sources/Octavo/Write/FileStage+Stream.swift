import Foundation

extension FileStage {
    /// Whether ``streamedFile(_:source:write:)`` can stage a file written a piece at a time: the
    /// stage has a folder and no record of earlier builds (`octavo serve`).
    var streams: Bool { folder != nil && known == nil }

    /// The output file at `path` whose bytes `write` hands to a staging file a piece at a time
    /// (the print edition), so that they are never held whole; unchanged when the output folder
    /// already holds the same bytes at `path` (compared chunk by chunk). With a zip bundle, the
    /// staged file is then read back a piece at a time and deflated for it on all cores (see
    /// ``DeflatedStage/add(_:contentsOf:)``): rendering the print edition of a 10,000-page site
    /// whole for the bundle kept one core busy for a second and held its 64 MB.
    /// - Returns: `nil` when the stage cannot stream (``streams``) or the staging file cannot be
    ///   written: the caller then makes the bytes whole and stages them as usual.
    func streamedFile(_ path: String, source: String? = nil, write: (FileSink) -> Void) -> OutputFile? {
        guard streams, let root, let staged = reserve() else { return nil }
        // The sink is closed (at the end of this scope) before the file is compared.
        let written: Bool = {
            guard let sink = FileSink(staged) else { return false }
            write(sink)
            return !sink.failed
        }()
        guard written else {
            unlink(staged.path)
            return nil
        }
        if let deflated, !deflated.add(path, contentsOf: staged.path) {
            unlink(staged.path)
            return nil
        }
        let existing = root.appendingPathComponent(path, isDirectory: false)
        if OutputWriter.isRegularFile(existing.path), FileStream.file(existing.path, sameAs: staged.path) {
            unlink(staged.path)
            return OutputFile(path: path, contents: .staged(existing, unchanged: true), source: source)
        }
        return OutputFile(path: path, contents: .staged(staged, unchanged: false), source: source)
    }

}
