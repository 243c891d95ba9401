/// One entry of the index of terms (`terms.yml`): a name, other forms of it, a note.
public struct Term: Sendable, Equatable {
    /// How a form is matched against the text.
    public enum CaseRule: String, Sendable {
        /// Letter case must be as written (`UN`, `AI`, `World Health Organization`).
        case exact
        /// Any letter case (`terrorism` finds `Terrorism` at the start of a sentence).
        case any
    }

    /// The name as the index shows it (`United Nations`).
    public var name: String
    /// Other forms found in the text (`UN`, `the United Nations`).
    public var aliases: [String]
    /// One line saying what the term is.
    public var note: String
    /// The case rule from `case:`; `nil` for the default rule of ``rule(for:)``.
    public var caseRule: CaseRule?
    /// The 1-based line of `terms.yml` where the entry starts.
    public var line: Int

    /// Creates a term.
    public init(name: String, aliases: [String] = [], note: String = "", caseRule: CaseRule? = nil, line: Int = 1) {
        self.name = name
        self.aliases = aliases
        self.note = note
        self.caseRule = caseRule
        self.line = line
    }

    /// The name and its aliases.
    public var forms: [String] { [name] + aliases }

    /// The case rule of one form: the term's `case:`, else exact for a form with a capital letter
    /// (an acronym or a proper name: `UN` is not `un`), any case for a form in lower case.
    public func rule(for form: String) -> CaseRule {
        caseRule ?? (form.contains(where: \.isUppercase) ? .exact : .any)
    }
}
