import ArgumentParser
import Octavo

/// Finds a subcommand name that is not one, before swift-argument-parser reads the arguments.
///
/// `build` is the default subcommand and takes no positional argument, so the parser would report
/// `octavo serv` as "Unexpected argument 'serv'" of `build`; and `octavo help nope` prints the
/// overview and exits 0. Both should say the command is unknown, suggest the one meant, and fail.
enum CommandNameCheck {
    /// The message for the first argument, or for the one after `help`, when it looks like a
    /// command name (not an option) and names no subcommand; `nil` when the arguments are fine.
    /// - Parameters:
    ///   - arguments: The command line without the program's name.
    ///   - commands: The subcommands' names (`build`, `check` …).
    static func problem(in arguments: [String], commands: [String]) -> String? {
        guard var name = arguments.first, !name.hasPrefix("-") else { return nil }
        var prefix = "unknown command"
        if name == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
            name = arguments[1]
            prefix = "help: unknown command"
        }
        guard !commands.contains(name) else { return nil }
        let hint = Suggestion.closest(to: name, among: commands).map { "did you mean '\($0)'?" }
            ?? "the commands are " + commands.joined(separator: ", ")
        return "\(prefix) '\(name)': \(hint)"
    }
}
