import Diagnostics

/// Numerals for numbers: "3 bins", not "three bins". "One", numbers that start a sentence
/// and common expressions stay in words.
public struct NumberWordsRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "numbers/words",
            name: "Numbers as numerals",
            summary:
                "Write numbers as numerals ('3', '25', '200'), except 'one', a number that starts a sentence, ordinals ('second'), proper names ('Seven Sisters Road'), fractions ('two thirds') and expressions such as 'one or two', 'the two of us', 'hundreds of' and 'a hundred'.",
            source: "GOV.UK style guide: Numbers",
            severity: .warning,
            passes: [
                "Three bins are collected every week.",
                "You can bring one or two bags of garden waste.",
                "Hundreds of people came, and thousands of leaflets went out.",
                "This is your second reminder. Tens of volunteers helped.",
                "Take the bus to Seven Sisters Road. About two thirds of homes recycle.",
                "The two of us will visit. We are a hundred percent committed.",
            ],
            fails: [
                "You can put out ↓three bags of recycling.",
                "The consultation lasts ↓twenty-five days.",
                "We planted ↓two hundred and fifty trees in ↓three parks.",
                "All ↓three councillors agreed. It is a ↓ten-minute walk.",
                "We had ↓twenty five replies and ↓one hundred complaints.",
                "The fund will grow to ↓five million pounds.",
            ],
            fixable: true)
    }

    enum Kind { case unit, teen, tens, compound, hundred, thousand }

    static let values: [String: (Int, Kind)] = [
        "one": (1, .unit), "two": (2, .unit), "three": (3, .unit), "four": (4, .unit), "five": (5, .unit),
        "six": (6, .unit), "seven": (7, .unit), "eight": (8, .unit), "nine": (9, .unit),
        "ten": (10, .teen), "eleven": (11, .teen), "twelve": (12, .teen), "thirteen": (13, .teen),
        "fourteen": (14, .teen), "fifteen": (15, .teen), "sixteen": (16, .teen), "seventeen": (17, .teen),
        "eighteen": (18, .teen), "nineteen": (19, .teen),
        "twenty": (20, .tens), "thirty": (30, .tens), "forty": (40, .tens), "fifty": (50, .tens),
        "sixty": (60, .tens), "seventy": (70, .tens), "eighty": (80, .tens), "ninety": (90, .tens),
        "hundred": (100, .hundred), "thousand": (1000, .thousand),
    ]

    /// Nouns after a hyphen that make a measure: "ten-minute walk" → "10-minute walk".
    static let measureNouns: Set<String> = [
        "minute", "minutes", "hour", "day", "week", "month", "year", "mile", "metre", "meter", "kilometre", "bedroom",
        "bed", "storey", "story", "page", "point", "person", "seat", "seater", "litre", "inch", "foot", "acre",
        "hectare", "room", "step", "stage", "part", "mph", "second",
    ]
    static let fractionWords: Set<String> = [
        "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths", "seventh",
        "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
    ]
    static let pronounsAfterOf: Set<String> = ["us", "you", "them", "which", "those", "these", "whom"]
    static let scales: Set<String> = ["million", "billion"]

    static let initials: [Bool] = (0..<128).map { "efhnost".utf8.contains(UInt8($0)) }
    static let valueTable = NumberText.table(values)

    /// A number word: "three", "twenty", or a hyphenated "twenty-five".
    static func value(of word: Word) -> (Int, Kind)? {
        let length = word.range.count
        guard length >= 3 else { return nil }
        if length <= 9, let key = NumberText.key(word.text.utf8) { return valueTable[key] }
        guard length <= 12, word.text.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let parts = word.lower.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let tens = values[String(parts[0])], tens.1 == .tens,
            let unit = values[String(parts[1])], unit.1 == .unit
        else { return nil }
        return (tens.0 + unit.0, .compound)
    }

    static func allowed(_ kind: Kind, after last: Kind?) -> Bool {
        switch kind {
        case .unit:
            return last == nil || last == .hundred || last == .thousand || last == .tens
        case .teen, .tens, .compound:
            return last == nil || last == .hundred || last == .thousand
        case .hundred:
            return last == .unit || last == .teen || last == .compound
        case .thousand:
            return last != nil && last != .thousand
        }
    }

    /// A number in words read from word `index`: "two hundred and fifty", "twenty five", "three thousand".
    struct Sequence {
        var start: Int
        var end: Int
        var value: Int
        var count: Int
        /// Ends with "hundred", "thousand", or is followed by "million".
        var multiplied: Bool
        var scale: String?
    }

    static func sequence(_ block: ProseBlock, at index: Int) -> Sequence? {
        let words = block.words
        guard index < words.count, let (startValue, startKind) = value(of: words[index]), allowed(startKind, after: nil) else { return nil }
        var total = 0, current = startValue, last = startKind, end = index, count = 1, multiplied = false
        while end + 1 < words.count, NumberText.spaced(block, end, end + 1) {
            var next = end + 1
            if words[next].lower == "and", last == .hundred || last == .thousand,
                next + 1 < words.count, NumberText.spaced(block, next, next + 1),
                let (_, kind) = value(of: words[next + 1]), kind != .hundred, kind != .thousand
            {
                next += 1
            }
            guard let (amount, kind) = value(of: words[next]), allowed(kind, after: last) else { break }
            switch kind {
            case .hundred: current *= 100; multiplied = true
            case .thousand: total += current * 1000; current = 0; multiplied = true
            default: current += amount
            }
            last = kind
            end = next
            count += 1
        }
        var scale: String?
        if end + 1 < words.count, NumberText.spaced(block, end, end + 1), scales.contains(words[end + 1].lower) {
            scale = words[end + 1].lower
            multiplied = true
        }
        return Sequence(start: index, end: end, value: total + current, count: count, multiplied: multiplied, scale: scale)
    }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() {
            let words = block.words
            var index = 0
            while index < words.count {
                // Every number word starts with e, f, h, n, o, s or t.
                let wordRange = words[index].range
                guard wordRange.count >= 3, Self.initials[Int(block.utf8[wordRange.lowerBound] | 0x20) & 0x7F] else { index += 1; continue }
                let word = words[index]
                guard let number = Self.sequence(block, at: index) else {
                    if let measure = measureCompound(block, at: index) {
                        findings.append(
                            finding(
                                blockIndex, measure.range, in: document,
                                message: "Write '\(measure.value)' instead of '\(block.slice(measure.range))'.",
                                suggestion: Self.why, replacement: "\(measure.value)"))
                    }
                    index += 1
                    continue
                }
                index = number.end + 1
                // "four or five hundred": the first number borrows the second's "hundred", so neither is a plain swap.
                if !number.multiplied, let (joiner, other) = following(block, number),
                    ["and", "or", "to"].contains(joiner), other.multiplied
                {
                    index = other.end + 1
                    continue
                }
                // "one in four", "one out of five": write both as numerals.
                if number.count == 1, word.lower == "one", let (joiner, other) = following(block, number),
                    joiner == "in" || joiner == "out of", other.count == 1, !other.multiplied,
                    !NumberText.isSentenceStart(block, number.start), !word.isCapitalised
                {
                    let range = word.range.lowerBound..<words[other.end].range.upperBound
                    let fixed = "1 \(joiner) \(other.value)"
                    findings.append(
                        finding(
                            blockIndex, range, in: document,
                            message: "Write '\(fixed)' instead of '\(block.slice(range))'.",
                            suggestion: Self.why, replacement: fixed))
                    index = other.end + 1
                    continue
                }
                if isException(block, number) {
                    // "Nine out of ten": the second number stays in words with the first.
                    if let (joiner, other) = following(block, number), joiner == "out of" || joiner == "in" {
                        index = other.end + 1
                    }
                    continue
                }
                let range = word.range.lowerBound..<words[number.end].range.upperBound
                let scale = number.scale.map { " " + $0 } ?? ""
                let numeral = NumberText.grouped(number.value)
                findings.append(
                    finding(
                        blockIndex, range, in: document,
                        message: "Write '\(numeral)\(scale)' instead of '\(block.slice(range))\(scale)'.",
                        suggestion: Self.why, replacement: numeral))
            }
        }
    }

    /// The number after a joining word: "four [or] five hundred", "one [in] four", "nine [out of] ten".
    func following(_ block: ProseBlock, _ number: Sequence) -> (String, Sequence)? {
        let words = block.words
        var next = (number.scale != nil ? number.end + 2 : number.end + 1)
        guard next < words.count, NumberText.spaced(block, next - 1, next) else { return nil }
        var joiner = words[next].lower
        if joiner == "out", next + 1 < words.count, words[next + 1].lower == "of", NumberText.spaced(block, next, next + 1) {
            joiner = "out of"
            next += 1
        }
        guard ["and", "or", "to", "in", "out of"].contains(joiner), next + 1 < words.count,
            NumberText.spaced(block, next, next + 1), let other = Self.sequence(block, at: next + 1)
        else { return nil }
        return (joiner, other)
    }

    static let why = "Numerals are easier to scan: GOV.UK style uses them for all numbers except 'one' and a number that starts a sentence."

    /// Words that stay as words: "one", the start of a sentence, names and expressions.
    func isException(_ block: ProseBlock, _ number: Sequence) -> Bool {
        let words = block.words
        let start = number.start, end = number.end
        let first = words[start]
        if number.count == 1, first.lower == "one" { return true }
        if NumberText.isSentenceStart(block, start) { return true }
        // A capital in mid-sentence: a name such as "Seven Sisters Road" or "Channel Four".
        if first.isCapitalised { return true }
        if start >= 2, words[start - 1].lower == "or", words[start - 2].lower == "one" { return true }  // one or two
        if start >= 1, words[start - 1].lower == "high", first.lower == "five" { return true }  // high five
        if start >= 2, words[start - 1].lower == "and", words[start - 2].lower == first.lower { return true }  // two and two
        // "a hundred and fifty": the number began with "a", which is not read as a number word.
        if start >= 2, words[start - 1].lower == "and", ["hundred", "thousand"].contains(words[start - 2].lower) { return true }
        // Two number words that do not make one number: "twenty twenty-four", "two three".
        if start >= 1, NumberText.spaced(block, start - 1, start), Self.value(of: words[start - 1]) != nil { return true }
        let next = end + 1
        if next < words.count, NumberText.spaced(block, end, next) {
            let following = words[next].lower
            if Self.value(of: words[next]) != nil { return true }
            if Self.fractionWords.contains(following) { return true }  // two thirds
            if following == "of", next + 1 < words.count, Self.pronounsAfterOf.contains(words[next + 1].lower) { return true }
            if following == "and", next + 1 < words.count, words[next + 1].lower == first.lower { return true }  // two and two
        }
        return false
    }

    /// "ten-minute walk", "three-bedroom house": the number part of a hyphenated measure.
    func measureCompound(_ block: ProseBlock, at index: Int) -> (range: Range<Int>, value: Int)? {
        let word = block.words[index]
        guard word.range.count <= 24, word.text.utf8.contains(UInt8(ascii: "-")), let hyphen = word.lower.firstIndex(of: "-") else { return nil }
        let head = String(word.lower[..<hyphen])
        let rest = word.lower[word.lower.index(after: hyphen)...]
        let noun = rest.split(separator: "-").first.map(String.init) ?? ""
        guard Self.measureNouns.contains(noun), let (value, kind) = Self.values[head],
            kind != .hundred, kind != .thousand, value > 1
        else { return nil }
        if NumberText.isSentenceStart(block, index) || word.isCapitalised { return nil }
        let start = word.range.lowerBound
        return (start..<(start + head.utf8.count), value)
    }
}
