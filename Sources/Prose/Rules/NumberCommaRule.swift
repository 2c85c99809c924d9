import Diagnostics

/// Commas in numbers of 1,000 or more: "15,000", not "15000".
public struct NumberCommaRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "numbers/comma",
            name: "Commas in large numbers",
            summary:
                "Use a comma in whole numbers of 1,000 or more ('15,000'). Years (4-digit numbers from 1000 to 2199), numbers with a leading zero, codes next to letters, and reference, phone and room numbers are left alone.",
            source: "GOV.UK style guide: Numbers",
            severity: .warning,
            passes: [
                "The council has 1,250 staff and a budget of £15,000.",
                "The plan runs from 2025 to 2030.",
                "Call 01632 960000 or textphone 18001 01632 960000.",
                "Quote reference 123456 when you pay. Parking permits cost £7.50.",
                "Parking bay A1234 is in the KF1 car park, room 1045.",
            ],
            fails: [
                "We collected ↓25000 tonnes of waste last year.",
                "Grants of up to £↓15000 are available.",
                "The library lent ↓3500 books in 2024 and collected £↓12500.50 in fines.",
                "More than ↓100000 people voted.",
            ],
            fixable: true)
    }

    /// Words after which a 4-digit number is more likely a 24-hour time ("at 2300").
    static let timeWords: Set<String> = ["at", "until", "till", "before", "after"]
    /// Small words between a reference word and its number: "your reference is 123456".
    static let linkWords: Set<String> = ["is", "was", "the", "your", "our", "its", "their", "a", "an", "on", "quote", "quoting", "number", "no"]

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            let words = block.words
            for index in words.indices {
                guard words[index].range.count >= 4, NumberText.digitAt(block, words[index].range.lowerBound) else { continue }
                let word = words[index]
                let bytes = block.utf8[word.range]
                let integer = bytes.prefix(while: NumberText.isDigit)
                guard integer.count >= 4, integer.first != NumberText.zero else { continue }
                let start = word.range.lowerBound
                if integer.count < bytes.count {
                    // Only pounds and pence: "£12500.50".
                    let rest = bytes[integer.endIndex...]
                    guard rest.count == 3, rest.first == UInt8(ascii: "."), NumberText.isAllDigits(rest.dropFirst()),
                        NumberText.currencyBefore(block, start)
                    else { continue }
                }
                if integer.count == 4, let value = NumberText.digitsValue(integer) {
                    if (1000...2199).contains(value) { continue }
                    if value % 100 < 60, value / 100 < 24, index > 0, Self.timeWords.contains(words[index - 1].lower) { continue }
                }
                if isReference(block, index) { continue }
                let range = start..<integer.endIndex
                let written = block.slice(range)
                let fixed = NumberText.grouped(digits: integer)
                findings.append(
                    finding(
                        blockIndex, range, in: document,
                        message: "Write '\(fixed)' instead of '\(written)'.",
                        suggestion: "Use a comma in numbers of 1,000 or more so they are easier to read.",
                        replacement: fixed))
            }
        }
    }

    /// A reference, code, phone or room number rather than a quantity.
    func isReference(_ block: ProseBlock, _ index: Int) -> Bool {
        let words = block.words
        let word = words[index]
        if let before = NumberText.byteBefore(block, word.range.lowerBound), "/#_@+\\=&.-*~".utf8.contains(before) { return true }
        if let after = NumberText.byteAt(block, word.range.upperBound), "/_@#=".utf8.contains(after) { return true }
        if index > 0 {
            let previous = words[index - 1]
            if NumberText.referenceWords.contains(previous.lower) || NumberText.isCapitalCode(block, previous) { return true }
            if index > 1, Self.linkWords.contains(previous.lower), NumberText.referenceWords.contains(words[index - 2].lower) { return true }
            // Part of a run of numbers: "01632 960000", "0300 123 4567".
            if NumberText.spaced(block, index - 1, index), NumberText.isAllDigits(block.utf8[previous.range]) { return true }
        }
        if index + 1 < words.count, NumberText.spaced(block, index, index + 1),
            NumberText.isAllDigits(block.utf8[words[index + 1].range])
        {
            return true
        }
        return false
    }
}
