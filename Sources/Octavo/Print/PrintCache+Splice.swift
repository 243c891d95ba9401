import Foundation

// `octavo serve`: the print edition put together from what its template made last time, when only
// the sections' text changed (see ``PrintCache/splice(_:templates:limits:render:)``).
extension PrintCache {
    /// What the print template made of everything but the sections' text: its HTML cut where a
    /// section's body or closing goes.
    struct Skeleton: Sendable {
        /// The templates, the render limits and the context with a marker for each text, written out.
        var key: CacheKey
        /// The HTML between the texts: one more than ``slots``.
        var chunks: [String]
        /// Which text goes after each chunk but the last, as numbered by ``splice(_:templates:limits:render:)``.
        var slots: [Int]
        /// What the render stopped on, if anything (the limits count lookups, never text).
        var problem: Diagnostic?
    }

    /// The print edition with the sections of `context`, put together from the last render when
    /// everything but the sections' text is as it was then: the template is not rendered again.
    /// Otherwise `render` renders the context with a marker in place of each text once, and the
    /// HTML is cut at the markers and kept. `nil` when the templates could use a text other than
    /// by copying it in (see ``spliceable(_:)``), or the markers did not come out as written: the
    /// caller renders the whole edition then.
    ///
    /// Splicing gives the bytes a render gives because a template can do only two things with a
    /// string printed with `{{{name}}}` or `{{&name}}`: copy it in, or test whether it is empty;
    /// an empty text stays empty in the marked context, any other becomes a marker that is not empty.
    func splice(_ context: PageContext, templates: TemplateSet, limits: RenderGuard.Limits,
                render: (PageContext) -> (html: String, problem: Diagnostic?)) -> (html: String, problem: Diagnostic?)? {
        guard Self.spliceable(templates) else { return nil }
        var texts: [String] = []
        func marked(_ section: PrintSection) -> PrintSection {
            var copy = section
            let body = section.body
            let closing = section.closing
            let bodyMarker = body.isEmpty ? "" : marker(texts.count)
            texts.append(body)
            let closingMarker = closing.isEmpty ? "" : marker(texts.count)
            texts.append(closing)
            copy.text = ({ bodyMarker }, { closingMarker })
            copy.children = section.children.map(marked)
            return copy
        }
        var skeletonContext = context
        skeletonContext.print = context.print.map(marked)
        var key = CacheKey()
        key.append(templates.displayRoot)
        for name in templates.sources.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            key.append(name)
            key.append(templates.builtInNames.contains(name))
            key.append(templates.sources[name] ?? "")
        }
        key.append(limits.partials)
        key.append(limits.stackLevels)
        key.append(limits.lookups)
        key.append(skeletonContext)
        let skeleton: Skeleton
        if let kept = lastSkeleton(key) {
            skeleton = kept
        } else {
            let rendered = render(skeletonContext)
            guard let cut = cut(rendered.html, texts: texts.count) else { return nil }
            skeleton = Skeleton(key: key, chunks: cut.chunks, slots: cut.slots, problem: rendered.problem)
            keep(skeleton)
        }
        var html = ""
        html.reserveCapacity(skeleton.chunks.reduce(0) { $0 + $1.utf8.count } + skeleton.slots.reduce(0) { $0 + texts[$1].utf8.count })
        for (index, slot) in skeleton.slots.enumerated() {
            html += skeleton.chunks[index]
            html += texts[slot]
        }
        html += skeleton.chunks[skeleton.chunks.count - 1]
        return (html, skeleton.problem)
    }

    /// The marker of text `number`: the cache's own random nonce, which no page can know.
    func marker(_ number: Int) -> String {
        "<octavo-print-text " + nonce + " \(number)>"
    }

    /// `html` cut at every marker: the chunks between them and the text each stands for; `nil`
    /// when the nonce shows anywhere but in a whole marker of a text that exists.
    func cut(_ html: String, texts: Int) -> (chunks: [String], slots: [Int])? {
        let bytes = Array(html.utf8)
        let nonceBytes = Array(nonce.utf8)
        let prefix = Array("<octavo-print-text ".utf8) + nonceBytes + [UInt8(ascii: " ")]
        var chunks: [String] = []
        var slots: [Int] = []
        var start = 0
        var index = 0
        var markers = 0
        while index + prefix.count <= bytes.count {
            guard bytes[index] == prefix[0], bytes[index..<index + prefix.count].elementsEqual(prefix) else {
                index += 1
                continue
            }
            var end = index + prefix.count
            var number = 0
            var digits = 0
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9"), digits < 9 {
                number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
                digits += 1
            }
            guard digits > 0, end < bytes.count, bytes[end] == UInt8(ascii: ">"), number < texts else { return nil }
            chunks.append(String(decoding: bytes[start..<index], as: UTF8.self))
            slots.append(number)
            markers += 1
            start = end + 1
            index = start
        }
        chunks.append(String(decoding: bytes[start...], as: UTF8.self))
        // The nonce anywhere else (a marker escaped or cut) means a text was not copied in as it is.
        var seen = 0
        var at = 0
        while at + nonceBytes.count <= bytes.count {
            if bytes[at] == nonceBytes[0], bytes[at..<at + nonceBytes.count].elementsEqual(nonceBytes) {
                seen += 1
                at += nonceBytes.count
            } else {
                at += 1
            }
        }
        return seen == markers ? (chunks, slots) : nil
    }

    /// Whether every tag of the templates that names a `body` or `closing` (the last part of a
    /// dotted name) copies it in as it is, `{{{name}}}` or `{{&name}}`, and no template changes the
    /// delimiters: then no template can use a section's text but by copying it (or testing, through
    /// another value, whether it is empty).
    static func spliceable(_ templates: TemplateSet) -> Bool {
        templates.sources.values.allSatisfy(spliceable(source:))
    }

    /// ``spliceable(_:)`` for one template's source.
    static func spliceable(source: String) -> Bool {
        let bytes = Array(source.utf8)
        var index = 0
        func at(_ text: String, _ position: Int) -> Bool {
            let pattern = Array(text.utf8)
            return position + pattern.count <= bytes.count && bytes[position..<position + pattern.count].elementsEqual(pattern)
        }
        while index + 1 < bytes.count {
            guard at("{{", index) else {
                index += 1
                continue
            }
            let triple = at("{{{", index)
            let open = index + (triple ? 3 : 2)
            var close = open
            while close + 1 < bytes.count, !at("}}", close) { close += 1 }
            guard close + 1 < bytes.count else { return true }  // an unclosed tag: the template does not parse
            var tag = String(decoding: bytes[open..<close], as: UTF8.self)
            index = close + 2 + (triple && at("}", close + 2) ? 1 : 0)
            if tag.hasPrefix("=") { return false }
            if tag.hasPrefix("!") { continue }
            let verbatim = triple || tag.hasPrefix("&")
            if tag.hasPrefix("&") { tag.removeFirst() }
            let words = tag.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            guard words.contains(where: { $0 == "body" || $0 == "closing" }) else { continue }
            let name = tag.trimmingCharacters(in: .whitespaces)
            let last = name.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            guard verbatim, plain, last == "body" || last == "closing" else { return false }
        }
        return true
    }
}
