import Yams

/// The settings of one folder of the content tree, from a `_section.yml` file in it (optional),
/// for a folder whose page Octavo generates because it has no `index.md`, `_index.md` or `README.md`.
///
/// ```yaml
/// title: Getting started   # the generated page's title; default: the folder's name made readable
/// weight: 2                # the folder's place among its siblings (lower first), as front matter's
/// ```
/// A folder with a page of its own takes both from that page's front matter instead.
public struct SectionSettings: Sendable, Equatable {
    /// The title of the folder's generated page.
    public var title: String?
    /// The folder's place among its siblings: lower first, before those without one.
    public var weight: Int?

    /// The file name, in any folder of the content folder.
    public static let fileName = "_section.yml"
    /// The keys the file may have.
    static let keys = ["title", "weight"]

    /// No settings.
    public init(title: String? = nil, weight: Int? = nil) {
        self.title = title
        self.weight = weight
    }

    /// Reads a `_section.yml` file.
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - file: How messages name the file (`Content/guide/_section.yml`).
    /// - Throws: ``BuildError`` when it is not YAML or not a mapping, a value has the wrong type,
    ///   or a key is unknown (with the key meant, when one is close: `titel` → `title`).
    public init(yaml: String, file: String) throws {
        self.init()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw FrontMatter.diagnose(error, file: file, firstLine: 1, what: "settings are")
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            throw BuildError(file: file, line: 1, "a folder's settings must be a YAML mapping of keys to values (title: …, weight: …)")
        }
        var problems: [Diagnostic] = []
        for (key, value) in mapping {
            let line = key.mark?.line
            switch key.string {
            case "title":
                if let text = value.scalar?.string, !text.trimmingSpaces().isEmpty { title = text } else {
                    problems.append(Diagnostic(file: file, line: value.mark?.line, message: "'title' must be text"))
                }
            case "weight":
                if let number = value.int { weight = number } else {
                    problems.append(Diagnostic(file: file, line: value.mark?.line, message: "'weight' must be a whole number"))
                }
            default:
                let name = key.string ?? "?"
                let hint = Suggestion.closest(to: name, among: Self.keys).map { ": did you mean '\($0)'?" } ?? ": a folder's settings are title and weight"
                problems.append(Diagnostic(file: file, line: line, message: "unknown key '\(name)'" + hint))
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
    }
}
