import ArgumentParser
import Foundation

/// The options of `octavo serve`, which `octavo` checks and `octavo-serve` runs with (see
/// ``ServeOptions/helperName``): declared once, so the two read a command line alike.
public struct ServeOptions: ParsableArguments {
    /// Creates the options with every value at its default (as ArgumentParser needs).
    public init() {}

    /// What `octavo help` says of `serve`.
    public static let abstract = "Build the site, serve it on this machine and rebuild it when an input changes."

    /// The longer description of `octavo serve --help`.
    public static let discussion = """
        Serves exactly the files the build writes to the output folder. Open pages reload after \
        each rebuild (a script added to the HTML responses only, never to the files). A failed \
        rebuild prints its diagnostics here and shows them over the open pages; the output folder \
        keeps the last good build. Watches the content folder (site.yml included) and the \
        templates folder. Ctrl-C stops.
        """

    /// The program `octavo serve` runs in its place, installed beside `octavo`: the HTTP server
    /// links Foundation's networking and libcurl, which `octavo` itself then never loads.
    public static let helperName = "octavo-serve"

    /// The content and templates folders and the base URL.
    @OptionGroup public var site: SiteOptions

    /// The output folder as given with `--output`.
    @Option(name: .customLong("output"), help: ArgumentHelp("The folder to write the site to and serve (default: Output, beside the content folder).", valueName: "dir"))
    public var givenOutput: String?

    /// The output folder, relative to the current folder (the site's root once found).
    public var output: String { givenOutput ?? site.inRoot("Output") }

    public func validate() throws {
        if givenOutput?.isEmpty == true { throw ValidationError("--output needs a folder, such as --output Output") }
    }

    /// The address to listen on.
    @Option(name: .long, help: ArgumentHelp("The address to listen on; 0.0.0.0 lets other machines connect.", valueName: "address"))
    public var host = "127.0.0.1"

    /// The port to listen on; `nil`: 8000 or the next free one.
    @Option(name: .long, help: ArgumentHelp("The port to listen on (default: 8000, or the next free one).", valueName: "port"))
    public var port: UInt16?

    /// Whether to build into a folder Octavo did not make.
    @Flag(name: .long, help: "Build into an output folder that is not empty and has no .octavo-manifest (Octavo did not make it).")
    public var force = false

    /// Whether to build and serve the drafts.
    @Flag(name: .long, help: "Also build and serve the pages marked draft: true in their front matter.")
    public var drafts = false

    /// Whether to open the site in the default browser.
    @Flag(name: .long, help: "Open the site in the default browser.")
    public var open = false
}
