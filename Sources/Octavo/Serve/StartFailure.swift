import Foundation

/// The error the server's run task ended with, read by `PreviewServer.start` while it waits.
final class StartFailure: @unchecked Sendable {
    // Guards `stored`: written by the run task, read by the starting one.
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }

    func record(_ error: any Error) { lock.withLock { stored = error } }
}
