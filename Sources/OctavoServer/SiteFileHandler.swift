// Answers the preview server's requests: files of the output folder as the build wrote them (the
// live-reload script added to HTML responses only), the event stream, redirects, 304 and 404.
import FlyingFox
import Foundation
import Octavo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves the files of one output folder, and the live-reload event stream.
struct SiteFileHandler: HTTPHandler {
    /// The output folder with every symbolic link resolved: a file is served only when its own
    /// resolved path lies below this one.
    let root: String
    let events: ReloadEvents

    init(output: URL, events: ReloadEvents) {
        root = Self.realPath(output.path) ?? output.standardizedFileURL.path
        self.events = events
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let rawPath = request.target.path(percentEncoded: true)
        guard request.method == .GET || request.method == .HEAD else {
            return plain(.methodNotAllowed, "Only GET and HEAD are served.\n", request, extra: [.init("Allow"): "GET, HEAD"])
        }
        if rawPath == LiveReload.eventsPath {
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                                body: HTTPBodySequence(from: EventStreamBody(events: events)))
        }
        switch ServePath.resolve(rawPath) {
        case .badRequest(let reason):
            return plain(.badRequest, "Bad request: \(reason).\n", request)
        case .hidden:
            return notFound(request)
        case .inside(let segments, let folder):
            let relative = segments.joined(separator: "/")
            switch lookUp(relative) {
            case .missing:
                return notFound(request)
            case .folder:
                guard folder else {
                    let query = request.target.query()
                    return HTTPResponse(statusCode: .movedPermanently,
                                        headers: [.location: rawPath + "/" + (query.isEmpty ? "" : "?" + query), .contentLength: "0"])
                }
                guard case .file(let path) = lookUp(relative.isEmpty ? "index.html" : relative + "/index.html") else { return notFound(request) }
                return serve(path, status: .ok, request)
            case .file(let path):
                // `/page.html/` names no file.
                guard !folder else { return notFound(request) }
                return serve(path, status: .ok, request)
            }
        }
    }

    private enum Found { case file(String), folder, missing }

    /// What a path relative to the output folder names, after following every symbolic link; a
    /// link that leads out of the output folder names nothing.
    private func lookUp(_ relative: String) -> Found {
        let joined = relative.isEmpty ? root : root + "/" + relative
        // By bytes: Characters would join a `/` with a combining mark after it, and would take a
        // folder whose name is canonically equivalent (NFC/NFD) for the output folder itself.
        let prefix = Array((root.hasSuffix("/") ? root : root + "/").utf8)
        guard let real = Self.realPath(joined), real.utf8.elementsEqual(root.utf8) || real.utf8.starts(with: prefix) else { return .missing }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file(real)
        default: return .missing
        }
    }

    /// A file's response: read through one open descriptor, so its bytes, ETag and date are those of
    /// one version of the file (the build replaces files by renaming, never rewrites them in place).
    /// - Parameter missingPath: for `404.html`, the request's path it answers (see ``NotFoundBase``).
    private func serve(_ path: String, status: HTTPStatusCode, _ request: HTTPRequest, missingPath: String? = nil) -> HTTPResponse {
        guard let handle = FileHandle(forReadingAtPath: path) else { return plain(.notFound, "Not found.\n", request) }
        defer { try? handle.close() }
        var info = stat()
        guard fstat(handle.fileDescriptor, &info) == 0, let data = try? handle.readToEnd() ?? Data() else {
            return plain(.notFound, "Not found.\n", request)
        }
        #if canImport(Darwin)
        let seconds = Int(info.st_mtimespec.tv_sec), nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        let seconds = Int(info.st_mtim.tv_sec), nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
        let contentType = ServeMediaType.contentType(forName: path)
        let html = ServeMediaType.isHTML(contentType)
        // The inode tells a renamed-in new version from the old one even within one mtime tick.
        let etag = "\"\(String(UInt64(info.st_ino), radix: 36))-\(String(data.count, radix: 36))-\(String(seconds, radix: 36))\(String(nanoseconds, radix: 36))\(html ? "-r" : "")\""
        var headers: HTTPHeaders = [
            .contentType: contentType, .eTag: etag, .lastModified: HTTPDate.string(seconds: seconds),
            // Always revalidate: a preview must show the newest build.
            .cacheControl: "no-cache", .init("X-Content-Type-Options"): "nosniff",
        ]
        if status == .ok, notModified(request, etag: etag, seconds: seconds) {
            headers[.contentType] = nil
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        let sent = missingPath.map { NotFoundBase.adapt(Array(data), requestPath: $0) } ?? Array(data)
        let body = html ? Data(LiveReload.inject(into: sent)) : data
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: status, headers: headers, body: request.method == .HEAD ? Data() : body)
    }

    /// RFC 9110 §13.1.2 and §13.1.3: `If-None-Match` wins over `If-Modified-Since`.
    private func notModified(_ request: HTTPRequest, etag: String, seconds: Int) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            return match.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.seconds) { return seconds <= since }
        return false
    }

    /// The site's `404.html` with status 404; when the site has none (no build has succeeded
    /// yet), a short HTML page with the live-reload script, so that the open page shows a failed
    /// build's problems and reloads once a build succeeds.
    private func notFound(_ request: HTTPRequest) -> HTTPResponse {
        if case .file(let path) = lookUp("404.html") {
            return serve(path, status: .notFound, request, missingPath: request.target.path(percentEncoded: true))
        }
        let page = LiveReload.inject(into: Array(Self.placeholder.utf8))
        var headers = HTTPHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = String(page.count)
        headers[.cacheControl] = "no-cache"
        return HTTPResponse(statusCode: .notFound, headers: headers, body: request.method == .HEAD ? Data() : Data(page))
    }

    /// The page for an address the output folder does not have, when it has no `404.html`.
    static let placeholder = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
        <body><p>There is no page here yet: the site has not been built, or has no page at this address. This page reloads when a build succeeds.</p></body></html>

        """

    private func plain(_ status: HTTPStatusCode, _ text: String, _ request: HTTPRequest, extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentLength] = String(text.utf8.count)
        return HTTPResponse(statusCode: status, headers: headers, body: request.method == .HEAD ? Data() : Data(text.utf8))
    }

    /// The path with every symbolic link resolved, or nil when it names nothing.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
