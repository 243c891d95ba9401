/// The script the preview server adds to every HTML response it sends (never to a file on disk).
///
/// It listens on `eventsPath` (server-sent events): `reload` reloads the page, `failed` shows the
/// failed rebuild's diagnostics in an overlay. Text goes in through `textContent` only, so nothing in
/// a diagnostic can become markup.
public enum LiveReload {
    /// The path of the server-sent events stream; `__octavo` cannot be a page's folder (slugs never
    /// start with `_`), so it cannot hide a page.
    public static let eventsPath = "/__octavo/events"

    /// The `<script>` element added before `</body>`.
    public static let script = """
        <script id="octavo-live-reload">(function(){var s=new EventSource("\(eventsPath)");\
        s.addEventListener("reload",function(){location.reload();});\
        s.addEventListener("failed",function(e){var o=document.getElementById("octavo-overlay");\
        if(!o){o=document.createElement("pre");o.id="octavo-overlay";o.setAttribute("role","alert");\
        o.style.cssText="position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;margin:0;padding:1em;\
        z-index:2147483647;background:#300;color:#fdd;font:14px/1.4 monospace;white-space:pre-wrap;";\
        document.body.appendChild(o);}o.textContent="Octavo: the rebuild failed; still showing the last good build.\\n\\n"+e.data;});\
        })();</script>
        """

    /// Adds `script` before the last `</body>` (any case), or at the end when there is none.
    /// - Parameter html: the bytes of an HTML file as the build wrote it.
    /// - Returns: the bytes to send.
    public static func inject(into html: [UInt8]) -> [UInt8] {
        let tag = Array("</body".utf8)
        var index = html.count - tag.count
        while index >= 0 {
            if zip(html[index..<index + tag.count], tag).allSatisfy({ lowercased($0) == $1 }) {
                return Array(html[..<index]) + Array(script.utf8) + Array(html[index...])
            }
            index -= 1
        }
        return html + Array(script.utf8)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
