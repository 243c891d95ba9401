/// The book's tables of contents: the EPUB 3 navigation document (`nav.xhtml`, with `toc` and
/// `landmarks` navs) and the NCX (`toc.ncx`) that EPUB 2 readers use.
///
/// Both list the home page, then the pages below it nested as the document is.
struct EpubNavigation {
    /// The navigation document's path in the book's folder.
    static let navPath = "nav.xhtml"
    /// The NCX's path in the book's folder.
    static let ncxPath = "toc.ncx"

    var site: Site
    var metadata: EpubMetadata
    /// The chapter file of each page's heading and body.
    var bodyFile: [String]

    /// One entry of the contents.
    struct Entry {
        var title: String
        var href: String
        var children: [Entry]
    }

    /// The home page (alone), then its children with theirs nested.
    var entries: [Entry] {
        guard !site.pages.isEmpty else { return [] }
        // Pages nest at most as deep as the outline, a handful of levels: recursion is safe here.
        func entry(_ index: Int) -> Entry {
            Entry(title: site.pages[index].numberedTitle, href: URLEscaping.path(bodyFile[index]), children: site.pages[index].children.map(entry))
        }
        return [Entry(title: site.pages[0].numberedTitle, href: URLEscaping.path(bodyFile[0]), children: [])] + site.pages[0].children.map(entry)
    }

    /// `nav.xhtml`.
    func navDocument() -> String {
        let language = HTMLEscaping.escape(metadata.language)
        let dir = SiteConfig.isRightToLeft(metadata.language) ? " dir=\"rtl\"" : ""
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="\(language)" xml:lang="\(language)"\(dir)>
            <head>
            <title>\(HTMLEscaping.escape(metadata.title))</title>
            <link rel="stylesheet" type="text/css" href="style.css" />
            </head>
            <body>
            <nav epub:type="toc" id="toc">
            <h1>Contents</h1>

            """
        func list(_ entries: [Entry], depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            xml += indent + "<ol>\n"
            for entry in entries {
                xml += indent + "  <li><a href=\"\(HTMLEscaping.escape(entry.href))\">\(HTMLEscaping.escape(entry.title))</a>"
                if !entry.children.isEmpty {
                    xml += "\n"
                    list(entry.children, depth: depth + 2)
                    xml += indent + "  "
                }
                xml += "</li>\n"
            }
            xml += indent + "</ol>\n"
        }
        list(entries, depth: 0)
        let start = HTMLEscaping.escape(entries.first?.href ?? "")
        xml += """
            </nav>
            <nav epub:type="landmarks" hidden="hidden">
            <h2>Landmarks</h2>
            <ol>
              <li><a epub:type="toc" href="\(Self.navPath)#toc">Contents</a></li>
              <li><a epub:type="bodymatter" href="\(start)">\(HTMLEscaping.escape(metadata.title))</a></li>
            </ol>
            </nav>
            </body>
            </html>

            """
        return xml
    }

    /// `toc.ncx` (NCX of DAISY Z39.86-2005, as EPUB 2 defines it).
    func ncx() -> String {
        let entries = entries
        func depth(_ entries: [Entry]) -> Int { entries.map { 1 + depth($0.children) }.max() ?? 0 }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="\(HTMLEscaping.escape(metadata.language))">
            <head>
            <meta name="dtb:uid" content="\(HTMLEscaping.escape(metadata.identifier))" />
            <meta name="dtb:depth" content="\(max(1, depth(entries)))" />
            <meta name="dtb:totalPageCount" content="0" />
            <meta name="dtb:maxPageNumber" content="0" />
            </head>
            <docTitle><text>\(HTMLEscaping.escape(metadata.title))</text></docTitle>
            <navMap>

            """
        var order = 0
        func points(_ entries: [Entry], depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            for entry in entries {
                order += 1
                xml += indent + "<navPoint id=\"nav-\(order)\" playOrder=\"\(order)\"><navLabel><text>\(HTMLEscaping.escape(entry.title))</text></navLabel>"
                xml += "<content src=\"\(HTMLEscaping.escape(entry.href))\" />"
                if !entry.children.isEmpty {
                    xml += "\n"
                    points(entry.children, depth: depth + 1)
                    xml += indent
                }
                xml += "</navPoint>\n"
            }
        }
        points(entries, depth: 1)
        xml += "</navMap>\n</ncx>\n"
        return xml
    }
}
