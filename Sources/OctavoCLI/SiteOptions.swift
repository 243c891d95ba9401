import ArgumentParser
import Foundation
import Octavo

/// The folder options every site command shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of Markdown files and assets.", valueName: "dir"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("The folder of Mustache templates (layout.mustache, partials/, assets/).", valueName: "dir"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp(
        "The URL the site is published at, for canonical links, sitemap.xml, robots.txt and Open Graph; overrides base_url in site.yml.",
        valueName: "url"))
    var baseURL: String?

    /// Resolves a folder given on the command line against the current folder.
    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
