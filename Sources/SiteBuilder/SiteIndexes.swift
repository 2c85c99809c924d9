import Content
import Foundation
import Markdown
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
        var seen = DistinctWords()
        var seenOther: Set<String> = []
        var words: [String] = []
        for block in blocks {
            var text = block.text
            // ASCII text (nearly all of it) is split on bytes: letters and digits are then
            // exactly what isLetter and isNumber accept, and lower-casing is per byte. A word
            // becomes a String only the first time it is seen.
            let ascii = text.withUTF8 { bytes -> Bool in
                guard SearchEntry.bytesSuffice(bytes) else { return false }
                // Each run of letters and digits is a word: hashed as it is read, lower-cased only
                // when it is new.
                let count = bytes.count
                var index = 0
                while index < count {
                    guard SearchEntry.isWordByte(bytes[index]) else { index += 1; continue }
                    let start = index
                    var hash = DistinctWords.seed
                    while index < count {
                        let byte = bytes[index]
                        guard SearchEntry.isWordByte(byte) else { break }
                        hash = DistinctWords.hash(hash, byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                        index += 1
                    }
                    guard index - start > 2 else { continue }
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if seen.insert(lowercasing: word, hash: hash) {
                        words.append(
                            String(unsafeUninitializedCapacity: word.count) { buffer in
                                for (offset, byte) in word.enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                                return word.count
                            })
                    }
                }
                return true
            }
            guard !ascii else { continue }
            // Other words are compared as Strings (canonically equivalent spellings are one word).
            for word in block.text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where word.count > 2 {
                let isNew = word.utf8.allSatisfy { $0 < 0x80 } ? seen.insert(Array(word.utf8)) : seenOther.insert(String(word)).inserted
                if isNew { words.append(String(word)) }
            }
        }
        self.words = words
    }
}

extension SearchEntry {
    /// A letter or digit of ASCII: what splits words on bytes keeps.
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Symbols common in council pages that are neither letters nor numbers, each a character
    /// of its own: £ € ‘ ’ “ ” – — … and the no-break space.
    static let separatorScalars: Set<UInt32> = [0xA3, 0x20AC, 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0xA0]

    /// True when text can be split into words on its bytes: ASCII, apart from the symbols above
    /// (which split words, as they do when split by characters).
    static func bytesSuffice(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0
            guard length > 0, index + length <= bytes.count else { return false }
            var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard separatorScalars.contains(scalar) else { return false }
            index += length
        }
        return true
    }
}

/// A set of words kept as bytes in one buffer (open addressing on an FNV-1a hash), so a word
/// seen before costs no String.
struct DistinctWords {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var slots = [Int](repeating: -1, count: 256)

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }

    static func hash<Bytes: Sequence>(of word: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        word.reduce(seed) { hash($0, $1) }
    }

    /// `insert` of an ASCII word's lower case (A to Z lowered), given the hash of that lower case.
    mutating func insert(lowercasing word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let index = slots[slot]
            let start = starts[index], end = index + 1 < starts.count ? starts[index + 1] : bytes.count
            if end - start == word.count {
                var same = true
                for offset in 0..<word.count where bytes[start + offset] != lower(word[offset]) { same = false; break }
                if same { return false }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = starts.count
        starts.append(bytes.count)
        for byte in word { bytes.append(lower(byte)) }
        if starts.count * 2 > slots.count { grow() }
        return true
    }

    /// True when the word (ASCII, already in lower case) was not in the set (it is now).
    mutating func insert(_ word: [UInt8]) -> Bool {
        word.withUnsafeBufferPointer { insert(lowercasing: $0, hash: DistinctWords.hash(of: $0)) }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        for index in starts.indices {
            let start = starts[index], end = index + 1 < starts.count ? starts[index + 1] : bytes.count
            var slot = Int(truncatingIfNeeded: DistinctWords.hash(of: bytes[start..<end])) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = index
        }
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
