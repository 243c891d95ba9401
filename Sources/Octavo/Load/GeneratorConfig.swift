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
    /// `hugo.yaml`, `hugo.yml`, `hugo.json`, `config.toml`, `config.yaml`, `config.yml`,
    /// `zola.toml`). Keys are read in any letter case, as Hugo reads them (`baseurl`).
    /// - Returns: `nil` when there is none, or it cannot be read as its format (Hugo or Zola says
    ///   why when it builds the site).
    public static func read(in folder: URL) -> GeneratorConfig? {
        for name in SiteRoot.generatorConfigs {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            let values: [String: String]
            if name.hasSuffix(".toml") {
                guard let table = try? TOMLTable(string: text) else { return nil }
                values = Dictionary(table.keys.compactMap { key in table[key]?.string.map { (key, $0) } }, uniquingKeysWith: { first, _ in first })
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                guard let mapping = (try? Yams.load(yaml: text)) as? [String: Any] else { return nil }
                values = mapping.compactMapValues { $0 as? String }
            } else {
                guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
                values = object.compactMapValues { $0 as? String }
            }
            let lowercased = Dictionary(values.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
            func value(_ key: String) -> String? {
                lowercased[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            return GeneratorConfig(title: value("title"), baseURL: value("baseurl") ?? value("base_url"))
        }
        return nil
    }
}
