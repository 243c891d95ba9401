/// Finds the template attribute that wrote a link, so that a broken link a template makes is
/// reported at the template's file, line and column (`Templates/partials/footer.mustache:3:12`),
/// where the fix belongs, rather than at a content file that has no such link.
///
/// Each `href="…"` and `src="…"` of each template is read as a pattern: its literal text in order,
/// its Mustache tags as "anything" (`{{site.root}}about.html` matches `../about.html`). A value with
/// fewer than two literal characters (`{{url}}`, `#{{id}}`) says too little to be told apart from
/// a content link, and is not used.
public struct TemplateLinkLocator: Sendable {
    /// One attribute value of a template, as a pattern, with its position (1-based, in Characters).
    struct Attribute: Sendable {
        var file: String
        var line: Int
        var column: Int
        /// The literal text between tags, in order.
        var literals: [String]
        /// Whether the value starts and ends with literal text (then the reference must too).
        var anchoredStart: Bool
        var anchoredEnd: Bool
        var literalLength: Int { literals.reduce(0) { $0 + $1.count } }
    }

    /// The link attributes of every template, read at the first question: most builds have no
    /// broken link that a template made, and reading the templates cost each cold build about 1 ms.
    var attributes: [Attribute] {
        read.withLock { read in
            if let attributes = read.attributes { return attributes }
            var attributes: [Attribute] = []
            for (name, text) in read.sources.sorted(by: { $0.key < $1.key }) {
                let root = read.builtInNames.contains(name) ? BuiltInTheme.displayRoot : read.displayRoot
                attributes += Self.attributes(in: text, file: DisplayPath(root).appending(name + ".mustache").text)
            }
            read.attributes = attributes
            return attributes
        }
    }

    private struct Reading: Sendable {
        var sources: [String: String]
        var displayRoot: String
        var builtInNames: Set<String>
        var attributes: [Attribute]?
    }

    private let read: Unchecked.Locked<Reading>

    /// A locator of the link attributes of every template (read when first asked).
    /// - Parameters:
    ///   - sources: Template name (`partials/footer`) → text.
    ///   - displayRoot: The templates folder as the user named it.
    ///   - builtInNames: The templates that come from the built-in theme, named under ``BuiltInTheme/displayRoot``.
    public init(sources: [String: String], displayRoot: String, builtInNames: Set<String> = []) {
        read = Unchecked.Locked(Reading(sources: sources, displayRoot: displayRoot, builtInNames: builtInNames))
    }

    /// The template position that most likely wrote `reference` (the one whose literal text is
    /// longest among those that match), or `nil` when no template attribute matches it.
    public func location(of reference: String) -> (file: String, line: Int, column: Int)? {
        var best: Attribute?
        let attributes = attributes
        for attribute in attributes where Self.matches(reference, attribute) {
            if best.map({ attribute.literalLength > $0.literalLength }) ?? true { best = attribute }
        }
        return best.map { ($0.file, $0.line, $0.column) }
    }

    static func matches(_ reference: String, _ attribute: Attribute) -> Bool {
        var rest = Substring(reference)
        for (index, literal) in attribute.literals.enumerated() {
            if index == 0, attribute.anchoredStart {
                guard rest.hasPrefix(literal) else { return false }
                rest = rest.dropFirst(literal.count)
            } else if index == attribute.literals.count - 1, attribute.anchoredEnd {
                return rest.hasSuffix(literal)
            } else {
                guard let range = rest.firstRange(of: literal) else { return false }
                rest = rest[range.upperBound...]
            }
        }
        return !attribute.anchoredEnd || rest.isEmpty
    }

    /// The `href` and `src` attributes of one template with a quoted value.
    static func attributes(in text: String, file: String) -> [Attribute] {
        var result: [Attribute] = []
        let characters = Array(text)
        var line = 1, column = 1
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let name = ["href=", "src="].first(where: { Self.starts(characters, at: index, with: $0) }),
               index == 0 || characters[index - 1].isWhitespace,
               index + name.count < characters.count, characters[index + name.count] == "\"" || characters[index + name.count] == "'" {
                let quote = characters[index + name.count]
                let start = index + name.count + 1
                var end = start
                while end < characters.count, characters[end] != quote, characters[end] != "\n" { end += 1 }
                if let attribute = Self.pattern(String(characters[start..<end]), file: file, line: line, column: column) {
                    result.append(attribute)
                }
            }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return result
    }

    private static func starts(_ characters: [Character], at index: Int, with prefix: String) -> Bool {
        var position = index
        for character in prefix {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    /// A value as literal pieces between `{{…}}` tags; `nil` when it has fewer than two literal characters.
    static func pattern(_ value: String, file: String, line: Int, column: Int) -> Attribute? {
        var literals: [String] = []
        var rest = Substring(value)
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { literals.append(String(rest[..<open.lowerBound])) }
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { return nil }
            rest = rest[close.upperBound...]
            while rest.first == "}" { rest = rest.dropFirst() }
        }
        if !rest.isEmpty { literals.append(String(rest)) }
        let attribute = Attribute(file: file, line: line, column: column, literals: literals,
                                  anchoredStart: !value.hasPrefix("{{"), anchoredEnd: !value.hasSuffix("}}"))
        return attribute.literalLength >= 2 ? attribute : nil
    }
}
