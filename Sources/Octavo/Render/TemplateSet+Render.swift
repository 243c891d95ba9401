import Mustache

extension TemplateSet {
    /// Renders a context with one of the templates, watched by a ``RenderGuard``, on a thread of
    /// ``RenderThreads``.
    ///
    /// - Parameters:
    ///   - context: The values the template prints (a ``PageContext``).
    ///   - name: The template's name (`layout`).
    ///   - limits: How deep partials may nest and how much the render may look up.
    ///   - page: The output path of the page being rendered (`iii/index.html`), for the message.
    /// - Returns: The HTML (empty when there is no such template) and, when a limit stopped the
    ///   rendering, an error naming the chain of templates; the HTML is then incomplete.
    func render(_ context: any MustacheParent, template name: String, limits: RenderGuard.Limits, page: String) -> (html: String, problem: Diagnostic?) {
        let rendered = measuredRender(context, template: name, limits: limits, page: page)
        return (rendered.html, rendered.problem)
    }

    /// ``render(_:template:limits:page:)``, also returning what the render took of each limit
    /// (for ``RenderCache``, which reuses the HTML under other limits that allow as much).
    func measuredRender(_ context: any MustacheParent, template name: String, limits: RenderGuard.Limits,
                        page: String) -> (html: String, problem: Diagnostic?, usage: RenderGuard.Usage) {
        RenderThreads.run {
            let watch = RenderGuard(templates: self, limits: limits)
            if let number = names.firstIndex(of: name) { watch.start(with: number) }
            let html = library.render(RenderGuard.Root(base: context, watch: watch), withTemplate: name) ?? ""
            return (html, watch.problem.map { diagnostic(for: $0, limits: limits, page: page) }, watch.usage)
        }
    }

    /// The error for a render that passed a limit.
    func diagnostic(for problem: RenderGuard.Problem, limits: RenderGuard.Limits, page: String) -> Diagnostic {
        func file(_ number: Int) -> String { displayPath(of: names[number]) }
        switch problem {
        case .tooMuch(let template):
            return Diagnostic(file: template.map(file) ?? displayPath(of: Self.layoutName),
                              message: "rendering \(page) took more than \(limits.lookups) steps of looking up values and was stopped: a section probably repeats a list inside itself, such as {{#sidebar}} inside {{#sidebar}}, or sections nest very deeply")
        case .tooDeep(let chain):
            // The first template that comes round again starts the loop; name the chain up to there.
            var seen: [Int: Int] = [:]
            var loop: (start: Int, end: Int)?
            for (position, number) in chain.enumerated() {
                if let first = seen[number] {
                    loop = (first, position)
                    break
                }
                seen[number] = position
            }
            let shown = chain[...(loop?.end ?? min(chain.count - 1, 8))]
            let text = shown.map { names[$0] + ".mustache" }.joined(separator: " → ") + " → …"
            guard let loop else {
                return Diagnostic(file: file(chain[0]),
                                  message: "partials nest more than \(chain.count - 1) deep while rendering \(page) (\(text)), deeper than any page needs: rendering was stopped")
            }
            let next = names[chain[loop.start + 1]]
            let includes = TemplateLint.partials(in: sources[names[chain[loop.start]]] ?? "")
            let tag = includes.first { !$0.isDynamic && $0.name == next } ?? includes.first { $0.isDynamic }
            return Diagnostic(file: file(chain[loop.start]), line: tag?.line, column: tag?.column,
                              message: "partials include each other without end while rendering \(page): \(text) (stopped \(chain.count - 1) partials deep); a section around the include of '\(next)' must end the recursion, as {{#children}} does at the bottom of the outline")
        }
    }
}
