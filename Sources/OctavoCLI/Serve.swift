import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine

/// `octavo serve`: checks its options, then runs `octavo-serve` in this process's place (the same
/// process id, terminal and signals), which builds, serves and rebuilds (see ``ServeOptions/helperName``).
struct Serve: ParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(commandName: "serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

    @OptionGroup var options: ServeOptions

    func run() throws {
        let folder = RunningExecutable.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? "."
        let helper = folder + "/" + ServeOptions.helperName
        // The arguments after `serve`, as they were typed: the helper reads them with the same options.
        let arguments = [helper] + CommandLine.arguments.dropFirst().drop { $0 != "serve" }.dropFirst()
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(helper, &pointers)
        // Only reached when the helper could not be started.
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data(("error: octavo serve runs \(ServeOptions.helperName), installed beside octavo, but \(helper) cannot be started (\(reason)): "
            + "build it with `make octavo` or `swift build --product \(ServeOptions.helperName)`, or install both with `make install`\n").utf8))
        throw ExitCode.failure
    }
}
