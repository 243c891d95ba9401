import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether text is well-formed XML (XML 1.0 §2.1), as EPUB requires of every XHTML file.
///
/// cmark's safe HTML is XHTML already (`<br />`, `<img … />`, only the entities XML predefines);
/// raw HTML kept with `unsafe: true` and a theme's templates may not be.
enum XMLCheck {
    /// Where and why the text is not well-formed, or `nil` when it is. External entities are never
    /// loaded.
    static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        if parser.parse() { return nil }
        let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the XML parser stopped"
        return (parser.lineNumber, parser.columnNumber, message)
    }
}
