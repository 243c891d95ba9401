import Foundation
import Testing
@testable import Octavo

@Suite("Theme: the built-in theme and a templates folder that overrides it file by file")
struct ThemeTests {
    /// Every regular file below `folder`, relative path → bytes, hidden names skipped.
    static func files(below folder: URL) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return result }
        for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(file.standardizedFileURL.path.dropFirst(base.count + 1))
            result[relative] = FileManager.default.contents(atPath: file.path).map { [UInt8]($0) }
        }
        return result
    }

    @Test func theBuiltInThemeIsTheRepositorysTemplatesFolder() {
        let disk = Self.files(below: realTemplates)
        let builtIn = Dictionary(BuiltInTheme.allFiles.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let stale = Set(disk.keys).symmetricDifference(builtIn.keys).sorted() + disk.keys.filter { builtIn[$0] != nil && builtIn[$0] != disk[$0] }.sorted()
        #expect(stale.isEmpty, "the built-in theme differs from Templates/ in \(stale.joined(separator: ", ")): run `make theme`")
        #expect(disk.count >= 20)
    }

    func build(_ templates: [String: String]?, in folder: TemporaryFolder) throws -> Pipeline.Report {
        try folder.write(["index.md": "# Home\n\nText.\n"], under: "Content")
        if let templates { try folder.write(templates, under: "Templates") }
        var options = options(in: folder, templates: folder.url.appendingPathComponent("Templates"))
        options.builtInTheme = true
        return try Pipeline(options: options).build()
    }

    @Test func withoutATemplatesFolderTheBuiltInThemeRendersEverything() throws {
        let folder = try TemporaryFolder()
        let report = try build(nil, in: folder)
        #expect(report.diagnostics.filter { $0.severity != .note }.isEmpty)
        let style = BuiltInTheme.allFiles.first { $0.path == "assets/style.css" }
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("Output/assets/style.css")) == style.map { Data($0.bytes) })
        #expect(try folder.read("Output/index.html").contains("<main id=\"octavo.content\">"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/search.html").path))
    }

    @Test func aTemplatesFolderReplacesOnlyTheFilesItHas() throws {
        let folder = try TemporaryFolder()
        _ = try build(["partials/header.mustache": "<header class=\"mine\">{{site.title}}</header>\n",
                       "assets/style.css": "body { color: red; }\n"], in: folder)
        let home = try folder.read("Output/index.html")
        #expect(home.contains("<header class=\"mine\">Home</header>"))
        #expect(home.contains("<main id=\"octavo.content\">"))  // the built-in layout
        #expect(try folder.read("Output/assets/style.css") == "body { color: red; }\n")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/assets/theme.js").path))
    }

    @Test func messagesNameEachTemplateWhereItComesFrom() throws {
        let set = try TemplateSet(sources: ["partials/header": "<header></header>"], displayRoot: "Templates", builtIn: true)
        #expect(set.displayPath(of: "layout") == "<built-in>/layout.mustache")
        #expect(set.displayPath(of: "partials/header") == "Templates/partials/header.mustache")
        #expect(set.sources["partials/header"] == "<header></header>")
    }

    @Test func exportWritesEveryFileAndNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("Theme")
        let written = try BuiltInTheme.export(to: target, display: "Theme")
        #expect(written.count == BuiltInTheme.allFiles.count)
        #expect(Self.files(below: target) == Self.files(below: realTemplates))
        try folder.write(["layout.mustache": "mine"], under: "Again")
        let error = #expect(throws: BuildError.self) { try BuiltInTheme.export(to: folder.url.appendingPathComponent("Again"), display: "Again") }
        #expect(error?.diagnostics.map(\.description) == [
            "Again/layout.mustache: error: exists already: the theme is never written over a file; export into an empty folder, or move this file away",
        ])
        #expect(try folder.read("Again/layout.mustache") == "mine")
        #expect(Self.files(below: folder.url.appendingPathComponent("Again")).count == 1)
    }
}
