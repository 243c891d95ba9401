/// The EPUB templates built into Octavo, used when the templates folder has no `epub/` file of
/// that name. The theme's copies in `Templates/epub/` are the same text (a test keeps them so).
enum EpubTemplates {
    /// `epub/chapter`: one XHTML chapter (a page's heading and body, or a section's closing text).
    static let chapterName = "epub/chapter"
    /// `epub/style.css`: the book's stylesheet.
    static let stylesheetName = "epub/style.css"

    /// Template name → built-in text.
    static let defaults: [String: String] = [chapterName: chapter, stylesheetName: stylesheet]

    static let chapter = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{{site.language}}" xml:lang="{{site.language}}"{{#site.dir}} dir="{{.}}"{{/site.dir}}>
<head>
<title>{{page.numberedTitle}}</title>
<link rel="stylesheet" type="text/css" href="style.css" />
</head>
<body class="{{page.kind}}">
<main>
<section{{^page.isHome}} epub:type="chapter"{{/page.isHome}}>
{{{page.heading}}}
{{{page.body}}}
</section>
</main>
</body>
</html>

"""#

    static let stylesheet = #"""
/* The EPUB edition's stylesheet: the theme's text styles without its layout (no sidebar, search,
   scripts or fixed widths), so that the reader's own margins, fonts and night mode apply. */
body { margin: 0; line-height: 1.5; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.2em 0 0.5em; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.35em; }
h3 { font-size: 1.15em; }
h4, h5, h6 { font-size: 1em; }
p { margin: 0 0 0.8em; }
a.permalink { display: none; }
blockquote { margin: 1em 1.5em; font-style: italic; }
pre { white-space: pre-wrap; overflow-wrap: break-word; }
pre, code { font-family: monospace; font-size: 0.9em; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 1em 0; }
.markdown-alert { margin: 1em 0; padding: .2em 1em; border-left: 4px solid #666; }
.markdown-alert-title { font-weight: bold; }
th, td { border: 1px solid; padding: 0.2em 0.5em; vertical-align: top; }
.home h1 { margin-top: 2em; text-align: center; }
nav ol { padding-left: 1.2em; }
nav li { margin: 0.3em 0; }

"""#
}
