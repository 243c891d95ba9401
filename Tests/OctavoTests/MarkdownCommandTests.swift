// Runs the built `octavo markdown` as a process, as a user or a script would: bytes in, bytes and exit status out.
import Foundation
import Testing

@Suite("CLI: octavo markdown")
struct MarkdownCommandTests {
    @Test func convertsStandardInputToHTMLWithHeadingIDs() throws {
        let result = try runOctavo(["markdown"], input: Array("## Hello, *World*\n\nText with <b>raw</b> HTML.\n".utf8))
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("octavo markdown: GitHub-flavoured Markdown"))
        #expect(result.stdout == """
            <h2 id="hello-world">Hello, <em>World</em><a class="permalink" href="#hello-world" aria-label="Permalink">#</a></h2>
            <p>Text with <!-- raw HTML omitted -->raw<!-- raw HTML omitted --> HTML.</p>

            """)
    }

    @Test func unsafeKeepsRawHTML() throws {
        let result = try runOctavo(["markdown", "--unsafe"], input: Array("Text with <b>raw</b> HTML.\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "<p>Text with <b>raw</b> HTML.</p>\n")
    }

    @Test func commonMarkFlagTurnsGFMOffAndSaysSo() throws {
        let input = Array("| a |\n| - |\n\n~~x~~\n".utf8)
        let gfm = try runOctavo(["markdown"], input: input)
        #expect(gfm.stdout == "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<p><del>x</del></p>\n")
        let plain = try runOctavo(["markdown", "--commonmark"], input: input)
        #expect(plain.status == 0)
        #expect(plain.stdout == "<p>| a |\n| - |</p>\n<p>~~x~~</p>\n")
        #expect(plain.stderr.hasPrefix("octavo markdown: CommonMark 0.30 only (--commonmark)"))
        #expect(plain.stderr.contains("<stdin>:1:1: warning: this pipe table is read as a paragraph of text in CommonMark"))
        #expect(plain.stderr.contains("<stdin>:4:1: warning: this strikethrough ('~~') is read as text in CommonMark"))
    }

    @Test func invalidUTF8ExitsWithStatus1AndSaysWhere() throws {
        let result = try runOctavo(["markdown"], input: [0x61, 0x62, 0xFF, 0x0A])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("<stdin>:1:3: error: is not valid UTF-8 (bad byte 0xFF at byte offset 2)"))
    }
}
