import Diagnostics

/// Dates in words: "4 June 2024", not "04/06/2024", "4/6/24" or "4.6.2024".
public struct NumericDateRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "dates/numeric",
            name: "Dates in numbers",
            summary:
                "Write dates with the month as a word ('4 June 2024'), not in numbers ('04/06/2024', '4/6/24', '4.6.2024'). Read as day, month, year; fractions ('1/2'), dates that cannot be a UK day and month, and code are left alone.",
            source: "GOV.UK style guide: Dates",
            severity: .warning,
            passes: [
                "Your next collection is on 4 June 2024.",
                "About 1/2 of households recycle food waste.",
                "The planning reference is 24/01234/FUL.",
                "Use version 4.6.2 of the form.",
                "Dates in the data export look like `2026-11-25`.",
            ],
            fails: [
                "Your next collection is on ↓04/06/2024.",
                "The survey closes on ↓4/6/24 at midday.",
                "Payments made after ↓4.6.2024 will show on your next bill.",
                "The event was moved from ↓31-01-2025 to ↓07/02/2025.",
            ],
            fixable: true)
    }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            let words = block.words
            var index = 0
            while index < words.count {
                guard NumberText.digitAt(block, words[index].range.lowerBound) else { index += 1; continue }
                let word = words[index]
                var parts: (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>)?
                var separator = UInt8(ascii: "/")
                var last = index
                let bytes = block.utf8[word.range]
                if bytes.count >= 5, let dot = Self.split(bytes, UInt8(ascii: ".")) {
                    parts = dot
                    separator = UInt8(ascii: ".")
                } else if bytes.count >= 5, let hyphen = Self.split(bytes, UInt8(ascii: "-")) {
                    parts = hyphen
                    separator = UInt8(ascii: "-")
                } else if bytes.count <= 2, index + 2 < words.count, NumberText.isAllDigits(bytes),
                    Self.isSlash(NumberText.gap(block, index, index + 1)),
                    Self.isSlash(NumberText.gap(block, index + 1, index + 2)),
                    NumberText.byteBefore(block, word.range.lowerBound) != UInt8(ascii: "/"),
                    NumberText.byteAt(block, words[index + 2].range.upperBound) != UInt8(ascii: "/")
                {
                    parts = (bytes, block.utf8[words[index + 1].range], block.utf8[words[index + 2].range])
                    last = index + 2
                }
                guard let parts, let date = Self.date(parts, separator: separator) else { index += 1; continue }
                if separator != UInt8(ascii: "/"), index > 0, Self.versionWords.contains(words[index - 1].lower) {
                    index += 1; continue
                }
                let range = word.range.lowerBound..<words[last].range.upperBound
                let written = block.slice(range)
                let text = "\(date.day) \(NumberText.monthNames[date.month - 1]) \(date.year)"
                findings.append(
                    finding(
                        blockIndex, range, in: document,
                        message: "Write '\(text)' instead of '\(written)'.",
                        suggestion: "Dates in numbers are easy to misread (and read differently in the US): write the month as a word.",
                        replacement: date.fullYear ? text : nil))
                index = last + 1
            }
        }
    }

    static func isSlash(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count == 1 && bytes.first == UInt8(ascii: "/")
    }

    static let versionWords: Set<String> = ["version", "v", "release"]

    /// Splits a word into three digit runs at `separator` ("4.6.2024"), or nil.
    static func split(_ bytes: ArraySlice<UInt8>, _ separator: UInt8) -> (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        guard let first = bytes.firstIndex(of: separator),
            let second = bytes[(first + 1)...].firstIndex(of: separator)
        else { return nil }
        let a = bytes[bytes.startIndex..<first], b = bytes[(first + 1)..<second], c = bytes[(second + 1)...]
        guard NumberText.isAllDigits(a), NumberText.isAllDigits(b), NumberText.isAllDigits(c) else { return nil }
        return (a, b, c)
    }

    /// Day, month and year from three digit runs in UK order.
    static func date(_ parts: (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>), separator: UInt8)
        -> (day: Int, month: Int, year: Int, fullYear: Bool)?
    {
        guard parts.0.count <= 2, parts.1.count <= 2, parts.2.count == 2 || parts.2.count == 4,
            let day = NumberText.digitsValue(parts.0), let month = NumberText.digitsValue(parts.1),
            let yearValue = NumberText.digitsValue(parts.2)
        else { return nil }
        let fullYear = parts.2.count == 4
        // Dots and hyphens also write version numbers and codes: ask for a full year or two-digit day and month.
        if separator != UInt8(ascii: "/"), !fullYear, parts.0.count != 2 || parts.1.count != 2 { return nil }
        let year = fullYear ? yearValue : (yearValue < 50 ? 2000 + yearValue : 1900 + yearValue)
        if fullYear, !(1000...2999).contains(year) { return nil }
        guard NumberText.isValidDate(day: day, month: month, year: year) else { return nil }
        return (day, month, year, fullYear)
    }
}
