import ArgumentParser
import Foundation
import Octavo

/// `octavo markdown`: Markdown on standard input to HTML on standard output, like `cmark`.
struct Markdown: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert Markdown on standard input to an HTML body on standard output.",
        discussion: "Uses the same code that renders pages: CommonMark 0.30 by libcmark, with heading ids and permalinks."
    )

    @Flag(name: .long, help: "Keep raw HTML and dangerous URLs (off by default, as in cmark).")
    var unsafe = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let text: String
        do {
            text = try SourceFile.decodeInput([UInt8](input), file: "<stdin>")
        } catch let error as BuildError {
            Reporter.print(error.diagnostics)
            throw ExitCode.failure
        }
        FileHandle.standardOutput.write(Data(MarkdownRenderer(unsafe: unsafe).html(text).utf8))
    }
}
