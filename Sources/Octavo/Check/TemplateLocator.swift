/// Finds where in the templates an attribute value of a rendered page was written, so that an
/// audit diagnostic about markup the templates made points at the template's line and column.
///
/// A value is matched by its literal part after the last Mustache tag (`{{site.root}}search.html`
/// matches every rendered `…search.html`); a value that is only tags is found by no search and
/// reported at the content link that wrote it or, failing that, at the layout.
public struct TemplateLocator: Sendable {
    /// Where one attribute value was written.
    struct Written: Sendable {
        var attribute: String
        var literal: String
        var template: String
        var line: Int
        var column: Int
    }

    private var written: [Written] = []
    /// How diagnostics name the templates folder (`Templates`).
    public var displayRoot: String

    /// Reads the `id`, `href`, `src` and `action` attributes of every template.
    /// - Parameters:
    ///   - sources: Template name (`layout`, `partials/header`) → its text.
    ///   - displayRoot: How diagnostics name the templates folder.
    public init(sources: [String: String] = [:], displayRoot: String = "Templates") {
        self.displayRoot = displayRoot
        for name in sources.keys.sorted() {
            let bytes = Array(sources[name, default: ""].utf8)
            var line = 1, lineStart = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
                for attribute in ["id", "href", "src", "action"] {
                    let opening = Array((attribute + "=").utf8)
                    guard bytes[index...].starts(with: opening), index + opening.count < bytes.count,
                          let quote = [UInt8(ascii: "\""), UInt8(ascii: "'")].first(where: { $0 == bytes[index + opening.count] }),
                          index == 0 || [0x20, 0x09, 0x0A].contains(bytes[index - 1]) else { continue }
                    let start = index + opening.count + 1
                    let end = bytes[start...].firstIndex(of: quote) ?? bytes.count
                    let value = String(decoding: bytes[start..<end], as: UTF8.self)
                    // The literal part after the last tag: what every rendering of the value ends with.
                    let literal = value.range(of: "}}", options: .backwards).map { String(value[$0.upperBound...]) } ?? value
                    written.append(Written(attribute: attribute, literal: literal, template: name, line: line,
                                           column: String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1))
                }
                index += 1
            }
        }
    }

    /// The diagnostic location of a rendered attribute value: the template that wrote it, with
    /// line and column, else `nil`.
    /// - Parameters:
    ///   - value: The value as the page has it (an href, or an id).
    ///   - attributes: The attributes it may have been written in.
    func location(of value: String, in attributes: Set<String>) -> (file: String, line: Int?, column: Int?)? {
        let match = written.filter { attributes.contains($0.attribute) && !$0.literal.isEmpty && value.hasSuffix($0.literal) }
            .max { $0.literal.utf8.count < $1.literal.utf8.count }
        guard let match else { return nil }
        return (displayRoot + "/" + match.template + ".mustache", match.line, match.column)
    }

    /// The layout, the template every page is rendered with, for markup no search finds.
    var layout: (file: String, line: Int?, column: Int?) { (displayRoot + "/" + TemplateSet.layoutName + ".mustache", nil, nil) }
}
