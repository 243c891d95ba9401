// Fuzz target: the search text and index writer. The input is the body of `book.md`, split at
// levels 1 and 2; its first byte picks small shard limits, so that large and small indexes are both
// written. Every file of the index must be the script the search page loads: one assignment of
// well-formed JSON, whose words, postings and texts agree with the site.
import Foundation
@testable import Octavo

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    if let text = try? SourceFile.decodeInput(bytes, file: "stdin") {
        for word in SearchText.words(text) {
            require(!word.isEmpty && !word.unicodeScalars.contains { $0 == " " || $0.properties.isWhitespace }, "word '\(word)'")
        }
    }
    guard let source = loadSource(Array("---\nsplit: [1, 2]\n---\n".utf8) + bytes, path: "book.md"),
          let site = try? Outliner().outline([parseInput(source)], assets: []) else { return 0 }
    var limits = SearchIndex.Limits()
    if let first = bytes.first, first & 1 == 1 {
        limits.inline = Int(first) * 4
        limits.wordShard = 64 + Int(first)
        limits.textShard = 64 + Int(first)
    }
    let files = SearchIndex(site: site, limits: limits).files()
    var index: [String: Any] = [:]
    var shards: [String: Any] = [:]
    for file in files {
        guard case .bytes(let contents) = file.contents else { require(false, "\(file.path) is not bytes"); return 0 }
        let script = String(decoding: contents, as: UTF8.self)
        require(script.hasSuffix(";\n"), "\(file.path) does not end with ;")
        if file.path == SearchIndex.indexPath {
            let prefix = "window.OCTAVO_SEARCH_INDEX="
            require(script.hasPrefix(prefix), "\(file.path) does not assign the index")
            index = json(script.dropFirst(prefix.count).dropLast(2), file.path) as? [String: Any] ?? [:]
            for (name, value) in index["shards"] as? [String: Any] ?? [:] { shards[name] = value }
        } else {
            let name = String(file.path.dropFirst(SearchIndex.shardFolder.count + 1).dropLast(3))
            let prefix = "OCTAVO_SEARCH_INDEX.shards[\"\(name)\"]="
            require(file.path.hasPrefix(SearchIndex.shardFolder + "/") && script.hasPrefix(prefix), "\(file.path) does not assign its shard")
            shards[name] = json(script.dropFirst(prefix.count).dropLast(2), file.path)
        }
    }
    require(index["pages"] as? Int == site.pages.count, "index counts \(index["pages"] ?? "no") pages of \(site.pages.count)")
    let wordStarts = index["words"] as? [String] ?? []
    var previousWord: String?
    for number in wordStarts.indices {
        guard let shard = shards["w\(number)"] as? [String], shard.count == 2 else { require(false, "word shard w\(number)"); return 0 }
        let words = shard[0].split(separator: " ", omittingEmptySubsequences: false)
        let postings = shard[1].split(separator: " ", omittingEmptySubsequences: false)
        require(words.count == postings.count, "w\(number): \(words.count) words, \(postings.count) postings")
        require(number == 0 || words.first.map(String.init) == wordStarts[number], "w\(number) starts with \(words.first ?? "")")
        for (word, list) in zip(words, postings) {
            require(!word.isEmpty, "empty word in w\(number)")
            if let previousWord { require(previousWord.utf16.lexicographicallyPrecedes(word.utf16), "\(previousWord) before \(word)") }
            previousWord = String(word)
            let decoded = SearchIndex.decode(String(list))
            require(!decoded.isEmpty && decoded.allSatisfy { site.pages.indices.contains($0.page) }, "postings of \(word) name pages outside the site")
            require(zip(decoded, decoded.dropFirst()).allSatisfy { $0.page < $1.page }, "postings of \(word) repeat a page")
        }
    }
    let textStarts = index["texts"] as? [Int] ?? []
    var pages = 0
    for number in textStarts.indices {
        require(textStarts[number] == pages, "t\(number) starts at page \(textStarts[number]), not \(pages)")
        let entries = shards["t\(number)"] as? [Any] ?? []
        for entry in entries {
            guard let fields = entry as? [Any], fields.count == 4, fields[0] as? String == site.pages[pages].path else {
                require(false, "text entry of page \(pages)")
                return 0
            }
            pages += 1
        }
    }
    require(pages == site.pages.count, "texts hold \(pages) pages of \(site.pages.count)")
    return 0
}

/// Parses JSON text (the value a script assigns), stopping the fuzzer when it does not parse.
func json(_ text: Substring, _ file: String) -> Any? {
    do {
        return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    } catch {
        require(false, "\(file) is not JSON: \(error)")
        return nil
    }
}
