import Foundation

// `octavo build` keeps its parsed documents in the output folder (``ParseCacheFile``), read before
// the parse step and written after a successful build, as the stamp is.
extension Pipeline {
    /// The parse cache of the output folder; an empty one with `--force` (which parses everything,
    /// as `make -B` remakes everything) or when the file cannot be read. `nil` when the running
    /// binary cannot be identified, so that no file is written that a later binary might misread.
    func openParseCache(_ destination: Destination) -> ParseCacheFile? {
        guard let executable = Bundle.main.executablePath, let binary = SourceSnapshot.line(of: executable) else { return nil }
        let url = destination.output.appendingPathComponent(ParseCacheFile.fileName)
        let bytes = destination.force ? nil : FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
        return ParseCacheFile(bytes: bytes, identity: "octavo \(binary)")
    }

    /// Writes the parse cache when this build changed what it holds: to a temporary file renamed
    /// over it, so that a build killed meanwhile leaves the old file or the new one, never a part.
    /// A cache that cannot be written only means more parsing next time, so a failure is not the build's.
    func writeParseCache(_ cache: ParseCacheFile, _ destination: Destination) {
        guard let bytes = cache.encoded() else { return }
        let url = destination.output.appendingPathComponent(ParseCacheFile.fileName)
        let temporary = destination.output.appendingPathComponent("." + ParseCacheFile.fileName + OutputWriter.temporarySuffix)
        guard (try? Data(bytes).write(to: temporary)) != nil, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            return
        }
    }
}
