import Foundation
import Octavo

/// The error the server's run task ended with, read by `PreviewServer.start` while it waits.
final class StartFailure: Sendable {
    // Written by the run task, read by the starting one.
    private let stored = Unchecked.Locked<(any Error)?>(nil)

    var error: (any Error)? { stored.withLock { $0 } }

    func record(_ error: any Error) { stored.withLock { $0 = error } }
}
