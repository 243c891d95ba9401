// Runs the examples of GitHub's extensions in the GFM 0.29 spec and cmark-gfm's extension tests
// through `MarkdownRenderer(unsafe: true)`, the code behind `octavo markdown --unsafe`, and expects
// their HTML but for what Octavo adds: heading ids and permalinks, and the label of a task's checkbox.
import Foundation
import Testing
@testable import Octavo

private func examples(_ file: String) -> [SpecExample] {
    let url = packageRoot.appendingPathComponent("Tests/Spec/\(file)")
    return (try? String(contentsOf: url, encoding: .utf8)).map(SpecExample.parse) ?? []
}

/// Every `example table`, `example strikethrough` and `example autolink` of the GFM spec (the
/// `tagfilter` one is covered by safe mode; the `disabled` ones GitHub itself turns off).
let gfmSpecExamples = examples("gfm-0.29-spec.txt").filter { ["table", "strikethrough", "autolink"].contains($0.kind) }
/// cmark-gfm's own tests of the same extensions and of task lists (not its tag filter or footnotes).
let gfmExtensionExamples = examples("cmark-gfm-extensions.txt").filter { ["Tables", "Strikethroughs", "Autolinks", "Interop", "Task lists"].contains($0.chapter) }

extension SpecExample {
    /// The HTML with Octavo's additions taken out: heading ids and permalinks, and the `<label>`
    /// around a task list item's checkbox and text (so that the checkbox has an accessible name);
    /// and a table column's alignment written back as cmark-gfm's `align` (Octavo writes a `style`,
    /// valid in HTML5 and EPUB).
    static func removingOctavoMarkup(_ html: String) -> String {
        var html = removingHeadingIDs(html).replacing(#"<label class="task-list-item">"#, with: "").replacing("</label>", with: "")
        for side in ["left", "center", "right"] { html = html.replacing(#" style="text-align: \#(side)""#, with: #" align="\#(side)""#) }
        return html
    }
}

@Suite("GFM 0.29 spec and cmark-gfm extension tests: octavo markdown --unsafe")
struct GFMSpecTests {
    @Test func examplesAreFound() {
        #expect(gfmSpecExamples.count == 8 + 2 + 11)
        #expect(gfmExtensionExamples.count == 16 + 2 + 3 + 2 + 3)
    }

    @Test(arguments: gfmSpecExamples + gfmExtensionExamples)
    func gfmExample(_ example: SpecExample) {
        let html = SpecExample.removingOctavoMarkup(MarkdownRenderer(unsafe: true).html(example.markdown))
        // The spec marks an example it only runs to see that nothing crashes with `<IGNORE>`.
        guard example.html != "<IGNORE>\n" else { return }
        #expect(html == example.html, "\(example.chapter) example at spec line \(example.line)")
    }
}
