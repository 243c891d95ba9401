import Foundation
import Testing
@testable import Octavo

/// The real `Content/` with the real `Templates/`, built and rendered once per test process and
/// shared by every test that only reads the result: building it takes seconds, and about twenty
/// tests read it. Swift runs a `static let` initialiser once, thread-safely, on first use.
/// Tests that must compare two builds (reproducibility) build a second one themselves.
enum RealSite {
    /// What the shared build left: the temporary folder (kept for the whole run), the files of its
    /// `Output` folder by path, and its zip bundle.
    struct Build: Sendable {
        let folder: TemporaryFolder
        let files: [String: Data]
        let bundle: URL
    }

    /// The strict build into `Output` with a bundle `site.zip` beside it, made on first use.
    private static let built: Result<Build, any Error> = Result {
        let folder = try TemporaryFolder()
        var options = Pipeline.Options(content: realContent, templates: realTemplates,
                                       output: folder.url.appendingPathComponent("Output"), strict: true)
        options.bundle = folder.url.appendingPathComponent("site.zip")
        _ = try Pipeline(options: options).build()
        return Build(folder: folder, files: folder.snapshot("Output"), bundle: options.bundle!)
    }

    /// The render `check` does (nothing written), with the content folder shown as `Content`.
    private static let rendered: Result<Pipeline.Result, any Error> = Result {
        try Pipeline(options: Pipeline.Options(content: realContent, templates: realTemplates,
                                               output: URL(fileURLWithPath: "/nonexistent"), displayContent: "Content")).render()
    }

    /// The shared build; throws the build's error in every test that reads it if it failed.
    static func build() throws -> Build { try built.get() }

    /// The shared render; throws the render's error in every test that reads it if it failed.
    static func render() throws -> Pipeline.Result { try rendered.get() }
}
