/// The media types of the files an EPUB may hold, by file name extension.
///
/// EPUB 3.3 §3.2 lists the core media types readers must support; other files need a fallback, so
/// the book links them rather than showing them.
public enum EpubMediaType {
    /// The media type of a file, from its extension (case-insensitive); `application/octet-stream`
    /// for an extension not listed.
    public static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return fallback }
        return types[name[name.index(after: dot)...].lowercased()] ?? fallback
    }

    /// Whether readers show files of this media type without a fallback (EPUB 3.3 §3.2, core media types).
    public static func isCore(_ mediaType: String) -> Bool { core.contains(mediaType) }

    static let fallback = "application/octet-stream"

    static let types: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml",
        "webp": "image/webp", "css": "text/css", "js": "application/javascript", "mp3": "audio/mpeg", "m4a": "audio/mp4",
        "mp4": "video/mp4", "ogg": "audio/ogg", "opus": "audio/opus", "woff": "font/woff", "woff2": "font/woff2",
        "ttf": "font/ttf", "otf": "font/otf", "pdf": "application/pdf", "txt": "text/plain", "xhtml": "application/xhtml+xml",
        "smil": "application/smil+xml", "vtt": "text/vtt",
    ]

    static let core: Set<String> = [
        "image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp", "text/css", "application/javascript",
        "audio/mpeg", "audio/mp4", "audio/ogg", "audio/opus", "video/mp4", "font/woff", "font/woff2", "font/ttf", "font/otf",
        "application/xhtml+xml", "application/smil+xml", "text/vtt",
    ]
}
