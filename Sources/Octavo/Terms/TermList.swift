import Yams

/// The index of terms as `terms.yml` of the content folder gives it: a YAML list of entries, each
/// with `term` (the name), `aliases` (a list), `note` (one line) and optionally `case` (`exact` or `any`).
///
/// ```yaml
/// - term: African Union
///   aliases: [AU]
///   note: Continental union of the 55 countries of Africa.
/// ```
public struct TermList: Sendable {
    /// The file's name in the content folder.
    public static let fileName = "terms.yml"
    /// The keys an entry may have.
    public static let knownKeys = ["term", "aliases", "note", "case"]

    /// The entries, in the file's order.
    public var terms: [Term]
    /// The file as diagnostics name it (`Content/terms.yml`).
    public var file: String
    /// Warnings found while reading: unknown keys, with their line.
    public var diagnostics: [Diagnostic]

    /// Creates a list from its parts.
    public init(terms: [Term], file: String = "Content/" + TermList.fileName, diagnostics: [Diagnostic] = []) {
        self.terms = terms
        self.file = file
        self.diagnostics = diagnostics
    }

    /// Reads `terms.yml`.
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - file: The file as diagnostics name it.
    /// - Throws: ``BuildError`` with the line when the YAML does not parse, is not a list of
    ///   mappings, an entry has no `term`, or a value has the wrong type.
    public init(yaml: String, file: String) throws {
        self.init(terms: [], file: file)
        let root: Node?
        do {
            // Every value is read from its text (`scalar.string`), never from the tag YAML 1.1 would give
            // it, so no tag is resolved: Yams' default resolver compiles seven ICU regular expressions,
            // a few milliseconds of every cold build.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw FrontMatter.diagnose(error, file: file, firstLine: 1, what: "the index of terms is")
        }
        guard let root else { return }
        func line(_ node: Node) -> Int { node.mark?.line ?? 1 }
        guard let entries = root.sequence else {
            throw BuildError(file: file, line: line(root), "must be a list of terms, each '- term: NAME' with 'aliases' and 'note'")
        }
        for entry in entries {
            guard let mapping = entry.mapping else {
                throw BuildError(file: file, line: line(entry), "each entry must be a mapping: '- term: NAME', 'aliases: [...]', 'note: ...'")
            }
            var term = Term(name: "", line: line(entry))
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                func text() throws -> String {
                    guard let scalar = value.scalar, !scalar.string.trimmingSpaces().isEmpty else {
                        throw BuildError(file: file, line: line(value), "'\(key)' must be text")
                    }
                    return scalar.string.trimmingSpaces()
                }
                switch key {
                case "term": term.name = try text()
                case "note": term.note = try text()
                case "aliases":
                    let items = value.sequence.map(Array.init) ?? [value]
                    term.aliases = try items.map { item in
                        guard let scalar = item.scalar, !scalar.string.trimmingSpaces().isEmpty else {
                            throw BuildError(file: file, line: line(item), "'aliases' must be a list of text, like [UN, the United Nations]")
                        }
                        return scalar.string.trimmingSpaces()
                    }
                case "case":
                    guard let rule = Term.CaseRule(rawValue: try text()) else {
                        throw BuildError(file: file, line: line(value), "'case' must be 'exact' or 'any'")
                    }
                    term.caseRule = rule
                default:
                    diagnostics.append(Diagnostic(file: file, line: line(keyNode), column: keyNode.mark?.column, severity: .warning,
                                                  message: "unknown key '\(key)' in the index of terms (known keys: \(Self.knownKeys.joined(separator: ", ")))"))
                }
            }
            guard !term.name.isEmpty else {
                throw BuildError(file: file, line: term.line, "an entry has no 'term': give its name, like '- term: United Nations'")
            }
            terms.append(term)
        }
    }
}
