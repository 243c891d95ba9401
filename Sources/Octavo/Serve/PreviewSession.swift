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
        await finish(PendingBuild(pipeline()))
    }

    /// The pipeline of a build with the session's cache.
    private func pipeline() -> Pipeline {
        var pipeline = Pipeline(options: options)
        pipeline.cache = cache
        return pipeline
    }

    /// Commits `pending` once it is prepared, then reports and tells the open pages.
    @discardableResult
    private func finish(_ pending: PendingBuild) async -> Outcome {
        let outcome = await pending.commit()
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
    /// inputs are also compared every `interval`, which catches what inotify cannot see. A burst
    /// of changes, each within `quiet` of the one before (an editor's write, rename and attribute
    /// change, or a `git checkout`), gives one rebuild:
    /// - with inotify, the rebuild is prepared (``Pipeline/prepare()``: read, rendered and
    ///   staged, the output folder untouched) as soon as inotify has been silent for ``settle``,
    ///   and written only once it is ready and inotify has been silent for `quiet`; a change
    ///   before that drops it, and the next one is prepared once the inputs have been still for
    ///   `quiet`. So the wait for quiet runs while the rebuild is made, not before it.
    /// - when polling, the inputs must stay unchanged for `quiet` (two snapshots `quiet` apart
    ///   equal) before the rebuild starts.
    /// A change made during a rebuild is seen afterwards, since the snapshot compared against is
    /// the one taken before it.
    /// - Parameters:
    ///   - baseline: the inputs as they were when the last build started; take it before that build,
    ///     so a change made while it ran, or before this call, is not missed. Nil: as they are now.
    ///   - interval: time between polls (250 ms).
    ///   - quiet: how long the inputs must stay still before a rebuild is written (100 ms).
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
            if notified, let notifier {
                do { try await rebuild(notifier, baseline: &baseline, quiet: quiet) } catch { return }
                continue
            }
            var current = SourceSnapshot(of: watched)
            guard current != baseline else { continue }
            while true {
                do { try await Task.sleep(for: quiet) } catch { return }
                let next = SourceSnapshot(of: watched)
                if next == current { break }
                current = next
            }
            baseline = current
            _ = notifier?.changed()
            // Folders made since are watched from now on.
            notifier?.watch(current, roots: watched)
            await build()
        }
    }

    /// Rebuilds after inotify told of a change (see ``watch(from:interval:quiet:notify:)``): a
    /// rebuild is prepared at once and written only when nothing changed while it was made and
    /// for `quiet` after the last change; otherwise it is dropped and the next one prepared.
    /// - Throws: `CancellationError` when the watching task is cancelled (a prepared build is dropped).
    private func rebuild(_ notifier: ChangeNotifier, baseline: inout SourceSnapshot, quiet: Duration) async throws {
        let clock = ContinuousClock()
        var lastChange = clock.now
        // The events of one save come within a millisecond or two (write, rename, attributes):
        // let them all land before the inputs are read.
        while true {
            try await Task.sleep(for: Self.settle)
            guard notifier.changed() else { break }
            lastChange = clock.now
        }
        while true {
            // Taken before the build reads the inputs: a change made while it runs is seen by a later poll.
            let current = SourceSnapshot(of: watched)
            // Folders made since are watched from now on.
            notifier.watch(current, roots: watched)
            // Nothing the build reads changed (a file saved as it was): no rebuild.
            guard current != baseline else { return }
            let pending = PendingBuild(pipeline())
            var changed = false
            while !(pending.isReady && (changed || clock.now >= lastChange + quiet)) {
                do { try await Task.sleep(for: Self.readyTick) } catch {
                    await pending.discard()
                    throw error
                }
                if notifier.changed() {
                    changed = true
                    lastChange = clock.now
                }
            }
            if !changed {
                baseline = current
                await finish(pending)
                return
            }
            // Changed again while it was made: dropped; the next is made once the inputs are still.
            await pending.discard()
            while clock.now < lastChange + quiet {
                try await Task.sleep(for: lastChange + quiet - clock.now)
                if notifier.changed() { lastChange = clock.now }
            }
        }
    }

    /// How often the watcher reads inotify's news: the most a save waits before it is seen.
    static let tick = Duration.milliseconds(10)

    /// How long inotify must be silent after a change before a rebuild is prepared: the events of
    /// one save come within a millisecond or two.
    static let settle = Duration.milliseconds(5)

    /// How often the watcher looks whether a prepared rebuild is ready (and at inotify's news) while
    /// one is being made: the most a ready rebuild waits before it is written.
    static let readyTick = Duration.milliseconds(2)
}
