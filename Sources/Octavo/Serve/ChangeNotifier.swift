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
    /// The watches of folders below the roots: every event in them counts.
    private var folderWatches: Set<Int32> = []
    /// The watches of a root's parent folder (a root that is a file, or a folder not made yet),
    /// with the names in it that count: the parent holds other things, such as the output folder,
    /// whose making and removal by the build must not look like a change of the inputs (a first
    /// build that fails removes the output folder it made, and each rebuild would be dropped).
    private var parentWatches: [Int32: Set<String>] = [:]
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
        for folder in snapshot.folders {
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            if watch >= 0 { folderWatches.insert(watch) }
        }
        for root in roots where !snapshot.folders.contains(root.standardizedFileURL.path) {
            let watch = inotify_add_watch(descriptor, root.deletingLastPathComponent().standardizedFileURL.path, Self.mask)
            if watch >= 0 { parentWatches[watch, default: []].insert(root.standardizedFileURL.lastPathComponent) }
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
            // Events: `struct inotify_event` (wd, mask, cookie, len: 16 bytes), then `len` bytes of
            // the entry's name, padded with NULs.
            var offset = 0
            while offset + 16 <= count {
                let (watch, length) = buffer.withUnsafeBytes { bytes in
                    (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self), Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let end = min(count, offset + 16 + length)
                if !any {
                    if let names = parentWatches[watch], !folderWatches.contains(watch) {
                        let name = String(decoding: buffer[(offset + 16)..<end].prefix { $0 != 0 }, as: UTF8.self)
                        any = names.contains(name)
                    } else {
                        any = true
                    }
                }
                offset = end
            }
        }
        #else
        return false
        #endif
    }
}
