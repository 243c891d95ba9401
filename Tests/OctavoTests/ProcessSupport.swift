// Running the built `octavo` executable from tests.
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

/// Runs `octavo` with `arguments` in `folder` (default: the current folder), `input` on standard input,
/// and `environment` added to this process's environment.
@discardableResult
func runOctavo(_ arguments: [String], in folder: URL? = nil, input: [UInt8] = [], environment: [String: String] = [:]) throws -> ProcessResult {
    let executable = try #require(octavoExecutable, "no octavo executable: run `swift build --product octavo` first")
    return try runProcess(executable, arguments, in: folder, input: input, environment: environment)
}

/// Runs `executable` with `arguments` in `folder`, as ``runOctavo(_:in:input:environment:)`` runs octavo.
@discardableResult
func runProcess(_ executable: URL, _ arguments: [String], in folder: URL? = nil, input: [UInt8] = [], environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
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

