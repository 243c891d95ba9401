/// Finds where in the templates an id of a rendered page was written (`id="x"`, or the literal
/// tail of `id="{{…}}-x"`), so that an id a page repeats is reported at the template's line and
/// column. Links are found by ``TemplateLinkLocator``.
public struct TemplateIDLocator: Sendable {
    /// Where one attribute value was written.
    struct Written: Sendable {
        var attribute: String
        var literal: String
        var template: String
        var line: Int
        var column: Int
    }

    /// The templates, and what was read of them at the first question: most builds repeat no id,
    /// and reading every template cost each cold build about half a millisecond.
    private let read: Unchecked.Locked<(sources: [String: String], written: [Written]?)>
    /// How diagnostics name the templates folder (`Templates`).
    public var displayRoot: String

    /// A locator of the `id` attributes of every template (read when first asked).
    /// - Parameters:
    ///   - sources: Template name (`layout`, `partials/header`) → its text.
    ///   - displayRoot: How diagnostics name the templates folder.
    public init(sources: [String: String] = [:], displayRoot: String = "Templates") {
        self.displayRoot = displayRoot
        read = Unchecked.Locked((sources, nil))
    }

    /// Every `id` attribute of the templates, in the order of their names.
    private var written: [Written] {
        read.withLock { read in
            if let written = read.written { return written }
            let written = Self.attributes(in: read.sources)
            read.written = written
            return written
        }
    }

    private static func attributes(in sources: [String: String]) -> [Written] {
        var written: [Written] = []
        for name in sources.keys.sorted() {
            let bytes = Array(sources[name, default: ""].utf8)
            var line = 1, lineStart = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
                for attribute in ["id"] {
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
        return written
    }

    /// The template, line and column that wrote the id `value`, else `nil`.
    func location(of value: String) -> (file: String, line: Int, column: Int)? {
        let match = written.filter { !$0.literal.isEmpty && value.hasSuffix($0.literal) }
            .max { $0.literal.utf8.count < $1.literal.utf8.count }
        guard let match else { return nil }
        return (displayRoot + "/" + match.template + ".mustache", match.line, match.column)
    }

}
