import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine

/// `octavo init [DIR]`: writes a starter site.
struct Init: ParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site: a few pages, commented settings and a GitHub workflow.",
        discussion: """
            Writes Content/index.md, two pages in Content/guide/, Content/site.yml with every \
            setting commented, a .gitignore and .github/workflows/docs.yml, which checks the site \
            and publishes it to GitHub Pages. The site uses the built-in theme; `octavo theme export` \
            writes it out to edit. Refuses a folder that is not empty unless --force; never \
            overwrites a file.
            """
    )

    @Argument(help: ArgumentHelp("The folder of the new site (created when missing).", valueName: "dir"))
    var folder = "."

    @Flag(name: .long, help: "Accept a folder that is not empty: add the starter files it lacks, keep every file it has.")
    var force = false

    func run() throws {
        let outcome: StarterSite.Outcome
        do {
            outcome = try StarterSite.write(to: SiteOptions.url(folder), display: folder, force: force)
        } catch let error as BuildError {
            Reporter.print(error.diagnostics)
            throw ExitCode.failure
        }
        let place = folder == "." ? "this folder" : folder
        print("Wrote \(outcome.written.count) files to \(place)\(outcome.kept.isEmpty ? "" : "; kept \(outcome.kept.count) that were there (\(outcome.kept.joined(separator: ", ")))").")
        print("In .github/workflows/docs.yml, replace OWNER/octavo with the repository you got Octavo from.")
        print("Next:")
        if folder != "." { print("  cd \(Self.quoted(folder))") }
        print("  octavo serve    # preview it at a local address, rebuilt on every save")
        print("  octavo build    # write it into Output/")
    }

    /// The folder as a shell reads it back: quoted when it holds anything but plain characters.
    private static func quoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
