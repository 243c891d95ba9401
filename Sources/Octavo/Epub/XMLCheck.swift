import Foundation
#if os(Linux)
import Glibc
#elseif canImport(FoundationXML)
import FoundationXML
#endif

/// Whether text is well-formed XML (XML 1.0 §2.1), as EPUB requires of every XHTML file.
///
/// cmark's safe HTML is XHTML already (`<br />`, `<img … />`, only the entities XML predefines);
/// raw HTML kept with `unsafe: true` and a theme's templates may not be.
///
/// libxml2 checks it. On Linux it is opened with `dlopen` the first time an EPUB is checked
/// rather than linked: linked (as Foundation's `XMLParser` is), libxml2 and the system's ICU
/// would load at every start of `octavo`, about 2 ms of each cold build that makes no EPUB.
enum XMLCheck {
    /// Where and why the text is not well-formed, or `nil` when it is. External entities are never
    /// loaded.
    static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
        #if os(Linux)
        guard let library = LibXML2.shared else {
            return (1, 1, "libxml2 (\(LibXML2.fileName)), which checks the XHTML, cannot be loaded: install it (Debian: apt-get install libxml2)")
        }
        guard let first = library.firstError(in: text) else { return nil }
        return (first.line, first.column, Self.reason(first.code))
        #else
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        let watcher = FirstError()
        parser.delegate = watcher
        let parsed = parser.parse()
        if parsed, watcher.first == nil, parser.parserError == nil { return nil }
        let code = (watcher.first?.code ?? (parser.parserError as NSError?)?.code) ?? 0
        return (watcher.first?.line ?? parser.lineNumber, watcher.first?.column ?? parser.columnNumber, Self.reason(code))
        #endif
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

    #if os(Linux)
    /// The few functions of libxml2 the check calls, looked up in the library opened at run time.
    /// Their signatures are libxml2's public API (`parser.h`, `xmlerror.h`), unchanged since 2.6.
    // Unchecked: its stored values are C function pointers, set once in `init` and never changed.
    final class LibXML2: @unchecked Sendable {
        /// The library's file name on Linux (its soname since libxml2 2.0).
        static let fileName = "libxml2.so.2"

        /// The library, opened once per process; `nil` when it cannot be.
        static let shared = LibXML2()

        private typealias ErrorHandler = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void
        private let setErrorHandler: @convention(c) (UnsafeMutableRawPointer?, ErrorHandler?) -> Void
        private let readMemory: @convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> UnsafeMutableRawPointer?
        private let freeDocument: @convention(c) (UnsafeMutableRawPointer?) -> Void

        private init?() {
            guard let handle = dlopen(Self.fileName, RTLD_NOW | RTLD_LOCAL),
                  let initialize = dlsym(handle, "xmlInitParser"), let set = dlsym(handle, "xmlSetStructuredErrorFunc"),
                  let read = dlsym(handle, "xmlReadMemory"), let free = dlsym(handle, "xmlFreeDoc") else { return nil }
            // Sets up libxml2's global state once, before threads use it (its documentation asks for this).
            unsafeBitCast(initialize, to: (@convention(c) () -> Void).self)()
            setErrorHandler = unsafeBitCast(set, to: (@convention(c) (UnsafeMutableRawPointer?, ErrorHandler?) -> Void).self)
            readMemory = unsafeBitCast(read, to: (@convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> UnsafeMutableRawPointer?).self)
            freeDocument = unsafeBitCast(free, to: (@convention(c) (UnsafeMutableRawPointer?) -> Void).self)
        }

        /// The first error libxml2 reports while parsing `text` (code, line, column), or `nil`.
        func firstError(in text: String) -> (code: Int, line: Int, column: Int)? {
            // The handler is libxml2's per thread: each check sets its own, and removes it after.
            let first = Unchecked.Slot<(code: Int, line: Int, column: Int)>()
            let context = Unmanaged.passRetained(first)
            defer { context.release() }
            setErrorHandler(context.toOpaque()) { context, error in
                guard let context, let error else { return }
                let first = Unmanaged<Unchecked.Slot<(code: Int, line: Int, column: Int)>>.fromOpaque(context).takeUnretainedValue()
                // `xmlError`: int domain, int code, char *message, int level, char *file, int line,
                // char *str1, *str2, *str3, int int1, int int2 (the column) … on LP64 Linux.
                let level = error.load(fromByteOffset: 16, as: Int32.self)
                guard first.value == nil, level >= 2 else { return }  // XML_ERR_ERROR or XML_ERR_FATAL, not warnings
                first.value = (Int(error.load(fromByteOffset: 4, as: Int32.self)), Int(error.load(fromByteOffset: 32, as: Int32.self)),
                               Int(error.load(fromByteOffset: 68, as: Int32.self)))
            }
            defer { setErrorHandler(nil, nil) }
            // XML_PARSE_NONET (2048): no entity is ever fetched; NOERROR (32) and NOWARNING (64):
            // nothing printed, the handler hears every error.
            let options: Int32 = 2048 | 32 | 64
            var text = text
            let document = text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { readMemory($0.baseAddress, Int32(clamping: $0.count), "chapter.xhtml", "UTF-8", options) }
            }
            if let document { freeDocument(document) } else if first.value == nil { return (1, 1, 1) }
            return first.value
        }
    }
    #else
    /// Records the first error the parser reports, and where.
    private final class FirstError: NSObject, XMLParserDelegate {
        var first: (code: Int, line: Int, column: Int)?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if first == nil { first = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber) }
        }
    }
    #endif
}
