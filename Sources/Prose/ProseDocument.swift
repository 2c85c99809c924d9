import Markdown

/// A word of prose: its byte range in its block's text and its lower-case form.
/// Its case and number flags are worked out once, when the text is split.
public struct Word: Sendable, Equatable {
    public var range: Range<Int>
    /// Lower case, with curly apostrophes made straight.
    public var lower: String
    /// The word as written.
    public var text: String
    /// Starts with a digit ("25", "5:30pm", "1,250").
    public let isNumber: Bool
    /// All letters are capitals and there are at least two letters ("NHS", "MUST", "KF1").
    public let isAllCaps: Bool
    /// Starts with a capital letter.
    public let isCapitalised: Bool

    /// A word of ASCII text, whose flags the tokenizer worked out from its bytes.
    init(range: Range<Int>, lower: String, text: String, isNumber: Bool, isAllCaps: Bool, isCapitalised: Bool) {
        self.range = range
        self.lower = lower
        self.text = text
        self.isNumber = isNumber
        self.isAllCaps = isAllCaps
        self.isCapitalised = isCapitalised
    }

    public init(range: Range<Int>, lower: String, text: String) {
        self.range = range
        self.lower = lower
        self.text = text
        var upper = 0, lowerCount = 0, first: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if first == nil { first = scalar }
            if scalar.isASCII {
                let value = scalar.value
                if value >= 0x41 && value <= 0x5A { upper += 1 } else if value >= 0x61 && value <= 0x7A { lowerCount += 1 }
            } else if scalar.properties.isUppercase {
                upper += 1
            } else if scalar.properties.isLowercase {
                lowerCount += 1
            }
        }
        isAllCaps = lowerCount == 0 && upper >= 2
        if let first {
            isNumber = first.isASCII ? (first.value >= 0x30 && first.value <= 0x39) : first.properties.numericType != nil
            isCapitalised = first.isASCII ? (first.value >= 0x41 && first.value <= 0x5A) : first.properties.isUppercase
        } else {
            isNumber = false
            isCapitalised = false
        }
    }
}

/// A sentence: a range of words in its block, and its byte range in the block's text.
public struct Sentence: Sendable, Equatable {
    public var words: Range<Int>
    public var range: Range<Int>
}

/// One block of prose split into words and sentences.
public final class ProseBlock: Sendable {
    public let source: TextBlock
    public let words: [Word]
    public let sentences: [Sentence]
    public let utf8: [UInt8]
    /// Each word's number in the word lists' vocabulary (-1 when no list uses it).
    public let wordIDs: [Int32]
    /// For hyphenated words, the part before the first hyphen ("color" of "color-coded").
    public let hyphenFirstParts: [Int: String]
    /// True for each word with a hyphen (a test without hashing, for the word-list matcher).
    let isHyphenated: [Bool]
    /// The indices of the words that can start a match of a built-in word list: those that start
    /// one of its forms, and hyphenated words (whose first part may match).
    let formStarts: [Int]
    /// For each of `formStarts`, the built-in lists it may start a match of (`Vocabulary.startMasks`;
    /// every list for a hyphenated word).
    let formStartMasks: [UInt16]

    public var kind: TextBlock.Kind { source.kind }
    public var text: String { source.text }
    public var isHeading: Bool { if case .heading = source.kind { true } else { false } }

    public init(_ block: TextBlock) {
        source = block
        utf8 = Array(block.text.utf8)
        words = Tokenizer.words(in: block.text)
        let vocabulary = Vocabulary.table
        // An ASCII word is looked up on its bytes in the block (its lower case is those bytes with
        // A to Z lowered); other words by their lower-case String.
        let words = words
        wordIDs = utf8.withUnsafeBufferPointer { bytes in
            words.map { word in
                if let found = vocabulary.value(asciiLowercasing: UnsafeBufferPointer(rebasing: bytes[word.range])) { return found ?? -1 }
                return vocabulary[word.lower] ?? -1
            }
        }
        var parts: [Int: String] = [:]
        var hyphenated = [Bool](repeating: false, count: words.count)
        // A word's bytes are its text's, and lower-casing neither adds nor removes a hyphen.
        for index in words.indices where utf8[words[index].range].contains(UInt8(ascii: "-")) {
            hyphenated[index] = true
            if let first = words[index].lower.split(separator: "-").first { parts[index] = String(first) }
        }
        hyphenFirstParts = parts
        isHyphenated = hyphenated
        let startMasks = Vocabulary.startMasks
        var starts: [Int] = [], masks: [UInt16] = []
        starts.reserveCapacity(words.count)
        masks.reserveCapacity(words.count)
        for index in words.indices {
            let mask = hyphenated[index] ? UInt16.max : wordIDs[index] >= 0 ? startMasks[Int(wordIDs[index])] : 0
            if mask != 0 {
                starts.append(index)
                masks.append(mask)
            }
        }
        formStarts = starts
        formStartMasks = masks
        sentences = Tokenizer.sentences(
            words: words, utf8: utf8,
            isSingleSentence: {
                switch block.kind {
                case .heading, .tableCell, .altText, .title: true
                default: false
                }
            }())
    }

    public func slice(_ range: Range<Int>) -> String {
        String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self)
    }

    /// The sentence holding a word.
    public func sentence(containingWord index: Int) -> Sentence? {
        sentences.first { $0.words.contains(index) }
    }

    /// True for the word standing for code, shared data or an image (U+FFFC, whose lower case is
    /// itself): tested on its three bytes, without comparing strings. U+FFFC is never part of a
    /// longer word.
    @inline(__always)
    func isObject(_ word: Word) -> Bool {
        let start = word.range.lowerBound
        return word.range.count == 3 && utf8[start] == 0xEF && utf8[start + 1] == 0xBF && utf8[start + 2] == 0xBC
    }

    /// The byte just after a word, or nil at the end.
    public func byte(after index: Int) -> UInt8? {
        index < utf8.count ? utf8[index] : nil
    }
}

/// All the prose of one page, in reading order.
public struct ProseDocument: Sendable {
    public let file: String
    public let blocks: [ProseBlock]

    public init(file: String, blocks: [TextBlock]) {
        self.file = file
        self.blocks = blocks.map(ProseBlock.init)
    }
}

/// Splits text into words and sentences. Works on Unicode scalars with byte offsets,
/// so positions are exact for any text.
public enum Tokenizer {
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if scalar == "\u{FFFC}" { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value >= 0x30 && scalar.value <= 0x39
    }

    static func isLetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return isWordScalar(scalar) && !isDigit(scalar)
    }

    public static func words(in text: String) -> [Word] {
        // Most prose is ASCII: then every scalar is one byte, and the same rules run on the bytes.
        var text = text
        text.makeContiguousUTF8()
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> [Word]? in
            var index = 0
            while index < bytes.count { if bytes[index] >= 0x80 { return nil }; index += 1 }
            return asciiWords(bytes)
        }
        if let ascii, let ascii { return ascii }
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        var words: [Word] = []
        var index = 0
        while index < scalars.count {
            // Code, shared data and images stand in the text as one object character: a word of its own.
            if scalars[index] == "\u{FFFC}" {
                words.append(Word(range: offsets[index]..<offsets[index + 1], lower: "\u{FFFC}", text: "\u{FFFC}"))
                index += 1
                continue
            }
            guard isWordScalar(scalars[index]) else { index += 1; continue }
            let start = index
            var dotted = false
            index += 1
            while index < scalars.count {
                let scalar = scalars[index]
                if isWordScalar(scalar) { index += 1; continue }
                let previous = scalars[index - 1]
                let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
                switch scalar {
                case "'", "\u{2019}", "-", "\u{2010}":
                    // Apostrophes and hyphens inside a word: "council's", "drop-in", "24-hour".
                    if let next, isWordScalar(next) { index += 1; continue }
                case ".":
                    // Decimals (7.50), times (5.30pm), dotted abbreviations (e.g.), web addresses.
                    if let next, isWordScalar(next), isDigit(previous) == isDigit(next) || isLetter(next) {
                        dotted = dotted || isLetter(next)
                        index += 1; continue
                    }
                case ",", ":":
                    // 1,250 and 5:30
                    if isDigit(previous), isDigit(next) { index += 1; continue }
                default:
                    break
                }
                break
            }
            // A dotted abbreviation keeps its final full stop: "e.g." "a.m."
            if dotted, index < scalars.count, scalars[index] == ".", scalars[start..<index].count <= 6 {
                index += 1
            }
            let wordBytes = bytes[offsets[start]..<offsets[index]]
            let wordText = String(decoding: wordBytes, as: UTF8.self)
            var lower: String
            if wordBytes.allSatisfy({ $0 < 0x80 }) {
                // ASCII: lower-case the bytes directly, much faster than `lowercased()`.
                lower = String(decoding: wordBytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            } else {
                lower = wordText.lowercased()
                if lower.unicodeScalars.contains("\u{2019}") { lower = lower.replacingOccurrences(of: "\u{2019}", with: "'") }
            }
            words.append(Word(range: offsets[start]..<offsets[index], lower: lower, text: wordText))
        }
        return words
    }

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    @inline(__always) static func isDigitByte(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `words(in:)` for ASCII text: the same rules, on bytes (one byte is one scalar).
    static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        let count = bytes.count
        var words: [Word] = []
        words.reserveCapacity(count / 5)
        var index = 0
        while index < count {
            guard isWordByte(bytes[index]) else { index += 1; continue }
            let start = index
            var dotted = false
            index += 1
            while index < count {
                let byte = bytes[index]
                if isWordByte(byte) { index += 1; continue }
                let previous = bytes[index - 1]
                let next: UInt8? = index + 1 < count ? bytes[index + 1] : nil
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "-"):
                    if let next, isWordByte(next) { index += 1; continue }
                case UInt8(ascii: "."):
                    if let next, isWordByte(next), isDigitByte(previous) == isDigitByte(next) || !isDigitByte(next) {
                        dotted = dotted || !isDigitByte(next)
                        index += 1; continue
                    }
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    if isDigitByte(previous), let next, isDigitByte(next) { index += 1; continue }
                default:
                    break
                }
                break
            }
            if dotted, index < count, bytes[index] == UInt8(ascii: "."), index - start <= 6 {
                index += 1
            }
            let wordBytes = UnsafeBufferPointer(rebasing: bytes[start..<index])
            var upper = 0, lowerCount = 0
            for byte in wordBytes {
                if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if byte >= 0x61 && byte <= 0x7A { lowerCount += 1 }
            }
            let first = wordBytes[0]
            let text = String(decoding: wordBytes, as: UTF8.self)
            let lower =
                upper == 0
                ? text
                : String(unsafeUninitializedCapacity: wordBytes.count) { buffer in
                    for (offset, byte) in wordBytes.enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                    return wordBytes.count
                }
            words.append(
                Word(
                    range: start..<index, lower: lower, text: text,
                    isNumber: isDigitByte(first), isAllCaps: lowerCount == 0 && upper >= 2,
                    isCapitalised: first >= 0x41 && first <= 0x5A))
        }
        return words
    }

    /// Words whose full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "no", "nos", "prof", "rev", "cllr", "sgt", "insp", "supt", "gov", "rd", "ave",
        "tel", "ext", "approx", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "e.g", "i.e", "e.g.", "i.e.", "a.m.", "p.m.", "vs", "cf", "fig", "vol", "op", "co", "ltd", "inc",
    ]

    /// `words` must be the words of `utf8` (their ranges are read in it).
    public static func sentences(words: [Word], utf8: [UInt8], isSingleSentence: Bool) -> [Sentence] {
        guard !words.isEmpty else { return [] }
        if isSingleSentence {
            return [Sentence(words: 0..<words.count, range: words[0].range.lowerBound..<utf8.count)]
        }
        var sentences: [Sentence] = []
        var start = 0
        for index in words.indices {
            // The word's fields are read in place (copying each word cost a fifth of this loop).
            let range = words[index].range
            var position = range.upperBound
            // Skip closing quotes and brackets before the punctuation.
            func skipClosers() {
                while position < utf8.count, utf8[position] == UInt8(ascii: ")") || utf8[position] == UInt8(ascii: "\"") || utf8[position] == UInt8(ascii: "'")
                { position += 1 }
                while position + 2 < utf8.count, utf8[position] == 0xE2, utf8[position + 1] == 0x80, utf8[position + 2] == 0x9D || utf8[position + 2] == 0x99 {
                    position += 3
                }
            }
            skipClosers()
            var ends = false
            // A word's text is its bytes in the block, so its last byte is tested there; a word
            // starts with a letter or digit, so one that ends with "." has two characters or more.
            let wordEndsWithStop = utf8[range.upperBound - 1] == UInt8(ascii: ".") && range.count > 1
            func isEnd(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") }
            if position < utf8.count, isEnd(utf8[position]) {
                let isStop = utf8[position] == UInt8(ascii: ".")
                while position < utf8.count, isEnd(utf8[position]) { position += 1 }
                skipClosers()
                let word = words[index]
                let abbreviation = isStop && (abbreviations.contains(word.lower) || (word.isCapitalised && index + 1 < words.count && word.text.count == 1))
                ends = !abbreviation
            } else if wordEndsWithStop && !abbreviations.contains(words[index].lower) {
                ends = true
            } else if wordEndsWithStop, index + 1 < words.count, words[index + 1].isCapitalised, !(words[index + 1].text == "I") {
                // "...and so on etc. The next" — an abbreviation at the end of a sentence.
                let lower = words[index].lower
                ends = lower == "etc." || lower == "a.m." || lower == "p.m."
            }
            if ends, index + 1 < words.count {
                // Only split when the next word can start a sentence.
                let next = words[index + 1]
                ends = next.isCapitalised || next.isNumber || !(next.text.first?.isLetter ?? true)
            }
            if ends || index == words.count - 1 {
                let end = index == words.count - 1 ? utf8.count : position
                sentences.append(Sentence(words: start..<(index + 1), range: words[start].range.lowerBound..<end))
                start = index + 1
            }
        }
        return sentences
    }
}
