import Foundation
import Markdown

/// What the search index holds for a page.
public struct SearchEntry: Sendable {
    public var title: String
    public var url: String
    public var description: String
    /// The page's distinct words, lower case, in the order they first appear.
    public var words: [String]

    public init(title: String, url: String, description: String, words: [String]) {
        self.title = title
        self.url = url
        self.description = description
        self.words = words
    }

    public init(title: String, url: String, description: String, blocks: [TextBlock]) {
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
