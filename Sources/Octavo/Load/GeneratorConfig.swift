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

    /// The front matter keys Hugo and Zola document, which a site of theirs has on many pages
    /// and Octavo does not read: not warned about in such a site (as if listed in `site.yml`'s
    /// `ignore_front_matter`). Hugo's (gohugo.io, Content management → Front matter: its fields,
    /// the default taxonomies `tags` and `categories`, and `images` of its internal templates),
    /// in its camelCase and lower case (Hugo reads keys in any case); Zola's (getzola.org, Content
    /// → Page and Section front matter).
    public static let frontMatterKeys: Set<String> = {
        let hugo = ["aliases", "build", "cascade", "expiryDate", "headless", "images", "isCJKLanguage", "keywords", "lastmod", "layout",
                    "linkTitle", "markup", "menu", "menus", "outputs", "params", "publishDate", "resources", "sitemap", "summary",
                    "translationKey", "type", "url", "tags", "categories", "series", "authors"]
        let zola = ["updated", "path", "aliases", "authors", "in_search_index", "template", "taxonomies", "extra", "sort_by",
                    "paginate_by", "paginate_path", "paginate_reversed", "insert_anchor_links", "render", "redirect_to",
                    "transparent", "page_template", "generate_feeds"]
        return Set(hugo + hugo.map { $0.lowercased() } + zola)
    }()

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
