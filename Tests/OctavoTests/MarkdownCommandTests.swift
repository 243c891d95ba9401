// Runs the built `octavo markdown` as a process, as a user or a script would: bytes in, bytes and exit status out.
import Foundation
import Testing

@Suite("CLI: octavo markdown")
struct MarkdownCommandTests {
    @Test func convertsStandardInputToHTMLWithHeadingIDs() throws {
        let result = try runOctavo(["markdown"], input: Array("## Hello, *World*\n\nText with <b>raw</b> HTML.\n".utf8))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
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

    @Test func invalidUTF8ExitsWithStatus1AndSaysWhere() throws {
        let result = try runOctavo(["markdown"], input: [0x61, 0x62, 0xFF, 0x0A])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("<stdin>:1:3: error: is not valid UTF-8 (bad byte 0xFF at byte offset 2)"))
        #expect(result.stderr.contains("convert it with `iconv -f latin1 -t utf-8 < in.md | octavo markdown`"))
    }
}
