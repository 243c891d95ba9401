import ArgumentParser
import Foundation
import Octavo

/// `octavo serve`: builds the site, serves the output folder and rebuilds it on every change.
struct Serve: AsyncParsableCommand {
    // Named here rather than derived from the type's name: ArgumentParser derives it through
    // `String(describing:)`, reflection that cost every start about 1 ms.
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on this machine and rebuild it when an input changes.",
        discussion: """
            Serves exactly the files the build writes to the output folder. Open pages reload after \
            each rebuild (a script added to the HTML responses only, never to the files). A failed \
            rebuild prints its diagnostics here and shows them over the open pages; the output folder \
            keeps the last good build. Watches the content folder (site.yml included) and the \
            templates folder. Ctrl-C stops.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .customLong("output"), help: ArgumentHelp("The folder to write the site to and serve (default: Output, beside the content folder).", valueName: "dir"))
    var givenOutput: String?

    /// The output folder, relative to the current folder (the site's root once found).
    var output: String { givenOutput ?? "Output" }

    @Option(name: .long, help: ArgumentHelp("The address to listen on; 0.0.0.0 lets other machines connect.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (default: 8000, or the next free one).", valueName: "port"))
    var port: UInt16?

    @Flag(name: .long, help: "Build into an output folder that is not empty and has no .octavo-manifest (Octavo did not make it).")
    var force = false

    @Flag(name: .long, help: "Also build and serve the pages marked draft: true in their front matter.")
    var drafts = false

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    mutating func run() async throws {
        // Ctrl-C must end the program within a second, whatever is running: a thread of its own
        // (not the task pool or GCD's, which a rebuild and a busy machine can hold up for more
        // than a second) ends it 0.7 s after the first signal.
        let stop = StopSignal { Thread.detachNewThread { usleep(700_000); Self.finish() } }
        var given = [givenOutput]
        if let root = site.enterSiteRoot(paths: &given) { Self.say(root) }
        givenOutput = given[0]
        var options = Pipeline.Options(
            content: SiteOptions.url(site.content), templates: SiteOptions.url(site.templates),
            output: SiteOptions.url(output), displayContent: site.content, displayTemplates: site.templates,
            displayOutput: output, baseURL: site.baseURL)
        options.destination.force = force
        options.builtInTheme = true
        options.drafts = drafts ? .published : .leftOut
        options.input.bookTitle = site.bookTitle
        // Rebuilds reuse the memory of the build before instead of faulting in fresh pages.
        FreedMemory.keepForReuse()
        let events = ReloadEvents()
        let display = output
        let session = PreviewSession(options: options, events: events) { outcome in
            switch outcome {
            case .built(let report, let milliseconds):
                Reporter.print(report.diagnostics)
                let pages = report.pages == 1 ? "1 page" : "\(report.pages) pages"
                let changes = report.write.map { ", \($0.written) written, \($0.removed) removed" } ?? ""
                Self.say("Built \(pages) (\(report.files) files\(changes)) in \(milliseconds) ms")
            case .failed(let diagnostics):
                Reporter.print(diagnostics)
                let hint = PreviewSession.hint(for: diagnostics).map { $0 + "\n" } ?? ""
                FileHandle.standardError.write(Data("Build failed: \(display) was not changed; still serving the last good build.\n\(hint)".utf8))
            }
        }
        // Taken before the first build, so a save made while it runs or before watching starts
        // still gives a rebuild.
        let baseline = SourceSnapshot(of: session.watched)
        await session.build()

        let server: PreviewServer
        do {
            server = try await start(options.output, events: events)
        } catch let error as PreviewServer.StartError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        // A templates folder that does not exist (the built-in theme) is watched for its creation,
        // but not named as if it held templates.
        let templates = FileManager.default.fileExists(atPath: options.templates.path) ? ", \(site.templates)" : ""
        Self.say("Serving \(output) at \(server.url) (watching \(site.content)\(templates); Ctrl-C to stop)")
        if drafts { Self.say("Draft pages are written to \(output): build it again with octavo build before you publish it.") }
        if open { openBrowser(server.url) }

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
        if let port { return try await PreviewServer.start(output: output, host: host, port: port, events: events) }
        for candidate in UInt16(8000)..<8100 {
            do {
                return try await PreviewServer.start(output: output, host: host, port: candidate, events: events)
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
