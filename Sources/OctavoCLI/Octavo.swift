import ArgumentParser

/// The `octavo` command: a static site generator for Markdown documents and trees.
@main
struct OctavoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "octavo",
        abstract: "Build cross-linked HTML sites from Markdown.",
        version: "0.1.0",
        subcommands: [Build.self, Check.self, Serve.self, Init.self, Theme.self, Markdown.self],
        defaultSubcommand: Build.self
    )
}
