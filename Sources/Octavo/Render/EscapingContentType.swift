import Mustache

/// The content type every render starts in: HTML, escaped by ``HTMLEscaping/escape(_:)``, which
/// gives the bytes of swift-mustache's own HTML escaping. Mustache's looks each character up in a
/// dictionary (hashing it), about 5% of the CPU of a build even where nothing needs escaping;
/// this one scans the bytes once and returns such text as it is.
///
/// swift-mustache starts every template (partials too) in its own HTML type and takes another
/// only from a `{{%CONTENT_TYPE: name}}` tag, so each template is parsed behind that tag naming
/// this type (``TemplateSet/parse(_:)``); a template may still switch to `TEXT` with the tag itself.
struct EscapingContentType: MustacheContentType {
    /// The name the type is registered under with swift-mustache.
    static let name = "OCTAVO_HTML"
    /// The tag that switches a template to this type.
    static let tag = "{{%CONTENT_TYPE:\(name)}}"

    /// Registers the type with swift-mustache (once per process: its table of types is shared).
    static let registered: Bool = {
        MustacheContentTypes.register(EscapingContentType(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}
