import Foundation

/// Keeps each page's ``PageScan`` between builds (`BuildCache`, which `octavo serve` keeps), so
/// that the audit reads again only the pages whose HTML changed.
///
/// Entries are named by the page's path and reused only when its HTML has the same bytes
/// (compared whole) and the unresolved destinations of its source are the same; the checks across
/// pages (links to files and ids of other pages, pages no link reaches) run on every build.
public final class AuditCache: Sendable {
    private struct Entry: Sendable {
        var html: String
        var unresolved: Set<String>
        var scan: PageScan
    }

    private let entries = Unchecked.Locked<[String: Entry]>([:])

    /// Creates an empty cache.
    public init() {}

    /// The scan of the page at `path` an earlier build made of the same HTML and unresolved destinations, or `nil`.
    func scan(path: String, html: String, unresolved: Set<String>) -> PageScan? {
        entries.withLock { entries in
            guard let entry = entries[path], entry.unresolved == unresolved, entry.html.hasSameBytes(as: html) else { return nil }
            return entry.scan
        }
    }

    /// Keeps this build's scans, and forgets the pages it no longer has.
    func keep(_ scans: [(path: String, html: String, unresolved: Set<String>, scan: PageScan)]) {
        var kept: [String: Entry] = [:]
        for scan in scans { kept[scan.path] = Entry(html: scan.html, unresolved: scan.unresolved, scan: scan.scan) }
        entries.withLock { $0 = kept }
    }
}
