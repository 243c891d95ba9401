import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (`flock(2)`) that `octavo build` holds on the folder around its output folder
/// from before it reads the site until it exits: a second build into the same place waits for the
/// first, as a second `cargo build` does, instead of clearing the first one's staging folder
/// mid-build and failing it with a misleading "cannot be written".
///
/// The lock is on the output folder's parent, which exists before the first build makes the
/// output folder (two builds that each locked the folder itself could both start while it did not
/// exist yet); two builds into different folders of the same parent therefore take turns too.
/// `octavo serve` does not take it. Where the parent cannot be opened or locked (a file system
/// without `flock`), the build goes on unlocked, as before.
final class OutputLock {
    private let descriptor: Int32

    /// Takes the lock for the output folder `output`, calling `waiting` first when another
    /// process holds it, then waiting for it; `nil` when the lock cannot be had at all.
    init?(output: URL, waiting: () -> Void) {
        let parent = output.standardizedFileURL.deletingLastPathComponent().path
        let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                return nil
            }
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    return nil
                }
            }
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
