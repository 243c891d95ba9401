import Foundation

/// Watches a site's inputs and rebuilds it into the served output folder, telling open pages.
///
/// Each rebuild is a `Pipeline.build()` with the session's ``BuildCache``: only the files whose
/// bytes changed are parsed again and only the pages whose context or templates changed are
/// rendered again, and what is served is exactly what `octavo build` writes. A failed rebuild
/// changes nothing in the output folder (the build's own promise), so the last good site keeps
/// being served while the pages show the diagnostics.
public final class PreviewSession: Sendable {
    /// What one build gave.
    public enum Outcome: Sendable {
        /// The build succeeded; its report (warnings included).
        case built(Pipeline.Report, milliseconds: Int)
        /// The build failed with these diagnostics; the output folder was not changed.
        case failed([Diagnostic])
    }

    /// The build's options; `options.output` is the folder served.
    public let options: Pipeline.Options
    /// The files and folders watched: the content folder (with `site.yml`) and the templates folder.
    public let watched: [URL]
    /// What each build leaves for the next one.
    public let cache = BuildCache()
    private let events: ReloadEvents
    private let report: @Sendable (Outcome) -> Void

    /// Creates a session.
    /// - Parameters:
    ///   - options: the site to build.
    ///   - events: the event streams of the open pages.
    ///   - report: called after every build (to print its result), on the watching task.
    public init(options: Pipeline.Options, events: ReloadEvents, report: @escaping @Sendable (Outcome) -> Void) {
        self.options = options
        var watched = [options.content, options.templates]
        // site.yml lives in the content folder; named here too in case a later layout moves it.
        let config = options.content.appendingPathComponent(SiteConfig.fileName)
        if !watched.contains(where: { config.path.hasPrefix($0.path + "/") }) { watched.append(config) }
        self.watched = watched
        self.events = events
        self.report = report
    }

    /// Builds the site once, off the caller's thread, then reports and tells the open pages
    /// (`reload` on success, `failed` with the diagnostics otherwise).
    @discardableResult
    public func build() async -> Outcome {
        var configured = Pipeline(options: options)
        configured.cache = cache
        let pipeline = configured
        let outcome: Outcome = await withCheckedContinuation { continuation in
            // A build blocks its thread for up to seconds: keep it off the server's cooperative pool.
            Thread.detachNewThread {
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    let report = try pipeline.build()
                    let elapsed = (clock.now - start).components
                    continuation.resume(returning: .built(report, milliseconds: Int(elapsed.seconds) * 1000 + Int(elapsed.attoseconds / 1_000_000_000_000_000)))
                } catch let error as BuildError {
                    continuation.resume(returning: .failed(error.otherDiagnostics + error.diagnostics))
                } catch {
                    continuation.resume(returning: .failed([Diagnostic(file: pipeline.input.displayContent.text, message: "the build stopped: \(error)")]))
                }
            }
        }
        report(outcome)
        switch outcome {
        case .built: events.reload()
        case .failed(let diagnostics):
            let lines = Diagnostic.inFileOrder(diagnostics).map(\.description) + (Self.hint(for: diagnostics).map { ["", $0] } ?? [])
            events.fail(lines.joined(separator: "\n"))
        }
        return outcome
    }

    /// Watches the inputs until the task is cancelled, and rebuilds after each change.
    ///
    /// On Linux, inotify (``ChangeNotifier``) tells of a change within ``tick``; everywhere, the
    /// inputs are also compared every `interval`, which catches what inotify cannot see. Once a
    /// change is seen, the inputs must stay unchanged for `quiet` before the rebuild starts (inotify
    /// silent for that long, or two snapshots `quiet` apart equal when polling), so a burst of saves (an editor's write, rename and attribute change, or a `git checkout`) gives
    /// one rebuild. A change made during a rebuild is seen afterwards, since the snapshot compared
    /// against is the one taken before it.
    /// - Parameters:
    ///   - baseline: the inputs as they were when the last build started; take it before that build,
    ///     so a change made while it ran, or before this call, is not missed. Nil: as they are now.
    ///   - interval: time between polls (250 ms).
    ///   - quiet: how long the inputs must stay still before a rebuild (100 ms).
    ///   - notify: whether to use inotify where there is one (tests of polling turn it off).
    public func watch(from baseline: SourceSnapshot? = nil, interval: Duration = .milliseconds(250),
                      quiet: Duration = .milliseconds(100), notify: Bool = true) async {
        var baseline = baseline ?? SourceSnapshot(of: watched)
        let notifier = notify ? ChangeNotifier() : nil
        notifier?.watch(baseline, roots: watched)
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let poll = clock.now + interval
            // Between polls, look at inotify's news every tick (a read that never blocks: this
            // task shares the server's few threads).
            var notified = false
            while clock.now < poll {
                do { try await Task.sleep(for: min(Self.tick, poll - clock.now)) } catch { return }
                if notifier?.changed() == true {
                    notified = true
                    break
                }
            }
            var current: SourceSnapshot
            if notified, let notifier {
                // inotify tells of every change as it happens: wait until it has been silent for
                // `quiet`, then take one snapshot (a walk of every input, on the way to each
                // preview). A change it misses is seen by a later poll, which compares against
                // this snapshot, taken before the build.
                repeat {
                    do { try await Task.sleep(for: quiet) } catch { return }
                } while notifier.changed()
                current = SourceSnapshot(of: watched)
                guard current != baseline else { continue }
            } else {
                current = SourceSnapshot(of: watched)
                guard current != baseline else { continue }
                while true {
                    do { try await Task.sleep(for: quiet) } catch { return }
                    let next = SourceSnapshot(of: watched)
                    if next == current { break }
                    current = next
                }
            }
            baseline = current
            _ = notifier?.changed()
            // Folders made since are watched from now on.
            notifier?.watch(current, roots: watched)
            await build()
        }
    }

    /// How often the watcher reads inotify's news: the most a save waits before it is seen.
    static let tick = Duration.milliseconds(10)
}
