import ArgumentParser

/// `octavo theme`: the built-in theme.
struct Theme: ParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Work with the built-in theme.",
        subcommands: [ThemeExport.self]
    )
}
