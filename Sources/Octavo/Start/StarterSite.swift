import Foundation

/// The small site `octavo init` writes: a home page, two pages in a folder, commented settings,
/// a `.gitignore` and a GitHub workflow that checks, builds and publishes it with Octavo's action.
///
/// It uses the built-in theme (no `Templates/`), and `octavo check --strict` passes on it (a test
/// keeps it so).
public enum StarterSite {
    /// The action the workflow uses: `action.yml` at the top of Octavo's repository, at a tag or
    /// branch. Octavo cannot know where its user got it from, so `OWNER` is left for them to fill
    /// in (`octavo init` says so).
    public static let action = "OWNER/octavo@main"

    /// Every file: path relative to the site's folder → text.
    public static let files: [(path: String, text: String)] = [
        ("Content/index.md", """
            ---
            title: My documentation
            description: What this site is about, in one sentence.
            ---

            # My documentation

            Welcome. This page is `Content/index.md`: every Markdown file below `Content/` becomes a
            page, and folders become sections.

            - [Getting started](guide/getting-started.md) shows how to preview and build the site.
            - [Writing pages](guide/writing-pages.md) shows front matter and links.

            """),
        ("Content/guide/getting-started.md", """
            ---
            title: Getting started
            weight: 1
            ---

            # Getting started

            ## Preview

            Run `octavo serve` in the site's folder and open the address it prints. Each time you
            save a file, the site is built again and the open page reloads.

            ## Build

            `octavo build` writes the site into `Output/`; open `Output/index.html` straight from the
            disk. `octavo check --strict` reports broken links and other problems without writing
            anything.

            Next: [Writing pages](writing-pages.md).

            """),
        ("Content/guide/writing-pages.md", """
            ---
            title: Writing pages
            weight: 2
            date: 2026-01-15
            ---

            # Writing pages

            Pages are CommonMark. The block between the `---` lines at the top is front matter:
            `title`, `description`, `weight` (the order within a folder), `date` (shown on the page),
            and `draft: true` to leave a page out until you build with `--drafts`.

            Link to another page by its file, as on GitHub: [the build](getting-started.md#build),
            or [the home page](../index.md). Octavo checks every link and every `#fragment`.

            To change the look, run `octavo theme export Templates` and edit the files it writes;
            keep only the ones you change.

            """),
        ("Content/site.yml", """
            # Settings of the whole site. All are optional: remove the # in front of one to use it.
            title: My documentation
            # description: One sentence about the site, for search engines and link previews.
            # author: Your name
            # language: en                          # <html lang>; right-to-left languages get dir="rtl"
            # base_url: https://example.org/docs/   # where it is published: adds sitemap.xml and canonical links
            # edit_url: https://github.com/me/docs/edit/main/Content/   # an "Edit this page" link on each page
            # favicon: icon.png                     # a file of Content/
            # epub: book.epub                       # also write the site as an EPUB book
            # unsafe: false                         # true keeps raw HTML in Markdown
            # allow_outside_links: false            # true follows symbolic links that leave the site
            # markdown: gfm                         # commonmark turns GitHub's tables, task lists, alerts off
            # broken_links: error                   # warn publishes while known broken links are fixed

            """),
        (".gitignore", """
            # What octavo build writes; CI builds it again.
            Output/

            """),
        (".github/workflows/docs.yml", """
            # Checks the site on every pull request; on main, builds it and publishes it to GitHub Pages
            # (in the repository's settings, under Pages, choose GitHub Actions as the source).
            name: Docs

            on:
              push:
                branches: [main]
              pull_request:

            permissions:
              contents: read

            jobs:
              build:
                runs-on: ubuntu-latest
                container: swift:6.3-noble
                permissions:
                  contents: read
                  pages: read
                steps:
                  - uses: actions/checkout@v4
                  # The site's address on GitHub Pages (https://OWNER.github.io/REPOSITORY), for
                  # canonical links, the sitemap and a 404 page that works at any depth.
                  - id: pages
                    if: github.event_name != 'pull_request'
                    uses: actions/configure-pages@v5
                  # Octavo's action (action.yml of Octavo's repository): replace OWNER/octavo with it.
                  - uses: \(action)
                    with:
                      base-url: ${{ steps.pages.outputs.base_url }}
                  - uses: actions/upload-pages-artifact@v3
                    if: github.event_name != 'pull_request'
                    with:
                      path: Output

              deploy:
                if: github.event_name != 'pull_request'
                needs: build
                runs-on: ubuntu-latest
                permissions:
                  pages: write
                  id-token: write
                environment:
                  name: github-pages
                  url: ${{ steps.deployment.outputs.page_url }}
                steps:
                  - id: deployment
                    uses: actions/deploy-pages@v4

            """),
    ]

    /// What ``write(to:display:force:)`` did.
    public struct Outcome: Sendable, Equatable {
        /// Paths written, relative to the folder.
        public var written: [String]
        /// Paths left alone because a file was there already (with `force`).
        public var kept: [String]
    }

    /// Writes the starter site into a folder.
    ///
    /// - Parameters:
    ///   - folder: The site's folder; created when missing.
    ///   - display: How messages name it (as the user gave it, `.` for the current folder).
    ///   - force: Whether a folder that is not empty is accepted. Files already there are never
    ///     overwritten, with or without it.
    /// - Returns: The files written and those kept.
    /// - Throws: ``BuildError`` when the folder is a file, is not empty and `force` is off, or a
    ///   file cannot be written.
    public static func write(to folder: URL, display: String, force: Bool) throws -> Outcome {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw BuildError(file: display, "is a file: name a new or empty folder for the site") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if !entries.isEmpty, !force {
                throw BuildError(file: display, "is not empty (it holds \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")): "
                                 + "name a new folder (octavo init my-site), or add --force to add the starter files that are missing; no file is ever overwritten")
            }
        }
        var outcome = Outcome(written: [], kept: [])
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            let shown = display == "." ? file.path : display + "/" + file.path
            var info = stat()
            if lstat(url.path, &info) == 0 {
                outcome.kept.append(file.path)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // withoutOverwriting: a file made meanwhile is kept, not replaced.
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw BuildError(file: shown, "cannot be written: \(error.localizedDescription)")
            }
            outcome.written.append(file.path)
        }
        return outcome
    }
}
