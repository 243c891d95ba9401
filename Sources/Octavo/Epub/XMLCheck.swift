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
        let watcher = FirstError()
        parser.delegate = watcher
        // On Linux, parse() returns true after some errors it recovered from; the delegate hears them all.
        let parsed = parser.parse()
        if parsed, watcher.first == nil, parser.parserError == nil { return nil }
        let code = (watcher.first?.code ?? (parser.parserError as NSError?)?.code) ?? 0
        return (watcher.first?.line ?? parser.lineNumber, watcher.first?.column ?? parser.columnNumber, Self.reason(code))
    }

    /// What libxml2's error codes (`xmlParserErrors`, which `XMLParser.ErrorCode` mirrors) mean.
    static func reason(_ code: Int) -> String {
        switch code {
        case 26, 27: "an entity XML does not define, such as &nbsp;"
        case 76: "an end tag that does not match its start tag, such as an unclosed <br>"
        case 5: "text after the end of the document, or a document that ends too early"
        case 38, 39, 40, 41: "an attribute without a quoted value"
        case 73, 77: "an element that is not closed"
        case 68: "a '<' that does not start a tag; write &lt;"
        case 23: "an '&' that does not start a reference; write &amp;"
        case 9: "a character XML does not allow, such as a control character"
        default: "XML error \(code)"
        }
    }

    /// Records the first error the parser reports, and where.
    private final class FirstError: NSObject, XMLParserDelegate {
        var first: (code: Int, line: Int, column: Int)?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if first == nil { first = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber) }
        }
    }
}
