import Foundation
import TOMLKit
import Yams

/// What Octavo reads of a Hugo or Zola site's configuration beside its `content/` folder, so that
/// such a site builds from its own folder with its own name and address: the site's `title`, and
/// its base URL (Hugo's `baseURL`, Zola's `base_url`). Both apply only where `site.yml` (and
/// `--base-url`) give none; every other setting is that generator's own and is left alone.
public struct GeneratorConfig: Sendable, Equatable {
    /// `title`, or `nil`.
    public var title: String?
    /// `baseURL` or `base_url`, as written (checked as ``SiteConfig/baseURL(_:)`` checks
    /// `base_url`, where it is used), or `nil`.
    public var baseURL: String?

    /// Creates a configuration.
    public init(title: String? = nil, baseURL: String? = nil) {
        self.title = title
        self.baseURL = baseURL
    }

    /// Reads the first of ``SiteRoot/generatorConfigs`` in `folder` that is there (`hugo.toml`,
    /// `hugo.yaml`, `hugo.json`, `config.toml`, `config.yaml`, `zola.toml`).
    /// - Returns: `nil` when there is none, or it cannot be read as its format (Hugo or Zola says
    ///   why when it builds the site).
    public static func read(in folder: URL) -> GeneratorConfig? {
        for name in SiteRoot.generatorConfigs {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            let values: [String: String]
            if name.hasSuffix(".toml") {
                guard let table = try? TOMLTable(string: text) else { return nil }
                values = Dictionary(uniqueKeysWithValues: ["title", "baseURL", "base_url"].compactMap { key in table[key]?.string.map { (key, $0) } })
            } else if name.hasSuffix(".yaml") {
                guard let mapping = (try? Yams.load(yaml: text)) as? [String: Any] else { return nil }
                values = mapping.compactMapValues { $0 as? String }
            } else {
                guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
                values = object.compactMapValues { $0 as? String }
            }
            func value(_ key: String) -> String? {
                values[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            return GeneratorConfig(title: value("title"), baseURL: value("baseURL") ?? value("base_url"))
        }
        return nil
    }
}
