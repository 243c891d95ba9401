/// The package document (`content.opf`, EPUB 3.3 §5) and the container file that points to it.
struct EpubPackage {
    /// The package document's path in the book's folder.
    static let path = "content.opf"
    /// `META-INF/container.xml` (OCF 3.3 §4.2.6.3.1), which names the package document.
    static let containerXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
        <rootfiles>
        <rootfile full-path="\(EpubBook.folder)/\(path)" media-type="application/oebps-package+xml" />
        </rootfiles>
        </container>

        """

    var metadata: EpubMetadata
    /// The chapter files in reading order.
    var chapters: [String]
    /// The media files' paths (relative to ``EpubBook/mediaFolder``) and media types.
    var media: [(path: String, type: String)]
    /// Whether pages turn from right to left.
    var rightToLeft: Bool

    /// The package document's text.
    func document() -> String {
        func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
        let language = escape(metadata.language)
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="\(language)"\(rightToLeft ? " dir=\"rtl\"" : "")>
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:identifier id="book-id">\(escape(metadata.identifier))</dc:identifier>
            <dc:title>\(escape(metadata.title))</dc:title>
            <dc:language>\(language)</dc:language>

            """
        if let creator = metadata.creator { xml += "<dc:creator>\(escape(creator))</dc:creator>\n" }
        if let publisher = metadata.publisher { xml += "<dc:publisher>\(escape(publisher))</dc:publisher>\n" }
        if let description = metadata.description { xml += "<dc:description>\(escape(description))</dc:description>\n" }
        xml += """
            <meta property="dcterms:modified">\(metadata.modifiedText)</meta>
            </metadata>
            <manifest>
            <item id="nav" href="\(EpubNavigation.navPath)" media-type="application/xhtml+xml" properties="nav" />
            <item id="ncx" href="\(EpubNavigation.ncxPath)" media-type="application/x-dtbncx+xml" />
            <item id="style" href="style.css" media-type="text/css" />

            """
        for (number, file) in chapters.enumerated() {
            xml += "<item id=\"c\(number)\" href=\"\(escape(URLEscaping.path(file)))\" media-type=\"application/xhtml+xml\" />\n"
        }
        for (number, file) in media.enumerated() {
            let href = EpubBook.mediaFolder + "/" + URLEscaping.path(file.path)
            xml += "<item id=\"m\(number)\" href=\"\(escape(href))\" media-type=\"\(escape(file.type))\" />\n"
        }
        xml += "</manifest>\n<spine toc=\"ncx\"\(rightToLeft ? " page-progression-direction=\"rtl\"" : "")>\n"
        for number in chapters.indices { xml += "<itemref idref=\"c\(number)\" />\n" }
        // Out of the reading order, but in the spine so that the landmarks' link to it is valid.
        xml += "<itemref idref=\"nav\" linear=\"no\" />\n"
        xml += "</spine>\n</package>\n"
        return xml
    }
}
