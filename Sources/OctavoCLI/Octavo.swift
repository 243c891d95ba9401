import ArgumentParser

/// The `octavo` command: a static site generator for Markdown documents and trees.
///
/// Synchronous: no subcommand awaits anything (`serve` runs its own helper in this process's
/// place), and an asynchronous `main` started Swift's task runtime and ran the command on
/// another thread, a fixed cost of every start.
@main
struct OctavoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "octavo",
        abstract: "Build cross-linked HTML sites from Markdown.",
        version: "0.1.0",
        subcommands: [Build.self, Check.self, Serve.self, Init.self, Theme.self, Markdown.self],
        defaultSubcommand: Build.self
    )

    /// Refuses an unknown subcommand (`octavo serv`, `octavo help nope`) with a suggestion and
    /// exit status 64, as other usage errors, then runs the command line as usual.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        if let problem = CommandNameCheck.problem(in: arguments, commands: commands) {
            exit(withError: ValidationError(problem))
        }
        main(arguments)
    }
}
