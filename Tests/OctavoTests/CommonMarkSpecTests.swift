// Runs every example of the CommonMark 0.30 spec through `MarkdownRenderer(unsafe: true)`, the code
// behind `octavo markdown --unsafe`, and expects the spec's HTML but for Octavo's heading ids and permalinks.
import Foundation
import Testing
@testable import Octavo

/// One example of the spec: its number (1-based, as the spec's HTML numbers them), section and texts.
struct SpecExample: Sendable, CustomTestStringConvertible {
    var number: Int
    var section: String
    var line: Int
    var markdown: String
    var html: String
    /// The word after `example` on the opening fence (`table`, `strikethrough` … in the GFM spec); empty for none.
    var kind: String = ""
    /// The last level-1 or level-2 heading before the example (`Tables`, `Task lists` …).
    var chapter: String = ""

    var testDescription: String { "example \(number) (\(section), line \(line))" }

    /// The examples of a spec file in the format cmark's `spec_tests.py` reads: each between a line of
    /// 32 backticks + ` example` and a line of 32 backticks, `.` between Markdown and HTML, `→` for a tab.
    static func parse(_ spec: String) -> [SpecExample] {
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var section = "", chapter = "", kind = ""
        var state = 0  // 0: prose, 1: Markdown, 2: HTML
        var markdown = "", html = "", startLine = 0
        for (index, line) in spec.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            switch state {
            case 0 where line == fence + " example" || line.hasPrefix(fence + " example "):
                kind = String(line.dropFirst(fence.count + " example".count)).trimmingCharacters(in: .whitespaces)
                state = 1
                markdown = ""
                html = ""
                startLine = index + 1
            case 0:
                if line.hasPrefix("#"), let space = line.firstIndex(of: " "), line[..<space].allSatisfy({ $0 == "#" }) {
                    section = String(line[line.index(after: space)...])
                    if line.distance(from: line.startIndex, to: space) <= 2 { chapter = section }
                }
            case 1 where line == ".":
                state = 2
            case 1:
                markdown += line + "\n"
            case _ where line == fence:
                state = 0
                examples.append(SpecExample(number: examples.count + 1, section: section, line: startLine,
                                            markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                                            html: html.replacingOccurrences(of: "→", with: "\t"), kind: kind, chapter: chapter))
            default:
                html += line + "\n"
            }
        }
        return examples
    }

    /// Octavo's HTML with what it adds to every heading taken out: the `id` attribute of `<h1>`–`<h6>`
    /// and the permalink anchor (``HeadingMarkup``) before `</hN>`.
    static func removingHeadingIDs(_ html: String) -> String {
        html.replacing(#/<(h[1-6]) id="[^"]*">/#) { "<\($0.output.1)>" }
            .replacing(#/<a class="permalink" href="#[^"]*" aria-label="Permalink">#</a>(</h[1-6]>)/#) { String($0.output.1) }
    }
}

let specFile = packageRoot.appendingPathComponent("Tests/Spec/commonmark-0.30-spec.txt")
let specExamples: [SpecExample] = (try? String(contentsOf: specFile, encoding: .utf8)).map(SpecExample.parse) ?? []

@Suite("CommonMark 0.30 spec: octavo markdown --unsafe --commonmark")
struct CommonMarkSpecTests {
    @Test func specHas652Examples() throws {
        #expect(FileManager.default.fileExists(atPath: specFile.path), "missing \(specFile.path)")
        #expect(specExamples.count == 652)
        #expect(specExamples.first?.section == "Tabs")
    }

    @Test(arguments: specExamples)
    func commonMarkExample(_ example: SpecExample) {
        let html = SpecExample.removingHeadingIDs(MarkdownRenderer(unsafe: true, gfm: false).html(example.markdown))
        #expect(html == example.html, "example \(example.number) (\(example.section)), spec line \(example.line)")
    }

    @Test func normalisationRemovesOnlyOctavosHeadingMarkup() {
        let html = MarkdownRenderer().html("# A\n\n> ## B *c*\n")
        #expect(html.contains(##"<h1 id="a">A<a class="permalink" href="#a" aria-label="Permalink">#</a></h1>"##))
        #expect(SpecExample.removingHeadingIDs(html) == "<h1>A</h1>\n<blockquote>\n<h2>B <em>c</em></h2>\n</blockquote>\n")
    }
}
