import Foundation
import Octavo

/// SIGINT (Ctrl-C) and SIGTERM for `octavo serve`, caught from the moment it is made.
///
/// Made when `serve` starts, before the first build and before the URL is printed: a signal is
/// never ignored in between (a handler set up only once the server ran lost a SIGTERM that came
/// right after the URL, and the server ran on). The first signal calls `onFirst` on the signal's
/// own queue (the stop deadline) and ends ``wait()``, whether that is waiting yet or not.
final class StopSignal: @unchecked Sendable {
    private struct State: Sendable {
        var signalled = false
        var waiting: CheckedContinuation<Void, Never>?
    }

    private let state = Unchecked.Locked(State())
    /// Kept so the sources stay alive; set once here, never changed (hence `@unchecked Sendable`).
    private let sources: [any DispatchSourceSignal]

    init(onFirst: @escaping @Sendable () -> Void) {
        // The default action would end the process at once; the sources see the signals instead.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        let state = state
        for source in sources {
            source.setEventHandler {
                let (first, waiting) = state.withLock { current -> (Bool, CheckedContinuation<Void, Never>?) in
                    defer { current.signalled = true; current.waiting = nil }
                    return (!current.signalled, current.waiting)
                }
                if first { onFirst() }
                waiting?.resume()
            }
            source.resume()
        }
    }

    /// Returns once a signal has come (at once if one came already).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let already = state.withLock { current -> Bool in
                if !current.signalled { current.waiting = continuation }
                return current.signalled
            }
            if already { continuation.resume() }
        }
    }
}
