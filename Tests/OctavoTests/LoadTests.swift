import Foundation
import Testing
@testable import Octavo

@Suite("Load: front matter, encodings, line ends")
struct LoadTests {
    @Test func splitsFrontMatterFromBody() throws {
        let file = try SourceFile(bytes: Array("---\ntitle: A\nweight: 3\nsplit: [1, 2]\n---\n# Hello\n".utf8),
                                  path: "a.md", displayPath: "Content/a.md")
        #expect(file.frontMatter.title == "A")
        #expect(file.frontMatter.weight == 3)
        #expect(file.frontMatter.split == [1, 2])
        #expect(file.body == "# Hello\n")
        #expect(file.bodyFirstLine == 6)
    }

    @Test func acceptsBOMAndCRLFAndLoneCR() throws {
        let crlf = try SourceFile(bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: T\r\n---\r\nline one\r\nline two\rthree".utf8),
                                  path: "a.md", displayPath: "a.md")
        #expect(crlf.frontMatter.title == "T")
        #expect(crlf.body == "line one\nline two\nthree")
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let file = try SourceFile(bytes: Array("Just text\n".utf8), path: "a.md", displayPath: "a.md")
        #expect(file.frontMatter == FrontMatter())
        #expect(file.body == "Just text\n")
        #expect(file.bodyFirstLine == 1)
    }

    @Test func unclosedFrontMatterNamesFileAndLine() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("---\ntitle: x\n# body\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.description == "Content/a.md:1: error: front matter is not closed: add a line '---' after it")
    }

    @Test func invalidYAMLGivesTheLineInTheFile() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("---\ntitle: ok\nbad: [unclosed\n---\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        let diagnostic = error?.diagnostics.first
        #expect(diagnostic?.file == "Content/a.md")
        #expect((diagnostic?.line ?? 0) >= 3)
        #expect(diagnostic?.message.contains("not valid YAML") == true)
    }

    @Test func wrongTypeForKnownKeyIsAnError() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("---\nweight: many\n---\n".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.diagnostics.first?.line == 2)
        #expect(error?.diagnostics.first?.message.contains("'weight' must be a whole number") == true)
    }

    @Test func invalidUTF8GivesByteOffset() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("abc".utf8) + [0xC3, 0x28], path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.description == "Content/a.md: error: is not valid UTF-8 (bad byte at byte offset 3): save it as UTF-8")
    }

    @Test func nulByteIsRefused() {
        let error = #expect(throws: BuildError.self) {
            try SourceFile(bytes: Array("ab".utf8) + [0] + Array("c".utf8), path: "a.md", displayPath: "Content/a.md")
        }
        #expect(error?.diagnostics.first?.message.contains("NUL byte at byte offset 2") == true)
    }

    @Test func unknownKeysAreKeptWithTheirLines() throws {
        let file = try SourceFile(bytes: Array("---\ntitle: A\nwieght: 2\n---\n".utf8), path: "a.md", displayPath: "a.md")
        #expect(file.frontMatter.unreadKeys.map(\.key) == ["wieght"])
        #expect(file.frontMatter.unreadKeys.map(\.line) == [3])
    }

    @Test func loaderSeparatesMarkdownFromAssetsAndSkipsHiddenFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write(["a.md": "# A\n", "sub/b.md": "# B\n", "img/logo.png": "png", ".hidden.md": "x"], under: "Content")
        let loaded = try ContentLoader(root: folder.url.appendingPathComponent("Content"), displayRoot: "Content").load()
        #expect(loaded.sources.map(\.path) == ["a.md", "sub/b.md"])
        #expect(loaded.assets.map(\.path) == ["img/logo.png"])
    }

    @Test func siteSettingsForLanguageBaseURLAndPublishing() throws {
        let yaml = "language: ar-EG\nbase_url: https://example.org/docs\ndescription: A site\nauthor: Ann\nfavicon: icon.png\nedit_url: https://github.com/o/r/edit/main/Content/\n"
        let config = try SiteConfig(yaml: yaml, file: "Content/site.yml")
        #expect(config.language == "ar-EG")
        #expect(config.baseURL == "https://example.org/docs/")
        #expect(config.description == "A site" && config.author == "Ann" && config.favicon == "icon.png")
        #expect(config.editURL == "https://github.com/o/r/edit/main/Content/")
        #expect(SiteConfig.isRightToLeft("ar-EG") && SiteConfig.isRightToLeft("he") && SiteConfig.isRightToLeft("az-Arab"))
        #expect(!SiteConfig.isRightToLeft("fr") && !SiteConfig.isRightToLeft("zh-Hans") && !SiteConfig.isRightToLeft("uz-Latn"))
    }

    @Test func badSiteSettingsNameTheLine() {
        let cases: [(String, String)] = [
            ("title: T\nlanguage: not a tag\n", "Content/site.yml:2: error: 'language' must be a BCP 47 language tag such as en, fr-CA or zh-Hans"),
            ("base_url: example.org/docs\n", "Content/site.yml:1: error: " + SiteConfig.baseURLProblem),
            ("favicon: ../icon.png\n", "Content/site.yml:1: error: 'favicon' must be the path of a file in the content folder, such as icon.png"),
            ("edit_url: github.com/o/r\n", "Content/site.yml:1: error: 'edit_url' must start with https:// or http://"),
            ("langauge: fr\n", "Content/site.yml:1: error: unknown setting 'langauge' (known: title, unsafe, language, base_url, description, author, favicon, edit_url)"),
        ]
        for (yaml, message) in cases {
            #expect(throws: BuildError.self) { try SiteConfig(yaml: yaml, file: "Content/site.yml") }
            do { _ = try SiteConfig(yaml: yaml, file: "Content/site.yml") } catch let error as BuildError {
                #expect(error.diagnostics.map(\.description) == [message])
            } catch { Issue.record("unexpected \(error)") }
        }
    }
}
