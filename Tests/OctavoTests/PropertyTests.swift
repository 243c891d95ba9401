// Property tests (swift-property-based): random documents and small random sites, built with the
// real templates. Each generated input is drawn from a list of numbers (``Draws``), so that when a
// property fails, PropertyBased shrinks the list and with it the site to a small failing one.
import Foundation
import PropertyBased
import Testing
@testable import Octavo

@Suite("Properties: heading ids, links and deterministic builds", .serialized)
struct PropertyTests {
    /// The numbers a random document or site is drawn from.
    static let draws = Gen.int(in: 0...9_999).array(of: 0...80)

    /// (a) Every heading of a document gets an id, none empty and none repeated, and no id repeats
    /// on any page the document is split into, the templates' own ids included.
    @Test func headingIdsAreUniqueAndNeverEmpty() async throws {
        let reserved = try TemplateSet(root: realTemplates, displayRoot: "Templates").reservedIDs
        await propertyCheck(count: 60, input: Self.draws) { numbers in
            var draws = Draws(numbers)
            let document = RandomSite.document(&draws)
            let markdown = document.text(links: { _ in "" })

            var ids = HeadingIDGenerator(reserving: reserved)
            let parsed = MarkdownParser().parse(markdown, ids: &ids)
            let headingIDs = parsed.blocks.flatMap { ($0.id.map { [$0] } ?? []) + $0.nestedIDs }
            #expect(headingIDs.count == document.headings.count, "\(markdown)")
            #expect(Set(headingIDs).count == headingIDs.count, "repeated id in \(headingIDs)")
            #expect(!headingIDs.contains(""), "empty id in \(headingIDs)")
            #expect(reserved.isDisjoint(with: headingIDs), "a heading took a template's id: \(headingIDs)")

            let folder = try TemporaryFolder()
            try folder.write(["index.md": document.frontMatter + markdown], under: "Content")
            let result = try Pipeline(options: options(in: folder)).render()
            for file in result.files {
                guard case .bytes(let bytes) = file.contents else { continue }
                let pageIDs = PageLinks.values(of: "id", in: String(decoding: bytes, as: UTF8.self))
                #expect(Set(pageIDs).count == pageIDs.count, "\(file.path) repeats an id: \(pageIDs)\n\(markdown)")
                #expect(!pageIDs.contains(""), "\(file.path) has an empty id\n\(markdown)")
            }
        }
    }

    /// (b) In a small random site whose links all point to existing files, anchors and numbers,
    /// the build reports nothing and every link of every page (text, navigation, assets) resolves.
    @Test func everyGeneratedLinkResolves() async throws {
        let reserved = try TemplateSet(root: realTemplates, displayRoot: "Templates").reservedIDs
        await propertyCheck(count: 40, input: Self.draws) { numbers in
            var draws = Draws(numbers)
            let site = try RandomSite(&draws, reserved: reserved)
            let folder = try TemporaryFolder()
            try site.write(to: folder)
            let report = try Pipeline(options: options(in: folder, strict: true)).build()
            #expect(report.diagnostics.isEmpty, "\(site)")
            #expect(brokenLinks(in: folder.snapshot("Output")) == [], "\(site)")
        }
    }

    /// (c) Building a site twice gives the same bytes, also in another process (the `octavo`
    /// command, whose dictionaries hash with another seed), and a rebuild into the same folder
    /// rewrites nothing.
    @Test func buildingTwiceGivesTheSameBytes() async throws {
        let reserved = try TemplateSet(root: realTemplates, displayRoot: "Templates").reservedIDs
        // `swift test` builds every product; the command lies beside the test bundle.
        let octavo = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("octavo")
        try #require(FileManager.default.isExecutableFile(atPath: octavo.path), "no octavo command at \(octavo.path)")
        await propertyCheck(count: 25, input: Self.draws) { numbers in
            var draws = Draws(numbers)
            let site = try RandomSite(&draws, reserved: reserved)
            let folder = try TemporaryFolder()
            try site.write(to: folder)
            let first = try Pipeline(options: options(in: folder)).build()
            let firstBytes = folder.snapshot("Output")
            var other = options(in: folder)
            other.output = folder.url.appendingPathComponent("Output2")
            _ = try Pipeline(options: other).build()
            #expect(folder.snapshot("Output2") == firstBytes, "\(site)")
            let process = Process()
            process.executableURL = octavo
            process.currentDirectoryURL = folder.url
            process.arguments = ["build", "--quiet", "--templates", realTemplates.path, "--output", "Output3"]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(folder.snapshot("Output3") == firstBytes, "\(site)")
            let again = try Pipeline(options: options(in: folder)).build()
            #expect(again.write?.written == 0 && again.write?.unchanged == first.files, "\(site)")
            #expect(folder.snapshot("Output") == firstBytes, "\(site)")
        }
    }
}

extension PropertyTests {
    /// Files that once made `check` pass and `build` fail part-way, or a link take a scheme: names
    /// like URL schemes, names of files the build writes, names too long, combining marks first.
    static let hostileFiles: [(path: String, text: String)] = [
        ("javascript:alert(1).md", "# Script\n"),
        ("Note: intro.md", "# Note\n"),
        ("data:text.md", "# Data\n"),
        ("s.md", "---\nslug: \"javascript:void(0)\"\n---\n# Void\n"),
        ("search.html.md", "# Search\n"),
        ("print.html.md", "# Print\n"),
        ("index.html.md", "# Index\n"),
        ("search-index.js.md", "# Index script\n"),
        ("m.md", "---\nslug: .octavo-manifest\n---\n# Manifest\n"),
        ("long.md", "---\nslug: " + String(repeating: "s", count: 300) + "\n---\n# Long\n"),
        ("split.md", "---\nsplit: [2]\n---\n# Split\n\n## " + (1...60).map { "word\($0)" }.joined(separator: " ") + "\n\ntext\n"),
        ("assets/style.css", "body {}\n"),
        ("marks.md", "# Marks\n\n## \u{301}x\n\n\u{301}para [x](#\u{301}x)\n\n> ## \u{301}y\n"),
        ("pic.md", "# Pic\n\n![p](marks.md)\n"),
    ]

    /// (d) `check` and `build` agree: whenever `check` (which renders without writing) reports no
    /// error, `build` of the same input succeeds, writes exactly the files it promised, and every
    /// link leads to one of them without a scheme; when `check` reports one, `build` writes nothing.
    @Test func checkAndBuildAgree() async throws {
        await propertyCheck(count: 30, input: Self.draws) { numbers in
            var draws = Draws(numbers)
            var site = try RandomSite(&draws, reserved: [])
            for (path, text) in Self.hostileFiles where draws.chance(15) { site.files[path] = text }
            let folder = try TemporaryFolder()
            try site.write(to: folder)
            let builder = Pipeline(options: options(in: folder))
            var errors: [Diagnostic] = []
            var promised: Set<String> = []
            do {
                let result = try builder.render()
                errors = result.diagnostics.filter { $0.severity == .error }
                promised = Set(result.files.map(\.path))
            } catch let error as BuildError {
                errors = error.diagnostics
            }
            if errors.isEmpty {
                let report = try builder.build()
                #expect(report.diagnostics.filter { $0.severity == .error } == [], "\(site)")
                let written = folder.snapshot("Output")
                #expect(Set(written.keys) == promised.union([OutputWriter.manifestName]), "\(site)")
                #expect(brokenLinks(in: written) == [], "\(site)")
                for (path, data) in written where path.hasSuffix(".html") {
                    let schemes = PageLinks(String(decoding: data, as: UTF8.self)).hrefs.filter { scheme(of: $0) != nil }
                    #expect(schemes == [], "\(path)\n\(site)")
                }
            } else {
                #expect(throws: BuildError.self, "check found \(errors)\n\(site)") { try builder.build() }
                #expect(folder.snapshot("Output").isEmpty, "\(site)")
            }
        }
    }
}

/// A list of numbers read one at a time; once it runs out, every draw is 0, the simplest choice.
struct Draws {
    private var numbers: ArraySlice<Int>

    init(_ numbers: [Int]) { self.numbers = numbers[...] }

    /// A number in `0..<count`.
    mutating func next(_ count: Int) -> Int {
        guard let number = numbers.popFirst() else { return 0 }
        return number % count
    }

    mutating func element<T>(of choices: [T]) -> T { choices[next(choices.count)] }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
}

/// A small site: `index.md` and up to four other Markdown files, maybe an image, with random
/// headings (repeated, punctuation only, non-Latin, numbered, nested in quotes and lists), random
/// `split` settings, and links between the files that all point to something that exists.
struct RandomSite: CustomStringConvertible {
    /// Path in the content folder → file text.
    var files: [String: String] = [:]
    var hasImage = false

    /// Heading texts. Repeats, texts whose id is another's with a suffix (`A`, `a-1`), ids the
    /// templates use, no letters at all, other scripts, combining marks; none starts like a number.
    static let words = [
        "Scope", "Goals", "Scope", "A", "a-1", "A", "Content", "Title", "toc-title", "!!!", "...", "— ? —", "",
        "Ελληνικά", "中文 標題", "Русский текст", "हिन्दी", "עברית", "Café", "Cafe\u{301}", "`code` and *em*",
        "C++ & C#", "🎉 Party", "snake_case", "x < y",
    ]
    static let romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    static let splits: [[Int]] = [[], [1], [2], [1, 2], [2, 3], [1, 2, 3]]
    static let otherPaths = ["alpha.md", "beta.md", "guide/gamma.md", "guide/index.md"]

    struct Heading {
        var level: Int
        var text: String
        /// Top level, not in a quote or list: a split point when its level is in `split`.
        var isTopLevel: Bool
    }

    enum Block {
        case heading(Int)  // index into `headings`
        case paragraph(links: [Int])  // numbers that choose each link's target
        case closingMarker
        case code
    }

    struct Document {
        var path: String
        var frontMatter: String
        var headings: [Heading] = []
        var blocks: [Block] = []
        /// The ids of the headings, in order, and the number paths (`II.3`) of the split pages;
        /// filled in by ``RandomSite/init(_:reserved:)`` from Octavo's parse and outline.
        var ids: [String] = []
        var numberPaths: [String] = []

        /// The Markdown body; `links` writes the link that a number chooses.
        func text(links: (Int) -> String) -> String {
            var lines: [String] = []
            for block in blocks {
                switch block {
                case .heading(let index):
                    let heading = headings[index]
                    let line = String(repeating: "#", count: heading.level) + " " + heading.text
                    lines.append(heading.isTopLevel ? line : (index % 2 == 0 ? "> " : "- ") + line)
                case .paragraph(let choices):
                    lines.append("Text " + choices.map(links).joined(separator: " and ") + ".")
                case .closingMarker:
                    lines.append(MarkdownParser.closingMarker)
                case .code:
                    lines.append("```\n# not a heading [x](nowhere.md)\n```")
                }
                lines.append("")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// A document of random blocks. Numbers count up through the document (I, II … for level 1,
    /// 1, 2 … for the others), so that no two split pages get one folder name.
    static func document(_ draws: inout Draws, path: String = "index.md") -> Document {
        let split = draws.element(of: splits)
        var frontMatter = "---\n"
        if !split.isEmpty { frontMatter += "split: [\(split.map(String.init).joined(separator: ", "))]\n" }
        if draws.chance(20) { frontMatter += "weight: \(draws.next(5))\n" }
        frontMatter += "---\n"
        var document = Document(path: path, frontMatter: frontMatter)
        var parts = 0
        var items = 0
        for _ in 0..<draws.next(12) {
            switch draws.next(10) {
            case 0...5:
                let level = 1 + draws.next(3)
                let isTopLevel = !draws.chance(20)
                var text = draws.element(of: words)
                if isTopLevel && draws.chance(50) {
                    if level == 1 {
                        parts += 1
                        text = romans[(parts - 1) % romans.count] + ". " + text
                    } else {
                        items += 1
                        text = "\(items). " + text
                    }
                }
                document.headings.append(Heading(level: level, text: text, isTopLevel: isTopLevel))
                document.blocks.append(.heading(document.headings.count - 1))
            case 6, 7:
                document.blocks.append(.paragraph(links: (0...draws.next(3)).map { _ in draws.next(10_000) }))
            case 8:
                document.blocks.append(.closingMarker)
            default:
                document.blocks.append(.code)
            }
        }
        return document
    }

    init(_ draws: inout Draws, reserved: Set<String>) throws {
        var paths = ["index.md"]
        for path in Self.otherPaths where draws.chance(40) { paths.append(path) }
        hasImage = draws.chance(50)
        var documents = paths.map { Self.document(&draws, path: $0) }
        // Which ids and numbers exist, from Octavo's own parse and outline of the files without
        // links (links change neither); whether links to them work is what the test checks.
        var inputs: [Outliner.Input] = []
        for index in documents.indices {
            let text = documents[index].frontMatter + documents[index].text(links: { _ in "" })
            let source = try SourceFile(bytes: Array(text.utf8), path: documents[index].path, displayPath: documents[index].path)
            var ids = HeadingIDGenerator(reserving: reserved)
            let parsed = MarkdownParser().parse(source.body, ids: &ids)
            documents[index].ids = parsed.blocks.flatMap { ($0.id.map { [$0] } ?? []) + $0.nestedIDs }
            inputs.append(Outliner.Input(source: source, markdown: parsed))
        }
        let outline = try Outliner().outline(inputs, assets: [])
        for index in documents.indices {
            let numbers = outline.documents.first { $0.path == documents[index].path }?.numberPages.keys
            documents[index].numberPaths = numbers.map { $0.sorted() } ?? []
        }
        let hasImage = self.hasImage
        for document in documents {
            let folder = (document.path as NSString).deletingLastPathComponent
            let body = document.text { choice in
                let target = documents[choice % documents.count]
                var relative = Self.relativePath(from: folder, to: target.path)
                if relative.hasSuffix("index.md") && choice % 5 == 0 {  // the folder: `guide/`, `./`, `../`
                    relative = relative.dropLast("index.md".count).isEmpty ? "./" : String(relative.dropLast("index.md".count))
                }
                let file = target.path == document.path && choice % 3 != 0 ? "" : relative
                switch choice / 7 % 4 {
                case 0 where !target.ids.isEmpty:
                    return "[anchor](\(file)#\(target.ids[choice / 31 % target.ids.count]))"
                case 1 where !target.numberPaths.isEmpty:
                    return "[number](\(file)#\(target.numberPaths[choice / 31 % target.numberPaths.count]))"
                case 2 where hasImage:
                    return "![image](\(Self.relativePath(from: folder, to: "img/pic.png")))"
                default:
                    return "[file](\(relative))"
                }
            }
            files[document.path] = document.frontMatter + body
        }
    }

    /// The link from a file in `folder` to the content path `path`.
    static func relativePath(from folder: String, to path: String) -> String {
        folder.isEmpty ? path : String(repeating: "../", count: folder.split(separator: "/").count) + path
    }

    func write(to folder: TemporaryFolder) throws {
        try folder.write(files, under: "Content")
        if hasImage { try folder.writeBytes([0x89, 0x50, 0x4E, 0x47], to: "Content/img/pic.png") }
    }

    var description: String {
        files.sorted { $0.key < $1.key }.map { "== \($0.key)\n\($0.value)" }.joined(separator: "\n")
            + (hasImage ? "\n== img/pic.png" : "")
    }
}
