/// Keeps each page's HTML between builds (``BuildCache``, which `octavo serve` keeps), so that a
/// rebuild renders only the pages whose context or templates changed.
///
/// A page's HTML is a function of its ``PageContext``, the templates and the render's limits
/// alone (templates choose and loop, they never compute). The cache keys a page's HTML by its
/// whole context written out byte for byte (``CacheKey``) and by the templates' texts: a page whose
/// navigation shows a retitled page gets another context and is rendered again, a template change
/// renders every page, and nothing needs to know which value a template shows. Limits change with the site's size;
/// HTML rendered within the limits is reused under any limits that allow what it took
/// (``RenderGuard/Usage``), and a render that a limit stopped only under the very same limits.
///
/// Building every page's context only to find it unchanged was most of a one-page rebuild, so an
/// entry also keeps what its context was made of (``ContextInputs``): a page whose own value and
/// links, and the site's navigation, settings and templates, are the bytes of the build before is
/// reused without a context (``reuse(page:generation:site:inputs:limits:)``).
public final class RenderCache: Sendable {
    private struct Entry: Sendable {
        var key: CacheKey
        var templates: Int
        var limits: RenderGuard.Limits
        var usage: RenderGuard.Usage
        var html: String
        var problem: Diagnostic?
        /// What the context was made of (``ContextInputs``): the number of the site's part (see
        /// ``site(of:)``, 0 for none) and the page's own part.
        var site = 0
        var inputs: CacheKey?
    }

    private struct State: Sendable {
        /// By page path (one entry a page, so the cache never outgrows the site).
        var entries: [String: Entry] = [:]
        /// The templates' texts, and the number that stands for them in entries: it changes
        /// whenever they do.
        var templates = CacheKey()
        var generation = 0
        /// What every page's context read of the whole site (``ContextInputs/site(_:config:templates:terms:)``),
        /// and the number that stands for it in entries.
        var site = CacheKey()
        var siteGeneration = 0
        var rendered = 0
        var reused = 0
        /// The pages rendered since the last ``keep(only:)``, and those of the build before.
        var renderedNow: Set<String> = []
        var renderedLast: Set<String> = []
    }

    private let state = Unchecked.Locked(State())

    /// Creates an empty cache.
    public init() {}

    /// Pages rendered and pages whose HTML was reused, since the cache was made.
    public var counts: (rendered: Int, reused: Int) {
        state.withLock { ($0.rendered, $0.reused) }
    }

    /// The pages the last build rendered (its others were reused), by output path.
    public var lastRendered: Set<String> {
        state.withLock { $0.renderedLast }
    }

    /// The number that stands for the templates in the entries: the same as the last build's
    /// when every template's name, text and origin are the same, a new one otherwise.
    func generation(of templates: TemplateSet) -> Int {
        var key = CacheKey()
        key.append(templates.displayRoot)
        for name in templates.sources.keys.sorted() {
            key.append(name)
            key.append(templates.builtInNames.contains(name))
            key.append(templates.sources[name] ?? "")
        }
        return state.withLock { state in
            if state.templates != key {
                state.templates = key
                state.generation += 1
            }
            return state.generation
        }
    }

    /// The number that stands for what every page's context reads of the whole site
    /// (``ContextInputs/site(_:config:templates:terms:)``) in the entries: the same as the last
    /// build's when `key` has the same bytes, a new one otherwise.
    func site(of key: CacheKey) -> Int {
        state.withLock { state in
            if state.siteGeneration == 0 || state.site != key {
                state.site = key
                state.siteGeneration += 1
            }
            return state.siteGeneration
        }
    }

    /// The page's HTML without building its context: the cached one when the page's context was
    /// made of the same inputs (``ContextInputs``) with the same templates and its limits allow;
    /// else `nil`, and the caller builds the context and calls ``render(_:template:templates:generation:limits:page:inputs:)``.
    /// - Parameters:
    ///   - page: The page's output path, the entry's name.
    ///   - generation: The templates' ``generation(of:)``.
    ///   - site: The site's part of the inputs, ``site(of:)``.
    ///   - inputs: The page's part (``ContextInputs/page(_:site:links:into:)``).
    ///   - limits: The render's limits.
    func reuse(page: String, generation: Int, site: Int, inputs: CacheKey, limits: RenderGuard.Limits) -> (html: String, problem: Diagnostic?)? {
        state.withLock { state -> (html: String, problem: Diagnostic?)? in
            guard let entry = state.entries[page], entry.templates == generation, entry.site == site, entry.inputs == inputs,
                  entry.problem == nil ? limits.allow(entry.usage) : entry.limits == limits else { return nil }
            state.reused += 1
            return (entry.html, entry.problem)
        }
    }

    /// The page's HTML: the cached one when its key and limits allow, else rendered and kept.
    /// - Parameters:
    ///   - context: The page's context.
    ///   - template: The template's name (`layout`).
    ///   - templates: The templates, and `generation` their ``generation(of:)``.
    ///   - limits: The render's limits.
    ///   - page: The page's output path, the entry's name.
    ///   - inputs: What the context was made of (see ``reuse(page:generation:site:inputs:limits:)``),
    ///     kept with the entry; `nil`: the entry cannot be reused without a context.
    func render(_ context: PageContext, template: String, templates: TemplateSet, generation: Int,
                limits: RenderGuard.Limits, page: String, inputs: (site: Int, key: CacheKey)? = nil) -> (html: String, problem: Diagnostic?) {
        var key = CacheKey()
        key.append(template)
        key.append(context)
        let cached = state.withLock { state -> Entry? in
            guard var entry = state.entries[page], entry.templates == generation, entry.key == key,
                  entry.problem == nil ? limits.allow(entry.usage) : entry.limits == limits else { return nil }
            (entry.site, entry.inputs) = (inputs?.site ?? 0, inputs?.key)
            state.entries[page] = entry
            state.reused += 1
            return entry
        }
        if let cached { return (cached.html, cached.problem) }
        let rendered = templates.measuredRender(context, template: template, limits: limits, page: page)
        state.withLock {
            $0.entries[page] = Entry(key: key, templates: generation, limits: limits, usage: rendered.usage, html: rendered.html, problem: rendered.problem,
                                     site: inputs?.site ?? 0, inputs: inputs?.key)
            $0.rendered += 1
            $0.renderedNow.insert(page)
        }
        return (rendered.html, rendered.problem)
    }

    /// Forgets the pages not in `pages` (removed or renamed since); called once a build's pages are rendered.
    func keep(only pages: Set<String>) {
        state.withLock { state in
            state.entries = state.entries.filter { pages.contains($0.key) }
            state.renderedLast = state.renderedNow
            state.renderedNow = []
        }
    }
}
