import Diagnostics

/// Dates without ordinals: "4 June", not "4th June", "June 4th" or "the 4th of June".
public struct DateOrdinalRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "dates/ordinal",
            name: "Dates without 'st', 'nd', 'rd' or 'th'",
            summary:
                "Write dates as '4 June', not '4th June', 'June 4th' or 'the 4th of June'. Ordinals that are not next to a month ('3rd floor', 'the first Monday') are fine.",
            source: "GOV.UK style guide: Dates",
            severity: .warning,
            passes: [
                "Your bin will be collected on 4 June 2026.",
                "The housing office is on the 3rd floor of the civic centre.",
                "Put your 2nd bin out on the first Monday of the month.",
                "Nominations close on 1 April. The 2nd may be cancelled if it rains.",
                "The consultation runs from 3 to 17 March.",
            ],
            fails: [
                "Your bin will be collected on ↓4th June.",
                "Applications open on ↓1st of April 2026.",
                "The meeting is on ↓the 3rd March in the council chamber.",
                "The deadline is ↓June 4th, 2026.",
                "The fair runs on ↓14th and 15th August, and the parade is on Sat ↓22nd Aug.",
            ],
            fixable: true)
    }

    /// First letters of month names, either case: a cheap test before the month lookup.
    static let monthInitials: [Bool] = (0..<128).map { "JFMASONDjfmasond".utf8.contains(UInt8($0)) }

    /// Words after which "the" can go with the ordinal: "on the 3rd March" → "on 3 March".
    static let dropTheAfter: Set<String> = [
        "on", "from", "until", "till", "by", "before", "after", "since", "to", "between", "and", "or", "of", "for",
        "except", "including", "than",
    ]

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            var index = 0
            while index < block.words.count {
                let start = block.words[index].range.lowerBound
                let match =
                    NumberText.digitAt(block, start)
                    ? ordinalFirst(block, at: index)
                    : (Self.monthInitials[Int(block.utf8[start] & 0x7F)] && NumberText.month(block.words[index]) != nil
                        ? monthFirst(block, at: index) : nil)
                guard let match else { index += 1; continue }
                let written = block.slice(match.range)
                findings.append(
                    finding(
                        blockIndex, match.range, in: document,
                        message: "Write '\(match.replacement)' instead of '\(written)'.",
                        suggestion: "GOV.UK style writes dates as '4 June', without 'st', 'nd', 'rd' or 'th'.",
                        replacement: match.fixable ? match.replacement : nil))
                index = match.lastWord + 1
            }
        }
    }

    struct Match {
        var range: Range<Int>
        var lastWord: Int
        var replacement: String
        var fixable = true
    }

    /// A day, an ordinal day or a pair of them ("4th-6th"), as it should be written ("4", "4 to 6").
    func day(_ block: ProseBlock, _ index: Int) -> (text: String, ordinal: Bool)? {
        let bytes = block.utf8[block.words[index].range]
        if let ordinal = NumberText.ordinalDay(bytes) { return ("\(ordinal)", true) }
        if let (left, right) = NumberText.splitHyphen(bytes), let from = NumberText.day(left), let to = NumberText.day(right),
            from < to, NumberText.ordinalDay(left) != nil || NumberText.ordinalDay(right) != nil
        {
            return ("\(from) to \(to)", true)
        }
        if bytes.count <= 2, let value = NumberText.digitsValue(bytes), (1...31).contains(value) { return ("\(value)", false) }
        return nil
    }

    /// The joining word or mark between two days in a list: ", ", " and ", " to ".
    func joiner(_ block: ProseBlock, after index: Int) -> (text: String, next: Int)? {
        let words = block.words
        let next = index + 1
        guard next < words.count else { return nil }
        let between = NumberText.gap(block, index, next)
        let core = NumberText.trimmed(between)
        if core.count == 1, core.first == UInt8(ascii: ",") { return (", ", next) }
        if core.count == 1, core.first == UInt8(ascii: "&") { return (" and ", next) }
        if NumberText.dash(between) != nil { return (" to ", next) }
        if core.isEmpty, !between.isEmpty, ["and", "or", "to"].contains(words[next].lower),
            next + 1 < words.count, NumberText.spaced(block, next, next + 1)
        {
            return (" \(words[next].lower) ", next + 1)
        }
        return nil
    }

    /// "4th June", "1st of April", "the 3rd March", "14th and 15th August".
    func ordinalFirst(_ block: ProseBlock, at index: Int) -> Match? {
        let words = block.words
        guard let first = day(block, index), first.ordinal else { return nil }
        var text = first.text
        var last = index
        while let (join, next) = joiner(block, after: last), let following = day(block, next) {
            text += join + following.text
            last = next
        }
        var monthIndex = last + 1
        guard monthIndex < words.count, NumberText.spaced(block, last, monthIndex) else { return nil }
        if words[monthIndex].lower == "of" {
            monthIndex += 1
            guard monthIndex < words.count, NumberText.spaced(block, monthIndex - 1, monthIndex) else { return nil }
        }
        guard NumberText.month(words[monthIndex]) != nil else { return nil }
        var start = words[index].range.lowerBound
        if index > 0, words[index - 1].lower == "the", NumberText.spaced(block, index - 1, index) {
            let theIsFirst = NumberText.isSentenceStart(block, index - 1)
            if theIsFirst || (index >= 2 && Self.dropTheAfter.contains(words[index - 2].lower)) {
                start = words[index - 1].range.lowerBound
            }
        }
        return Match(
            range: start..<words[monthIndex].range.upperBound, lastWord: monthIndex,
            replacement: text + " " + words[monthIndex].text)
    }

    /// "June 4th", "June the 4th", "June 4th, 2026".
    func monthFirst(_ block: ProseBlock, at index: Int) -> Match? {
        let words = block.words
        guard NumberText.month(words[index]) != nil else { return nil }
        var dayIndex = index + 1
        guard dayIndex < words.count, NumberText.spaced(block, index, dayIndex) else { return nil }
        if words[dayIndex].lower == "the" {
            dayIndex += 1
            guard dayIndex < words.count, NumberText.spaced(block, dayIndex - 1, dayIndex) else { return nil }
        }
        guard let dayValue = NumberText.ordinalDay(block.utf8[words[dayIndex].range]) else { return nil }
        var last = dayIndex
        var replacement = "\(dayValue) \(words[index].text)"
        let yearIndex = dayIndex + 1
        if yearIndex < words.count {
            let core = NumberText.trimmed(NumberText.gap(block, dayIndex, yearIndex))
            let bytes = block.utf8[words[yearIndex].range]
            if core.isEmpty || (core.count == 1 && core.first == UInt8(ascii: ",")), bytes.count == 4,
                let year = NumberText.digitsValue(bytes), (1000...2999).contains(year)
            {
                last = yearIndex
                replacement += " \(year)"
            }
        }
        // Another day follows ("June 4th and 5th"): the rewrite needs a person.
        let fixable = joiner(block, after: last).map { day(block, $0.next) == nil } ?? true
        return Match(
            range: words[index].range.lowerBound..<words[last].range.upperBound, lastWord: last,
            replacement: replacement, fixable: fixable)
    }
}
