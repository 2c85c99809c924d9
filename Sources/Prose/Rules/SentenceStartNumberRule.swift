import Diagnostics

/// A paragraph sentence should not start with a numeral: "Fourteen days later", not "14 days later".
public struct SentenceStartNumberRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "numbers/sentence-start",
            name: "Number at the start of a sentence",
            summary:
                "Spell out a number that starts a sentence in a paragraph, or rephrase. Headings, list items and table cells may start with a numeral. Years ('2024 was…'), dates ('4 June is…'), times ('9am to 5pm…') and clause numbers ('3.2 The council…') are not flagged: spelling them out never helps.",
            source: "GOV.UK style guide: Numbers",
            severity: .suggestion,
            passes: [
                "Fourteen days later we wrote to you again.",
                "We received 14 replies. Most were positive.",
                "2024 was a record year for recycling.",
                "31 March is the last day to apply.",
                "## 3 ways to pay your council tax",
                "- 14 days to appeal",
                "3.2 The council will review the policy every year.",
            ],
            fails: [
                "↓14 days later we wrote to you again.",
                "We wrote to you. ↓3 weeks later you replied.",
                "↓250 people came to the consultation event.",
                "£↓15 is the fee for a replacement bin.",
            ],
            fixable: false)
    }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where block.kind == .paragraph && NumberText.hasDigit(block) {
            let words = block.words
            for sentence in block.sentences where !sentence.words.isEmpty {
                let index = sentence.words.lowerBound
                guard NumberText.digitAt(block, words[index].range.lowerBound), !isAllowed(block, index) else { continue }
                let word = words[index]
                findings.append(
                    finding(
                        blockIndex, word.range, in: document,
                        message: "Spell out '\(word.text)' or rephrase so the sentence does not start with it.",
                        suggestion: "GOV.UK style spells out a number that starts a sentence ('Fourteen days later'), or the sentence can start another way."))
            }
        }
    }

    /// Years, dates, times and clause numbers are fine at the start of a sentence.
    func isAllowed(_ block: ProseBlock, _ index: Int) -> Bool {
        let words = block.words
        let bytes = block.utf8[words[index].range]
        let digits = bytes.prefix(while: NumberText.isDigit)
        if digits.count == 4, let year = NumberText.digitsValue(digits), (1000...2199).contains(year) { return true }
        if let time = ClockTime.parse(block, at: index), time.minute != nil || time.suffix != .none { return true }
        if NumberText.day(bytes) != nil, index + 1 < words.count, NumberText.month(words[index + 1]) != nil { return true }
        if let after = NumberText.byteAt(block, words[index].range.upperBound),
            after == UInt8(ascii: "/") || after == UInt8(ascii: ")")
        {
            return true
        }
        // "1 Introduction", "3.2 The council…": a clause number before a capitalised word.
        if index + 1 < words.count, words[index + 1].isCapitalised, NumberText.spaced(block, index, index + 1) { return true }
        return false
    }
}
