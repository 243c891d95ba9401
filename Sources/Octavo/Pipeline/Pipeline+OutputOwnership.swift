import Foundation

extension Pipeline {
    /// An error when the output folder exists, is not empty, and has no manifest: Octavo did not
    /// make it (a `docs/` folder of one's own, a mistyped `--output`), so building into it would mix
    /// the site with the user's files. `--force` builds into it anyway; files of the user's are
    /// still never overwritten or removed (see ``OutputWriter``). `nil` when the build may go on.
    ///
    /// A folder with a manifest that is not valid was made by Octavo, and the writer warns about it.
    func outputOwnershipProblem(_ destination: Destination) -> Diagnostic? {
        guard !destination.force else { return nil }
        var isFolder: ObjCBool = false
        let path = destination.output.path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
              // The staging folder a killed build left is Octavo's (see ``FileStage``).
              let names = (try? FileManager.default.contentsOfDirectory(atPath: path))?.filter({ $0 != FileStage.folderName }),
              !names.isEmpty, !names.contains(OutputWriter.manifestName) else { return nil }
        let sorted = names.sorted()
        let shown = sorted.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (sorted.count > 3 ? " and \(sorted.count - 3) more" : "")
        return Diagnostic(file: destination.displayOutput.text,
                          message: "is not empty (it holds \(shown)) and Octavo did not make it (it has no \(OutputWriter.manifestName)): "
                              + "pick another --output, empty the folder, or pass --force to build into it (no file of yours is overwritten or removed)")
    }
}
