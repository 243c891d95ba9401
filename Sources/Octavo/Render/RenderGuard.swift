import Mustache

/// Watches one rendering of a template: how deeply partials are nested, how much of the machine
/// stack that may take, and how many values the templates look up; past a limit it stops the
/// rendering and keeps the reason, so that templates that include themselves without end, or
/// repeat a list inside itself, give an error instead of a crash or a render that never ends.
///
/// swift-mustache renders a partial by recursing, offers no hook around a partial and no way to
/// stop a render, and its source is not ours to change. So each template is registered behind a
/// wrapper (see ``wrapper(for:prefix:)``) whose first tag is a dynamic partial: swift-mustache
/// asks the context for the name of the template to include, and that question reaches the
/// ``Root`` at the bottom of the context stack, which answers with the template's internal name,
/// or with nothing once a limit is passed, so the include renders nothing and the recursion
/// unwinds. The wrapper's second tag tells the root that the template was left. Counting includes
/// statically is not enough: a loop of partials through a section (a contents list walking
/// `{{#children}}`) ends or not depending on the pages, so only the render can tell. Templates
/// that cannot lead back to themselves go without a wrapper (see ``unguarded(names:sources:weights:partials:)``).
final class RenderGuard {
    /// How far one rendering may go.
    struct Limits: Sendable, Equatable {
        /// Partials nested inside each other (the layout counts as one).
        var partials: Int
        /// Levels of swift-mustache's recursion the nested partials may take: each template counts
        /// its deepest nesting of sections plus ``RenderGuard/levelsPerInclude``. Bounded by the
        /// stack of ``RenderThreads``.
        var stackLevels: Int = RenderThreads.stackLevels
        /// Steps of looking values up, counted at each lookup of the page's top-level names
        /// (`site`, `page`, `sidebar` …) and each include: as many steps as levels the lookup may
        /// climb through the values of the sections around it (the current stack levels, at
        /// least 1), for swift-mustache searches them one by one. A section that repeats a list
        /// inside itself (`{{#sidebar}}{{#sidebar}}…`) multiplies lookups; deep nesting makes each slow.
        var lookups: Int

        /// The limits for a site: partials nested 64 deep beyond twice the depth of its outline (a
        /// contents list includes one partial per level), and 1,000,000 steps of lookups plus
        /// 10,000 per page.
        static func forSite(depth: Int, pages: Int) -> Limits {
            Limits(partials: 64 + 2 * depth, lookups: 1_000_000 + 10_000 * pages)
        }

        /// Whether a render that needed `usage` and passed no limit passes none of these either
        /// (it then gives the same HTML under both; see ``RenderCache``).
        func allow(_ usage: Usage) -> Bool {
            usage.partials <= partials && usage.stackLevels <= stackLevels && usage.lookups <= lookups
        }
    }

    /// What a render took of each limit: the most partials nested and stack levels at once, and
    /// the steps of lookups.
    struct Usage: Sendable, Equatable {
        var partials = 0
        var stackLevels = 0
        var lookups = 0
    }

    /// Why a rendering stopped.
    enum Problem: Equatable {
        /// Including the last template of `chain` (template numbers, outermost first) would pass a limit.
        case tooDeep(chain: [Int])
        /// The page took more steps of lookups than ``Limits/lookups``, while rendering `template`.
        case tooMuch(template: Int?)
    }

    /// Stack levels counted for every include besides the included template's sections: the
    /// wrapper's dynamic partial, the template's own render, and the section or loop around the include.
    static let levelsPerInclude = 3

    /// The text of the wrapper registered under the name of template `number`.
    ///
    /// Both tags sit on one line with no text, so the wrapper adds no whitespace and no line is
    /// "standalone" in it: indentation and line handling are those of the include that names it.
    static func wrapper(for number: Int, prefix: String) -> String {
        "{{>*\(prefix)-enter-\(number)}}{{^\(prefix)-exit}}{{/\(prefix)-exit}}"
    }

    private let templates: TemplateSet
    private let limits: Limits
    private let enterPrefix: String
    private let exitName: String
    /// The templates being rendered, outermost first.
    private var chain: [Int] = []
    private var levels = 0
    private var lookups = 0
    /// The first limit passed, if any; rendering is then stopped.
    private(set) var problem: Problem?
    /// The peaks of ``chain`` and ``levels`` (with what unguarded templates may take), and the lookups so far.
    var usage: Usage { Usage(partials: deepest, stackLevels: highest, lookups: lookups) }

    /// Counts what rendering template `number` unguarded may take, when a render starts with it
    /// (the wrappers count every other template).
    func start(with number: Int) {
        guard let bound = templates.unguarded[number] else { return }
        deepest = max(deepest, bound.partials)
        highest = max(highest, bound.stackLevels)
    }
    private var deepest = 0
    private var highest = 0
    /// The root's answers so far: a page's values do not change while it renders, and answering
    /// `page` anew for each `page.…` tag copied the whole ``PageInfo`` into a new box each time.
    private var answers: [String: Any?] = [:]

    init(templates: TemplateSet, limits: Limits) {
        self.templates = templates
        self.limits = limits
        self.enterPrefix = templates.hookPrefix + "-enter-"
        self.exitName = templates.hookPrefix + "-exit"
    }

    /// The value a render starts from: answers the wrappers' questions, and every other name
    /// from `base`. Values higher on the context stack never answer the wrappers' names, which
    /// have a random part.
    struct Root: MustacheParent {
        let base: any MustacheParent
        let watch: RenderGuard

        func child(named name: String) -> Any? {
            if watch.problem != nil { return Absent() }
            watch.lookups += max(1, watch.levels)
            if watch.lookups > watch.limits.lookups {
                watch.problem = .tooMuch(template: watch.chain.last)
                return Absent()
            }
            if name.hasPrefix(watch.templates.hookPrefix) { return watch.hook(name) }
            if let known = watch.answers[name] { return known }
            let answer = base.child(named: name)
            watch.answers[name] = answer
            return answer
        }
    }

    /// Enters a template (returning its internal name, or ``Absent`` past a limit) or leaves one.
    private func hook(_ name: String) -> Any? {
        if name == exitName {
            if let number = chain.popLast() { levels -= templates.weights[number] }
            return Absent()
        }
        guard name.hasPrefix(enterPrefix), let number = Int(name.dropFirst(enterPrefix.count)),
              templates.weights.indices.contains(number) else { return nil }
        let weight = templates.weights[number]
        // The unguarded templates it includes are not counted as they render: what they may take is.
        let included = templates.includedBounds[number]
        if chain.count + 1 + included.partials > limits.partials || levels + weight + included.stackLevels > limits.stackLevels {
            problem = .tooDeep(chain: chain + [number])
            return Absent()
        }
        chain.append(number)
        levels += weight
        deepest = max(deepest, chain.count + included.partials)
        highest = max(highest, levels + included.stackLevels)
        return TemplateSet.internalName(number)
    }
}
