import Foundation
import Testing
@testable import Octavo

/// Inputs that made a fuzz target of Tests/Fuzz/ fail, kept as literals so that the bug they found
/// stays fixed. Each test names the target and what the input broke.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FrontMatterFuzz: a CR followed by a combining mark (U+06EC) stayed in the body, because
    /// Foundation's string search does not match "\r" at the start of such a sequence.
    @Test func carriageReturnBeforeACombiningMarkBecomesALineFeed() throws {
        let crashing: [UInt8] = [0x0D, 0xDB, 0xAC]
        let source = try SourceFile(bytes: crashing, path: "a.md", displayPath: "Content/a.md")
        #expect(source.body == "\n\u{6EC}")

        // As found, before minimizing: a BOM, that sequence, then front matter-like lines.
        let found = Data(base64Encoded: "77u/DdusLS0tCnNwbGl0OiAtLS0Kc3BsaXQ6ICMgLS0Kc3BsaXQ6IC0tLQpzcGxpdDogIyAtYe+7v2Hvu79sOiBoYQotLS0jIC1hbHBoYQotLS0K")!
        let other = try SourceFile(bytes: [UInt8](found), path: "a.md", displayPath: "Content/a.md")
        #expect(!other.body.utf8.contains(13))
        #expect(other.body.split(separator: "\n", omittingEmptySubsequences: false).count == 9)
    }
}
