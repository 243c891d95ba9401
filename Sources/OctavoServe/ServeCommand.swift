import ArgumentParser
import Foundation
import Octavo
import OctavoCommandLine
import OctavoServer

/// `octavo-serve`, which `octavo serve` runs in its place: builds the site, serves the output
/// folder and rebuilds it on every change. A program of its own because the HTTP server links
/// Foundation's networking and libcurl with its twenty-odd shared libraries, which would otherwise
/// load at every start of `octavo build` (see ``ServeOptions/helperName``).
@main
struct ServeCommand: AsyncParsableCommand {
    // Named as the user typed it, for usage lines and errors.
    static let configuration = CommandConfiguration(commandName: "octavo serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

    @OptionGroup var options: ServeOptions

    mutating func run() async throws {
        // Ctrl-C must end the program within a second, whatever is running: a thread of its own
        // (not the task pool or GCD's, which a rebuild and a busy machine can hold up for more
        // than a second) ends it 0.7 s after the first signal.
        let stop = StopSignal { Thread.detachNewThread { usleep(700_000); Self.finish() } }
        var given = [options.givenOutput]
        if let root = options.site.enterSiteRoot(paths: &given) { Self.say(root) }
        options.givenOutput = given[0]
        var pipeline = Pipeline.Options(
            content: SiteOptions.url(options.site.content), templates: SiteOptions.url(options.site.templates),
            output: SiteOptions.url(options.output), displayContent: options.site.content, displayTemplates: options.site.templates,
            displayOutput: options.output, baseURL: options.site.baseURL)
        pipeline.destination.force = options.force
        pipeline.builtInTheme = true
        pipeline.drafts = options.drafts ? .published : .leftOut
        pipeline.input.bookTitle = options.site.bookTitle
        pipeline.input.generator = options.site.generatorConfig
        // An output folder that cannot be one (inside the content folder …) ends the command, as
        // it ends `octavo build`, rather than serving nothing.
        do {
            try Pipeline(options: pipeline).checkDestination()
        } catch let error as BuildError {
            Reporter.print(error.diagnostics)
            throw ExitCode.failure
        }
        // One server per output folder: a second one would clear the first one's staging folder.
        let lock = OutputLock.take(output: pipeline.output, waiting: nil)
        if case .busy = lock {
            FileHandle.standardError.write(Data("error: another octavo serve (or build) is writing to \(options.output): stop it, or serve into another folder with --output\n".utf8))
            throw ExitCode.failure
        }
        defer { withExtendedLifetime(lock) {} }
        // Rebuilds reuse the memory of the build before instead of faulting in fresh pages.
        FreedMemory.keepForReuse()
        let events = ReloadEvents()
        let display = options.output
        let output = pipeline.output
        let session = PreviewSession(options: pipeline, events: events) { outcome in
            switch outcome {
            case .built(let report, let milliseconds):
                Reporter.print(report.diagnostics)
                let pages = report.pages == 1 ? "1 page" : "\(report.pages) pages"
                let changes = report.write.map { ", \($0.written) written, \($0.removed) removed" } ?? ""
                Self.say("Built \(pages) (\(report.files) files\(changes)) in \(milliseconds) ms")
            case .failed(let diagnostics):
                Reporter.print(diagnostics)
                let hint = PreviewSession.hint(for: diagnostics).map { $0 + "\n" } ?? ""
                // A build that succeeded (this session's or an earlier one) left its manifest.
                let served = FileManager.default.fileExists(atPath: output.appendingPathComponent(".octavo-manifest").path)
                    ? "still serving the last good build" : "nothing to serve until a build succeeds"
                let made = FileManager.default.fileExists(atPath: output.path)
                FileHandle.standardError.write(Data("Build failed: \(display) was not \(made ? "changed" : "created"); \(served).\n\(hint)".utf8))
            }
        }
        // Taken before the first build, so a save made while it runs or before watching starts
        // still gives a rebuild.
        let baseline = SourceSnapshot(of: session.watched)
        // The port first: a port in use ends the command before it writes the output folder.
        let server: PreviewServer
        do {
            server = try await start(pipeline.output, events: events)
        } catch let error as PreviewServer.StartError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        await session.build()

        // A templates folder that does not exist (the built-in theme) is watched for its creation,
        // but not named as if it held templates.
        let templates = FileManager.default.fileExists(atPath: pipeline.templates.path) ? ", \(options.site.templates)" : ""
        Self.say("Serving \(options.output) at \(server.url) (watching \(options.site.content)\(templates); Ctrl-C to stop)")
        if options.drafts { Self.say("Draft pages are written to \(options.output): build it again with octavo build before you publish it.") }
        if options.open { openBrowser(server.url) }

        let watcher = Task { await session.watch(from: baseline) }
        await stop.wait()
        watcher.cancel()
        // Open responses get a quarter of a second; the deadline armed when the signal came
        // (`stop`) ends the process anyway should closing the sockets take longer.
        await server.stop(timeout: 0.25)
        Self.finish()
    }

    private static let finishing = NSLock()

    /// Writes a line to standard output at once (unbuffered even into a pipe or a log file, so the
    /// URL and each rebuild show when they happen).
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints that the server stopped and ends the process (once, whichever path comes first).
    private static func finish() -> Never {
        finishing.lock()
        Self.say("Stopped.")
        // _exit, not exit: the output is already written, and exit's teardown of the runtime's
        // threads has taken over a second here.
        _exit(0)
    }

    /// Listens on `--port`, or on 8000 and the next 99 ports until one is free.
    private func start(_ output: URL, events: ReloadEvents) async throws -> PreviewServer {
        if let port = options.port { return try await PreviewServer.start(output: output, host: options.host, port: port, events: events) }
        for candidate in UInt16(8000)..<8100 {
            do {
                return try await PreviewServer.start(output: output, host: options.host, port: candidate, events: events)
            } catch PreviewServer.StartError.portInUse {
                continue
            }
        }
        throw PreviewServer.StartError.socket("ports 8000 to 8099 are all in use: choose one with --port")
    }

    private func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #endif
        process.arguments = (process.executableURL?.lastPathComponent == "env" ? ["xdg-open"] : []) + [url]
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("warning: could not open a browser (\(error)); open \(url) yourself\n".utf8))
        }
    }
}
