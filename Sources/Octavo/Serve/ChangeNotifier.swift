import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells at once that something changed below the watched folders, through Linux's inotify, so
/// that a save is seen within milliseconds instead of at the next poll.
///
/// It only wakes the watcher: what changed is still decided by comparing ``SourceSnapshot``s, and
/// the watcher keeps polling too, so a change inotify misses (a full watch table, a network file
/// system, another system than Linux) is seen by the next poll all the same.
final class ChangeNotifier {
    #if canImport(Glibc)
    private let descriptor: Int32
    /// What a folder's watch reports: every way its entries can change, and the folder itself going.
    private static let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)
    #endif

    /// Starts inotify; `nil` where it cannot be used. Nothing is watched until ``watch(_:roots:)``.
    init?() {
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        #else
        return nil
        #endif
    }

    deinit {
        #if canImport(Glibc)
        close(descriptor)
        #endif
    }

    /// Watches every folder of `snapshot`, and the folder of each root that is a file (an
    /// editor's save-by-rename replaces the file, and a watch of the file would go with it).
    /// Watching a folder again keeps its one watch, so this is called after every change, for
    /// the folders made since.
    func watch(_ snapshot: SourceSnapshot, roots: [URL]) {
        #if canImport(Glibc)
        for folder in snapshot.folders { _ = inotify_add_watch(descriptor, folder, Self.mask) }
        for root in roots where !snapshot.folders.contains(root.standardizedFileURL.path) {
            _ = inotify_add_watch(descriptor, root.deletingLastPathComponent().standardizedFileURL.path, Self.mask)
        }
        #endif
    }

    /// Whether anything was reported since the last call; reads every waiting event, never blocks.
    func changed() -> Bool {
        #if canImport(Glibc)
        var any = false
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return any }
            any = true
        }
        #else
        return false
        #endif
    }
}
