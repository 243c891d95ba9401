/// How the preview server adapts `404.html` to the missing address it answers (never the file on
/// disk): a server shows the page at any depth, where the relative links the build writes without
/// a `base_url` (`assets/style.css`, `index.html`) would lead to other missing addresses.
///
/// The preview always serves the site at `/`, so a `<base href="/">` right after `<head>` makes
/// those links reach the site's root, as they do on the host at `/404.html`. A link to a fragment
/// of the page itself (`href="#octavo.content"`, the skip link) would then lead to the home page:
/// it is given the requested path, so it stays on the page. Absolute links (a site with a
/// `base_url`) are unchanged.
public enum NotFoundBase {
    /// The element added after `<head>`.
    public static let element = Array("<base href=\"/\">".utf8)

    /// The bytes of `404.html` to send for a request of `path`.
    /// - Parameters:
    ///   - html: the file as the build wrote it.
    ///   - path: the request's path, percent-encoded as received (`/guide/typo/`).
    /// - Returns: `html` with `element` after the first `<head>` or `<head …>` tag (any case; at the
    ///   start when there is none), and every `href="#` made `href="PATH#`.
    public static func adapt(_ html: [UInt8], requestPath path: String) -> [UInt8] {
        let fragmentLink = Array(" href=\"#".utf8)
        let escapedPath = Array(HTMLEscaping.escape(path).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(html.count + 64)
        let head = headEnd(html)
        var index = 0
        if head == 0 { result += element }
        while index < html.count {
            if index == head && head > 0 { result += element }
            if html[index] == UInt8(ascii: " "), html[index...].starts(with: fragmentLink) {
                result += fragmentLink.dropLast() + escapedPath + [UInt8(ascii: "#")]
                index += fragmentLink.count
                continue
            }
            result.append(html[index])
            index += 1
        }
        if head == html.count && head > 0 { result += element }
        return result
    }

    /// The offset just after the first `<head>` or `<head …>` tag, or 0 when there is none.
    private static func headEnd(_ html: [UInt8]) -> Int {
        let tag = Array("<head".utf8)
        var index = 0
        while index + tag.count < html.count {
            if zip(html[index..<index + tag.count], tag).allSatisfy({ $0 | 0x20 == $1 | 0x20 }),
               html[index + tag.count] == UInt8(ascii: ">") || html[index + tag.count] == UInt8(ascii: " ") {
                guard let close = html[(index + tag.count)...].firstIndex(of: UInt8(ascii: ">")) else { return 0 }
                return close + 1
            }
            index += 1
        }
        return 0
    }
}
