// Runs the built `octavo markdown` as a process, as a user or a script would: bytes in, bytes and exit status out.
// `swift test` builds every product of the package, so the executable sits beside the test bundle.
import Foundation
import Testing

/// The `octavo` executable of this build: beside the test bundle (any `--scratch-path`), else `.build/debug`.
let octavoExecutable: URL? = {
    var folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
    folders.append(packageRoot.appendingPathComponent(".build/debug"))
    return folders.map { $0.appendingPathComponent("octavo") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// What a run of `octavo` printed and how it exited.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `octavo` with `arguments`, `input` on standard input.
func runOctavo(_ arguments: [String], input: [UInt8]) throws -> ProcessResult {
    let executable = try #require(octavoExecutable, "no octavo executable: run `swift build --product octavo` first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Inputs and outputs here are far below a pipe's buffer, so writing all, then reading, cannot block.
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
}

@Suite("CLI: octavo markdown")
struct MarkdownCommandTests {
    @Test func convertsStandardInputToHTMLWithHeadingIDs() throws {
        let result = try runOctavo(["markdown"], input: Array("## Hello, *World*\n\nText with <b>raw</b> HTML.\n".utf8))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == """
            <h2 id="hello-world">Hello, <em>World</em><a class="permalink" href="#hello-world" aria-label="Permalink">#</a></h2>
            <p>Text with <!-- raw HTML omitted -->raw<!-- raw HTML omitted --> HTML.</p>

            """)
    }

    @Test func unsafeKeepsRawHTML() throws {
        let result = try runOctavo(["markdown", "--unsafe"], input: Array("Text with <b>raw</b> HTML.\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "<p>Text with <b>raw</b> HTML.</p>\n")
    }

    @Test func invalidUTF8ExitsWithStatus1AndSaysWhere() throws {
        let result = try runOctavo(["markdown"], input: [0x61, 0x62, 0xFF, 0x0A])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("<stdin>: error: is not valid UTF-8 (bad byte at byte offset 2)"))
    }
}
