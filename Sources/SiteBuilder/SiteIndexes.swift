import Foundation
import Markdown

/// The A to Z of services: every `services:` name from the site's front matter, by letter.
/// Letters with no services are listed too, marked as having none.
struct AToZ {
    let letters: [[String: Any]]

    init(pages: [ContentPage], basePath: String) {
        var byLetter: [Character: [(name: String, url: String)]] = [:]
        for page in pages {
            for service in page.source.frontMatter.services {
                guard let first = service.uppercased().first(where: \.isLetter), ("A"..."Z").contains(first) else { continue }
                byLetter[first, default: []].append((service, basePath + page.urlPath))
            }
        }
        letters = (65...90).map { code in
            let letter = Character(UnicodeScalar(code)!)
            let entries = (byLetter[letter] ?? []).sorted { ($0.name.lowercased(), $0.url) < ($1.name.lowercased(), $1.url) }
            return [
                "letter": String(letter),
                "id": "letter-\(String(letter).lowercased())",
                "has_entries": !entries.isEmpty,
                "entries": entries.map { ["name": $0.name, "url": $0.url] },
            ]
        }
    }
}

/// What the search index holds for a page.
struct SearchEntry: Sendable {
    var title: String
    var url: String
    var description: String
    /// The page's distinct words, lower case, in the order they first appear.
    var words: [String]

    init(title: String, url: String, description: String, words: [String]) {
        self.title = title
        self.url = url
        self.description = description
        self.words = words
    }

    init(title: String, url: String, description: String, blocks: [TextBlock]) {
        self.title = title
        self.url = url
        self.description = description
        var seen: Set<String> = []
        var words: [String] = []
        for block in blocks {
            var text = block.text
            // ASCII text (nearly all of it) is split on bytes: letters and digits are then
            // exactly what isLetter and isNumber accept, and lower-casing is per byte.
            let ascii = text.withUTF8 { bytes -> [String]? in
                var found: [String] = []
                var word: [UInt8] = []
                for byte in bytes {
                    if byte >= 0x80 { return nil }
                    switch byte {
                    case 0x41...0x5A: word.append(byte | 0x20)
                    case 0x61...0x7A, 0x30...0x39: word.append(byte)
                    default:
                        if word.count > 2 { found.append(String(decoding: word, as: UTF8.self)) }
                        word.removeAll(keepingCapacity: true)
                    }
                }
                if word.count > 2 { found.append(String(decoding: word, as: UTF8.self)) }
                return found
            }
            let blockWords = ascii ?? block.text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                .filter { $0.count > 2 }.map(String.init)
            for word in blockWords where seen.insert(word).inserted { words.append(word) }
        }
        self.words = words
    }
}

/// The search index written at build time for the search page's script: compact JSON,
/// one array per page: title, address, description, distinct words.
struct SearchIndex {
    let entries: [SearchEntry]

    func json() throws -> Data { jsonWithRows().json }

    /// The index, a JSON array of [title, address, description, words] rows, and where each
    /// entry's row is in it (so one page's row can be replaced without the others).
    func jsonWithRows() -> (json: Data, rows: [Range<Int>]) {
        var out: [UInt8] = [UInt8(ascii: "[")]
        var rows: [Range<Int>] = []
        rows.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let row = SearchIndex.row(entry)
            rows.append(out.count..<out.count + row.count)
            out += row
        }
        out.append(UInt8(ascii: "]"))
        return (Data(out), rows)
    }

    /// One entry's row: `["title","/address/","description","words …"]`.
    static func row(_ entry: SearchEntry) -> [UInt8] {
        [UInt8](FastJSON.data([entry.title, entry.url, entry.description, entry.words.joined(separator: " ")])!)
    }
}
