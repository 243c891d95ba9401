import ArgumentParser

/// `octavo theme`: the built-in theme.
struct Theme: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the built-in theme.",
        subcommands: [ThemeExport.self]
    )
}
