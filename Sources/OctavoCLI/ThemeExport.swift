import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine

/// `octavo theme export DIR`: writes the built-in theme out for editing.
struct ThemeExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the built-in theme's templates and assets into a folder, to edit them.",
        discussion: """
            Writes layout.mustache, partials/, the search and print templates, epub/ and assets/. \
            Nothing is overwritten: when any of the files exists, nothing is written. A site's \
            Templates/ folder replaces the built-in theme file by file, so keep only the files you \
            change there.
            """
    )

    @Argument(help: ArgumentHelp("The folder to write into (created when missing).", valueName: "dir"))
    var folder = "Templates"

    func run() throws {
        do {
            let written = try BuiltInTheme.export(to: SiteOptions.url(folder), display: folder)
            print("Wrote \(written.count) files of the built-in theme to \(folder)/.")
            if folder != "Templates" { print("Build with them: octavo build --templates \(folder)") }
        } catch let error as BuildError {
            Reporter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
