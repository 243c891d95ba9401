/// The book's unique identifier (`dc:identifier`): the front matter's `identifier` as given, else a
/// UUID derived from the title, so that every build of the same book names it the same.
public enum EpubIdentifier {
    /// RFC 9562's namespace for URLs (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
    static let urlNamespace: [UInt8] = [0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]

    /// `urn:uuid:` and the version 5 UUID (RFC 9562 §5.5, SHA-1) of `octavo:epub:TITLE` in the URL
    /// namespace. The same title always gives the same identifier.
    public static func derived(fromTitle title: String) -> String {
        "urn:uuid:" + uuid5(namespace: urlNamespace, name: "octavo:epub:" + title)
    }

    /// A version 5 UUID in its lower-case text form (`8-4-4-4-12` hex digits).
    static func uuid5(namespace: [UInt8], name: String) -> String {
        var bytes = Array(SHA1.digest(namespace + Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10 (RFC 9562)
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }
}
