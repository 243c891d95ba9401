import Foundation
import Testing
@testable import Octavo

@Suite("Start: octavo init, the starter site, and finding the site's root", .serialized)
struct StartTests {
    @Test func initThenBuildGivesASiteThatPassesStrictCheckWithoutTemplates() throws {
        let folder = try TemporaryFolder()
        let started = try runOctavo(["init"], in: folder.url)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("  octavo serve") && started.stdout.contains("  octavo build"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Templates").path))
        #expect(try folder.read(".gitignore").contains("Output/"))
        #expect(try folder.read(".github/workflows/docs.yml").contains("uses: \(StarterSite.action)"))

        let built = try runOctavo(["build"], in: folder.url)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.hasPrefix("Built 4 pages"))
        let checked = try runOctavo(["check", "--strict"], in: folder.url)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stderr.contains("0 errors, 0 warnings"))
        #expect(try folder.read("Output/guide/writing-pages/index.html").contains("<time datetime=\"2026-01-15\">"))

        // From inside the content folder, the site's root is found above it.
        let inside = try runOctavo(["build"], in: folder.url.appendingPathComponent("Content/guide"))
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout.hasPrefix("Using the site in ../.. (Content/ is there)\nBuilt 4 pages (12 files, 0 written, 12 unchanged"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/guide/Output").path))
        let checkedInside = try runOctavo(["check", "--strict"], in: folder.url.appendingPathComponent("Content"))
        #expect(checkedInside.status == 0)
        #expect(checkedInside.stderr.hasPrefix("Using the site in .. (Content/ is there)\nChecked 4 pages: 0 errors, 0 warnings"))
    }

    @Test func initRefusesAFolderThatIsNotEmptyAndNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        try folder.write(["Content/index.md": "# Mine\n"])
        let refused = try runOctavo(["init"], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(".: error: is not empty (it holds Content): name a new folder"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/site.yml").path))

        let outcome = try StarterSite.write(to: folder.url, display: ".", force: true)
        #expect(outcome.kept == ["Content/index.md"])
        #expect(outcome.written.count == StarterSite.files.count - 1)
        #expect(try folder.read("Content/index.md") == "# Mine\n")
    }

    @Test func aTemplatesFolderThatIsNamedMustExist() throws {
        let folder = try TemporaryFolder()
        try folder.write(["index.md": "# Home\n"], under: "Content")
        let result = try runOctavo(["build", "--templates", "Theme"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("templates folder 'Theme' does not exist: create it (octavo theme export Theme writes the built-in theme there to edit), or leave out --templates to use the built-in theme"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output").path))
    }

    @Test func theRootIsFoundFromAnyFolderInsideTheSite() throws {
        let folder = try TemporaryFolder()
        try folder.write(["Content/guide/a.md": "# A\n", "Docs/site.yml": "title: T\n", "Docs/x/b.md": "# B\n"])
        let root = folder.url.standardizedFileURL
        #expect(SiteRoot.find(from: root).map { [$0.root.path, $0.content] } == [root.path, "Content"])
        #expect(SiteRoot.find(from: root.appendingPathComponent("Content/guide")).map { [$0.root.path, $0.content] } == [root.path, "Content"])
        // A folder with site.yml is a content folder, whatever its name: its parent is the root.
        #expect(SiteRoot.find(from: root.appendingPathComponent("Docs/x"))?.content == "Docs")
        #expect(SiteRoot.relativePath(from: root.appendingPathComponent("Content/guide"), to: root) == "../..")
        #expect(SiteRoot.relativePath(from: root, to: root) == ".")
    }

    /// An mdBook book builds from its own folder, or any folder inside it: `book.toml` names the
    /// content folder (`src/`, or `[book] src`) and the site's title, which `site.yml` overrides.
    @Test func anMdBookBookBuildsFromItsFolderWithItsTitle() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "book/book.toml": "[book]\ntitle = \"The Widget Book\"\nauthors = [\"A\"]\n",
            "book/src/SUMMARY.md": "# Summary\n\n- [Intro](intro.md)\n",
            "book/src/intro.md": "# Introduction\n\nHello.\n",
            "other/book.toml": "[book]\nsrc = \"pages\"\n", "other/pages/a.md": "# A\n",
        ])
        let book = folder.url.appendingPathComponent("book").standardizedFileURL
        #expect(SiteRoot.find(from: book.appendingPathComponent("src")).map { [$0.root.path, $0.content] } == [book.path, "src"])
        #expect(SiteRoot.find(from: folder.url.appendingPathComponent("other"))?.content == "pages")
        #expect(BookConfig.read(in: book) == BookConfig(title: "The Widget Book", source: "src"))
        let built = try runOctavo(["build", "--quiet"], in: book)
        #expect(built.status == 0, "\(built.stderr)")
        let home = try String(contentsOf: book.appendingPathComponent("Output/index.html"), encoding: .utf8)
        #expect(home.contains("<title>The Widget Book</title>"), "\(home.prefix(600))")
        try folder.write(["book/src/site.yml": "title: Mine\n"])
        #expect(try runOctavo(["build", "--quiet"], in: book).status == 0)
        let retitled = try String(contentsOf: book.appendingPathComponent("Output/index.html"), encoding: .utf8)
        #expect(retitled.contains("Mine") && !retitled.contains("The Widget Book"))
    }

    /// `octavo build FOLDER`, as `mdbook build FOLDER`: a site's root is entered (its output
    /// folder inside it, `--output` still from here); a folder of Markdown files is the content
    /// (the output folder here, as with `--content`); the folder and `--content` together, or a
    /// folder that does not exist, are refused with what to do.
    @Test func aFolderGivenOnTheCommandLineIsTheSiteOrItsContent() throws {
        let folder = try TemporaryFolder()
        try folder.write(["site/Content/index.md": "# Site\n", "docs/README.md": "# Docs\n\n[a](guide/a.md)\n", "docs/guide/a.md": "# A\n"])
        let site = try runOctavo(["build", "site"], in: folder.url)
        #expect(site.status == 0, "\(site.stderr)")
        #expect(site.stdout.hasPrefix("Using the site in site (Content/ is there)\nBuilt 1 page"), "\(site.stdout)")
        #expect(try folder.read("site/Output/index.html").contains("Site"))
        let elsewhere = try runOctavo(["build", "site", "--quiet", "--output", "out"], in: folder.url)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(try folder.read("out/index.html").contains("Site"))
        let docs = try runOctavo(["build", "docs", "--quiet"], in: folder.url)
        #expect(docs.status == 0, "\(docs.stderr)")
        #expect(try folder.read("Output/guide/a/index.html").contains("<title>A · Docs</title>"))
        let checked = try runOctavo(["check", "docs"], in: folder.url)
        #expect(checked.status == 0 && checked.stderr == "Checked 3 pages: 0 errors, 0 warnings\n", "\(checked.stderr)")
        let both = try runOctavo(["check", "docs", "--content", "docs"], in: folder.url)
        #expect(both.status != 0 && both.stderr.contains("the folder 'docs' and --content docs both name the content: give one of them"), "\(both.stderr)")
        let missing = try runOctavo(["build", "doc"], in: folder.url)
        #expect(missing.status != 0 && missing.stderr.contains("folder 'doc' does not exist"), "\(missing.stderr)")
        // Messages name the site's files from here, as a CI annotation needs.
        try folder.write(["site/Content/bad.md": "# Bad\n\n[x](nope.md)\n"])
        let annotated = try runOctavo(["check", "site", "--format", "github"], in: folder.url)
        #expect(annotated.stdout.hasPrefix("::error file=site/Content/bad.md,line=3,col=1::link target 'nope.md' does not exist"), "\(annotated.stdout)")
        // Another generator's folder that is not its site is refused, not published as content.
        try folder.write(["hugo/hugo.toml": "title = \"H\"\ncontentDir = \"docs\"\n", "hugo/docs/_index.md": "# D\n"])
        let config = try runOctavo(["build", "hugo"], in: folder.url)
        #expect(config.status != 0 && config.stderr.contains("'hugo' holds hugo.toml but not a content/ folder"), "\(config.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/hugo.toml").path))
    }

    /// A Hugo or Zola site (its configuration beside `content/`) builds from its folder without
    /// `--content`; a folder named `content` without such a file is no site.
    @Test func aHugoSitesContentFolderIsFound() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "hugo/hugo.toml": "title = \"Docs\"\n", "hugo/content/_index.md": "# Home\n\nHello.\n", "hugo/content/guide.md": "# Guide\n",
            "plain/content/a.md": "# A\n",
        ])
        let hugo = folder.url.appendingPathComponent("hugo").standardizedFileURL
        #expect(SiteRoot.find(from: hugo.appendingPathComponent("content")).map { [$0.root.path, $0.content] } == [hugo.path, "content"])
        #expect(SiteRoot.find(from: folder.url.appendingPathComponent("plain"))?.content != "content")
        let built = try runOctavo(["build"], in: hugo)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.hasPrefix("Using the site in . (content/ is there)"), "\(built.stdout)")
        #expect(FileManager.default.fileExists(atPath: hugo.appendingPathComponent("Output/guide/index.html").path))
    }

    /// A Hugo or Zola site's title and base URL are the site's when `site.yml` gives none (the
    /// sitemap is written for it); an image in its `static/` folder, which Octavo does not read,
    /// is named in the message with where to move it.
    @Test func aHugoOrZolaSitesTitleBaseURLAndStaticFolderAreRead() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "hugo/hugo.toml": "title = \"Hugo Site\"\nbaseURL = \"https://example.org/docs/\"\n[params]\nx = 1\n",
            "hugo/content/_index.md": "---\ntitle: Home\n---\n\nHello ![logo](/img/logo.png)\n", "hugo/static/img/logo.png": "x",
        ])
        let hugo = folder.url.appendingPathComponent("hugo")
        let refused = try runOctavo(["build", "--quiet"], in: hugo)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("content/_index.md:5:7: error: image '/img/logo.png' does not exist: static/img/logo.png is there, but Octavo reads only the content folder (not Hugo's or Zola's static/): move it to content/img/logo.png\n"), "\(refused.stderr)")
        try FileManager.default.removeItem(at: hugo.appendingPathComponent("static"))
        try folder.write(["hugo/content/img/logo.png": "x"])
        let built = try runOctavo(["build", "--quiet"], in: hugo)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try folder.read("hugo/Output/index.html").contains("<title>Hugo Site</title>"))
        #expect(try folder.read("hugo/Output/sitemap.xml").contains("<loc>https://example.org/docs/</loc>"))
        #expect(GeneratorConfig.read(in: hugo) == GeneratorConfig(title: "Hugo Site", baseURL: "https://example.org/docs/"))
        try folder.write(["zola/config.toml": "title = \"Zola\"\nbase_url = \"https://z.example/\"\n", "y/hugo.yaml": "title: Y\nbaseURL: https://y.example/\n",
                          "j/hugo.json": "{\"title\": \"J\"}"])
        #expect(GeneratorConfig.read(in: folder.url.appendingPathComponent("zola")) == GeneratorConfig(title: "Zola", baseURL: "https://z.example/"))
        #expect(GeneratorConfig.read(in: folder.url.appendingPathComponent("y")) == GeneratorConfig(title: "Y", baseURL: "https://y.example/"))
        #expect(GeneratorConfig.read(in: folder.url.appendingPathComponent("j")) == GeneratorConfig(title: "J"))
        // Hugo's other file name, and its keys in any letter case.
        try folder.write(["l/hugo.yml": "Title: L\nbaseurl: https://l.example/\n"])
        #expect(GeneratorConfig.read(in: folder.url.appendingPathComponent("l")) == GeneratorConfig(title: "L", baseURL: "https://l.example/"))
        // Hugo's and Zola's own front matter keys are not warned about in their sites; others are,
        // and the same keys are elsewhere.
        let keys = "---\ntitle: Guide\nlinkTitle: G\ntags: [a]\nparams:\n  x: 1\ntemplate: page.html\ncolour: red\n---\n# Guide\n"
        try folder.write(["hugo/content/guide.md": keys, "plain/Content/index.md": "# Home\n\n[g](guide.md)\n", "plain/Content/guide.md": keys])
        let inHugo = try runOctavo(["check", "hugo"], in: folder.url)
        #expect(inHugo.stdout.split(separator: "\n").filter { $0.contains("front matter key") }.map { $0.split(separator: "'")[1] } == ["colour"], "\(inHugo.stdout)")
        let plain = try runOctavo(["check", "plain"], in: folder.url)
        #expect(plain.stdout.split(separator: "\n").filter { $0.contains("front matter key") }.count == 5, "\(plain.stdout)")
        // site.yml comes first.
        try folder.write(["hugo/content/site.yml": "title: Mine\n"])
        #expect(try runOctavo(["build", "--quiet"], in: hugo).status == 0)
        #expect(try folder.read("hugo/Output/index.html").contains("<title>Mine</title>"))
    }
}
