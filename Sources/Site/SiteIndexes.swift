import Content
import Foundation
import Markdown
import PageBuild
import Support
import Theme

/// The A to Z of services: every `services:` name from the site's front matter, by letter.
/// Letters with no services are listed too, marked as having none.
struct AToZ {
    let letters: [TemplateValue]

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
                "letter": .text(String(letter)),
                "id": .text("letter-\(String(letter).lowercased())"),
                "has_entries": .bool(!entries.isEmpty),
                "entries": .list(entries.map { ["name": .text($0.name), "url": .text($0.url)] }),
            ]
        }
    }
}

/// The search index written at build time for the search page's script: compact JSON,
/// one array per page: title, address, description, distinct words.
struct SearchIndex {
    let entries: [SearchEntry]

    /// The index: a JSON array of [title, address, description, words] rows.
    func json() -> Data {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += SearchIndex.row(entry)
        }
        out.append(UInt8(ascii: "]"))
        return Data(out)
    }

    /// One entry's row: `["title","/address/","description","words …"]`.
    static func row(_ entry: SearchEntry) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        FastJSON.string(entry.title, into: &out)
        out.append(UInt8(ascii: ","))
        FastJSON.string(entry.url, into: &out)
        out.append(UInt8(ascii: ","))
        FastJSON.string(entry.description, into: &out)
        out.append(UInt8(ascii: ","))
        FastJSON.string(entry.words.joined(separator: " "), into: &out)
        out.append(UInt8(ascii: "]"))
        return out
    }
}
