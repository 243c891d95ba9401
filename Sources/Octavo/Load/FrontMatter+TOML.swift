import Foundation
import TOMLKit

// TOML front matter, between `+++` lines, as Hugo and Zola write it: read into the same keys as
// YAML front matter, with the same checks. TOMLKit gives no positions for values, so a key's line
// is found by scanning the text for `key =` (what TOML allows before a key: spaces, quotes).
extension FrontMatter {
    /// Parses TOML front matter.
    ///
    /// - Parameters:
    ///   - toml: The text between the `+++` lines.
    ///   - file: The file's path, for diagnostics.
    ///   - firstLine: The 1-based line of the file on which `toml` starts (2 when the file opens with `+++`).
    /// - Throws: ``BuildError`` naming the file and line (and column, for a syntax error) when the
    ///   TOML does not parse or a known key has the wrong type (`weight = "many"`).
    public init(toml: String, file: String, firstLine: Int) throws {
        self.init()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw BuildError(file: file, line: firstLine + max(error.source.begin.line, 1) - 1, column: max(error.source.begin.column, 1),
                             "front matter is not valid TOML: \(error.description)")
        } catch {
            throw BuildError(file: file, line: firstLine, "front matter is not valid TOML: \(error)")
        }
        let lines = Self.keyLines(in: toml, firstLine: firstLine)
        func fail(_ key: String, _ message: String) -> BuildError {
            BuildError(file: file, line: lines[key] ?? firstLine, column: 1, message)
        }
        func text(_ key: String, _ value: TOMLValueConvertible) throws -> String {
            guard let string = value.string else { throw fail(key, "front matter '\(key)' must be text, in quotes") }
            return string
        }
        // TOMLKit lists keys in no fixed order; sorting them keeps diagnostics in a stable order.
        // Every key is read, so that each wrong value is reported at once, not one build at a time.
        var problems: [Diagnostic] = []
        for key in table.keys.sorted(by: { (lines[$0] ?? 0, $0) < (lines[$1] ?? 0, $1) }) {
            guard let value = table[key] else { continue }
            keyLines[key] = lines[key] ?? firstLine
            do {
                switch key {
                case "title": title = try text(key, value)
                case "description": description = try text(key, value)
                case "slug":
                    let written = try text(key, value)
                    if let problem = Self.slugProblem(written) { throw fail(key, problem) }
                    slug = written
                case "identifier", "author", "publisher":
                    let string = try text(key, value).trimmingSpaces()
                    guard !string.isEmpty else { throw fail(key, "front matter '\(key)' must be text") }
                    switch key {
                    case "identifier": identifier = string
                    case "author": author = string
                    default: publisher = string
                    }
                case "date":
                    // A TOML date (`date = 2023-02-21`), a date-time (its day), or text like YAML's.
                    let written: String?
                    if let day = value.date ?? value.dateTime?.date {
                        written = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
                    } else if value.type == .dateTime || value.type == .date {
                        // TOMLKit reads no day from some date-times: their text starts with it.
                        written = String(value.tomlValue.debugDescription.prefix(10))
                    } else {
                        written = value.string
                    }
                    let reading = written.map(Self.readDate) ?? .notADate
                    guard case .day(let day) = reading else { throw fail(key, Self.dateProblem(reading, written ?? "")) }
                    date = day
                case "draft":
                    guard value.type == .bool, let flag = value.bool else {
                        throw fail(key, "front matter 'draft' must be true or false, without quotes")
                    }
                    draft = flag
                case "weight":
                    guard value.type == .int, let number = value.int else {
                        throw fail(key, "front matter 'weight' must be a whole number, like weight = 3")
                    }
                    weight = number
                case "split":
                    let items = value.array.map { Array($0) } ?? [value]
                    split = try items.map { item in
                        guard item.type == .int, let level = item.int, (1...6).contains(level) else {
                            throw fail(key, "front matter 'split' must list heading levels from 1 to 6, like [1, 2]")
                        }
                        return level
                    }
                    guard split == split.sorted(), Set(split).count == split.count else {
                        throw fail(key, "front matter 'split' must list heading levels in increasing order, like [1, 2]")
                    }
                default:
                    unreadKeys.append((key, lines[key] ?? firstLine))
                }
            } catch let error as BuildError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
    }

    /// The 1-based line in the file of each top-level key (`key = …`, `"key" = …`, `[key]`).
    static func keyLines(in toml: String, firstLine: Int) -> [String: Int] {
        var result: [String: Int] = [:]
        var inTable = false
        for (offset, line) in toml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                // `[extra]` opens a table: keys below it are not top-level.
                let name = trimmed.drop { $0 == "[" }.prefix { $0 != "]" && $0 != "." }.trimmingCharacters(in: .whitespaces)
                let key = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if result[key] == nil { result[key] = firstLine + offset }
                inTable = true
                continue
            }
            guard !inTable, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !key.isEmpty, result[key] == nil { result[key] = firstLine + offset }
        }
        return result
    }
}
