import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (`flock(2)`) that `octavo build` and `octavo serve` hold on the folder around
/// their output folder while they write it: a second build into the same place waits for the
/// first, as a second `cargo build` does, and a second `serve` is refused, instead of one clearing
/// the other's staging folder mid-build and failing it with a misleading "cannot be written".
///
/// The lock is on the output folder's parent, which exists before the first build makes the
/// output folder (two builds that each locked the folder itself could both start while it did not
/// exist yet); two builds into different folders of the same parent therefore take turns too.
/// Where the parent cannot be opened or locked (a file system without `flock`), the command goes
/// on unlocked, as before.
public final class OutputLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// What taking the lock gave.
    public enum Outcome {
        /// The lock, held until the value is released.
        case held(OutputLock)
        /// Another process holds it, and the caller asked not to wait.
        case busy
        /// The lock cannot be had here (the parent cannot be opened, or has no `flock`).
        case unavailable
    }

    /// Takes the lock for the output folder `output`. When another process holds it: with
    /// `waiting`, calls it, then waits for the lock; without, answers ``Outcome/busy``.
    public static func take(output: URL, waiting: (() -> Void)?) -> Outcome {
        let parent = output.standardizedFileURL.deletingLastPathComponent().path
        let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unavailable }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return .held(OutputLock(descriptor: descriptor)) }
        guard errno == EWOULDBLOCK else {
            close(descriptor)
            return .unavailable
        }
        guard let waiting else {
            close(descriptor)
            return .busy
        }
        waiting()
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                return .unavailable
            }
        }
        return .held(OutputLock(descriptor: descriptor))
    }
}
