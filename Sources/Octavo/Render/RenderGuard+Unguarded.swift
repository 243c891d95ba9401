/// Which templates render without the wrapper of ``RenderGuard``: those that can never lead back
/// to themselves. The wrapper's two lookups and extra render per include were a large part of
/// rendering a page with the built-in theme, whose page frame includes ten partials that
/// include nothing.
///
/// A template goes unguarded when every template it can include is known from its text and is
/// unguarded too, so that no loop of partials passes through it, and rendering it, its includes
/// and theirs takes at most ``unguardedBound`` partials and stack levels, far below any limit a
/// render is given. Its includes are known when its text changes no delimiters and every tag that
/// could include a template (`{{` then `>` or `<`, counted in the raw text) is a static partial
/// that ``TemplateLint`` reads; a dynamic partial, a parent (`{{<…}}`) or a tag read otherwise
/// leaves it behind its wrapper, as are all templates that may include themselves.
extension RenderGuard {
    /// How many partials deep (the template itself counted) and how many stack levels (its
    /// weight plus its includes', as ``Limits/stackLevels`` counts them) a render may take.
    struct Bound: Sendable, Equatable {
        var partials = 0
        var stackLevels = 0
    }

    /// The most an unguarded template may take: a quarter of the fewest partials and a twelfth of
    /// the stack levels any site's limits allow (``Limits/forSite(depth:pages:)``).
    static let unguardedBound = Bound(partials: 16, stackLevels: 500)

    /// For each template, by number (`names` sorted as ``TemplateSet`` numbers them): what
    /// rendering it takes when it is unguarded, `nil` when it keeps its wrapper. `partials`, by
    /// number, are each template's partials as ``TemplateLint/partials(in:)`` reads them, when the
    /// caller has them already; read here otherwise.
    static func unguarded(names: [String], sources: [String: String], weights: [Int], partials: [[TemplateLint.Partial]]? = nil) -> [Bound?] {
        let numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var bounds = [Bound?](repeating: nil, count: names.count)
        // 0: not seen, 1: being visited (a loop leads back to it), 2: done.
        var state = [Int](repeating: 0, count: names.count)
        func visit(_ number: Int) -> Bound? {
            if state[number] == 2 { return bounds[number] }
            if state[number] == 1 { return nil }
            state[number] = 1
            defer { state[number] = 2 }
            guard let includes = knownIncludes(of: sources[names[number]] ?? "", partials: partials?[number]) else { return nil }
            var deepest = Bound()
            for name in includes {
                // A partial no template provides renders nothing.
                guard let included = numbers[name] else { continue }
                guard let bound = visit(included) else { return nil }
                deepest.partials = max(deepest.partials, bound.partials)
                deepest.stackLevels = max(deepest.stackLevels, bound.stackLevels)
            }
            let bound = Bound(partials: deepest.partials + 1, stackLevels: deepest.stackLevels + weights[number])
            guard bound.partials <= unguardedBound.partials, bound.stackLevels <= unguardedBound.stackLevels else { return nil }
            bounds[number] = bound
            return bound
        }
        for number in names.indices { _ = visit(number) }
        return bounds
    }

    /// For each template, by number: the most that the unguarded templates it includes take (zero
    /// when it includes none), which ``RenderGuard`` adds to its count when entering it.
    /// `partials` as for ``unguarded(names:sources:weights:partials:)``.
    static func includedBounds(names: [String], sources: [String: String], unguarded: [Bound?], partials: [[TemplateLint.Partial]]? = nil) -> [Bound] {
        let numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return names.enumerated().map { number, name in
            (partials?[number] ?? TemplateLint.partials(in: sources[name] ?? "")).reduce(into: Bound()) { most, partial in
                guard !partial.isDynamic, let number = numbers[partial.name], let bound = unguarded[number] else { return }
                most.partials = max(most.partials, bound.partials)
                most.stackLevels = max(most.stackLevels, bound.stackLevels)
            }
        }
    }

    /// The names of the templates `text` includes, when all are known (see above); else `nil`.
    /// `given` are its partials when the caller has read them.
    static func knownIncludes(of text: String, partials given: [TemplateLint.Partial]? = nil) -> [String]? {
        let bytes = Array(text.utf8)
        var tags = 0
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            var next = index + 2
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") { next += 1 }
            if next < bytes.count {
                switch bytes[next] {
                case UInt8(ascii: "="), UInt8(ascii: "<"): return nil
                case UInt8(ascii: ">"): tags += 1
                default: break
                }
            }
            index += 1
        }
        let partials = given ?? TemplateLint.partials(in: text)
        // Each name as swift-mustache reads it: only these bytes, no space left in it.
        guard partials.count == tags, partials.allSatisfy({ !$0.isDynamic && !$0.name.isEmpty && $0.name.utf8.allSatisfy(isNameByte) }) else { return nil }
        return partials.map(\.name)
    }

    /// The bytes of a partial's name for swift-mustache: ASCII letters, digits and `.-_?()*/`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || ".-_?()*/".utf8.contains(byte)
    }
}
