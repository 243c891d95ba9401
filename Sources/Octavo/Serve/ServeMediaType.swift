/// The `Content-Type` the preview server sends for a file, chosen by its extension.
public enum ServeMediaType {
    /// The media type for a file name; text types carry `charset=utf-8` (Octavo writes UTF-8 only).
    /// - Parameter name: a file name or path; only the part after the last `.` counts, case-insensitively.
    /// - Returns: e.g. `text/html; charset=utf-8`; `application/octet-stream` for an unknown extension.
    public static func contentType(forName name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: ".") else { return "application/octet-stream" }
        switch last[last.index(after: dot)...].lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "gif": return "image/gif"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "zip": return "application/zip"
        case "epub": return "application/epub+zip"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }

    /// Whether responses of this type get the live-reload script.
    package static func isHTML(_ contentType: String) -> Bool { contentType.hasPrefix("text/html") }
}
