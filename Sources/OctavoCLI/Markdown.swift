import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine

/// `octavo markdown`: Markdown on standard input to HTML on standard output, like `cmark`.
struct Markdown: ParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Convert Markdown on standard input to an HTML body on standard output.",
        discussion: """
            Uses the same code that renders pages: CommonMark 0.30 by libcmark, with heading ids and \
            permalinks, and GitHub-flavoured Markdown's tables, task lists, strikethrough, extended \
            autolinks and alerts (the default, as 'markdown: gfm' in site.yml); --commonmark reads \
            CommonMark 0.30 only. Standard error names the mode used.
            """
    )

    @Flag(name: .long, help: "Keep raw HTML and dangerous URLs (off by default, as in cmark).")
    var unsafe = false

    @Flag(name: .long, help: "CommonMark 0.30 only, without GitHub's extensions (as 'markdown: commonmark' in site.yml).")
    var commonmark = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let text: String
        do {
            text = try SourceFile.decodeInput([UInt8](input), file: "<stdin>")
        } catch let error as BuildError {
            Reporter.print(error.diagnostics)
            throw ExitCode.failure
        }
        FileHandle.standardError.write(Data((commonmark ? Self.commonMarkMode : Self.gfmMode).utf8))
        let rendered = MarkdownRenderer(unsafe: unsafe, gfm: !commonmark).render(text)
        Reporter.print(rendered.warnings.map { Diagnostic(file: "<stdin>", line: $0.line, column: $0.column, severity: .warning, message: $0.message) })
        FileHandle.standardOutput.write(Data(rendered.html.utf8))
    }

    /// What standard error says in each mode.
    static let gfmMode = "octavo markdown: GitHub-flavoured Markdown (CommonMark 0.30 + tables, task lists, strikethrough, autolinks, alerts); --commonmark for CommonMark only\n"
    static let commonMarkMode = "octavo markdown: CommonMark 0.30 only (--commonmark)\n"
}
