import Diagnostics

/// A weekday written next to a full date must be that date's weekday.
public struct WeekdayMismatchRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "dates/weekday",
            name: "Weekday matches the date",
            summary:
                "A day of the week next to a full date ('Tuesday 4 January 2027', 'Tuesday, January 4, 2027') must be the right day for that date. Dates without a year are not checked.",
            source: "GOV.UK style guide: Dates",
            severity: .error,
            passes: [
                "The council meeting is on Monday 4 January 2027.",
                "Bins will be collected on Saturday, 2 January 2027 instead.",
                "The consultation closes on Friday 31st December 2027.",
                "Tuesday 4 January is the first day of term.",
                "Our offices reopen on Wed 6 Jan 2027.",
            ],
            fails: [
                "The council meeting is on ↓Tuesday 4 January 2027.",
                "Bins will be collected on ↓Sunday, 2 January 2027 instead.",
                "The consultation closes on ↓Thursday 31st December 2027.",
                "Our offices reopen on ↓Thu 6 Jan 2027 and close on ↓Thursday, December 24, 2027.",
            ],
            fixable: false)
    }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            let words = block.words
            for index in words.indices {
                let start = words[index].range.lowerBound
                guard Self.weekdayInitials[Int(block.utf8[start] & 0x7F)], let written = NumberText.weekday(words[index]),
                    let date = Self.date(after: index, in: block)
                else { continue }
                let actual = NumberText.dayOfWeek(day: date.day, month: date.month, year: date.year)
                guard actual != written else { continue }
                let range = words[index].range.lowerBound..<words[date.lastWord].range.upperBound
                let dateText = "\(date.day) \(NumberText.monthNames[date.month - 1]) \(date.year)"
                findings.append(
                    finding(
                        blockIndex, range, in: document,
                        message: "\(dateText) is a \(NumberText.weekdayNames[actual]), not a \(NumberText.weekdayNames[written]).",
                        suggestion: "Check the date and the day of the week: one of them is wrong."))
            }
        }
    }

    /// First letters of weekday names, either case: a cheap test before the weekday lookup.
    static let weekdayInitials: [Bool] = (0..<128).map { "MTWFSmtwfs".utf8.contains(UInt8($0)) }

    /// Words `a` and `b` are separated by spaces or a comma.
    static func joined(_ block: ProseBlock, _ a: Int, _ b: Int) -> Bool {
        guard b < block.words.count else { return false }
        let between = NumberText.gap(block, a, b)
        let core = NumberText.trimmed(between)
        return (core.isEmpty && !between.isEmpty) || (core.count == 1 && core.first == UInt8(ascii: ","))
    }

    /// The full date after a weekday: "4 January 2027", "4th of January 2027", "January 4, 2027".
    static func date(after index: Int, in block: ProseBlock) -> (day: Int, month: Int, year: Int, lastWord: Int)? {
        let words = block.words
        var next = index + 1
        guard joined(block, index, next) else { return nil }
        if words[next].lower == "the", NumberText.spaced(block, next, next + 1) { next += 1 }
        guard next + 2 < words.count else { return nil }
        var day: Int, month: Int, yearIndex: Int
        if let value = NumberText.day(block.utf8[words[next].range]) {
            day = value
            var monthIndex = next + 1
            guard NumberText.spaced(block, next, monthIndex) else { return nil }
            if words[monthIndex].lower == "of", monthIndex + 1 < words.count, NumberText.spaced(block, monthIndex, monthIndex + 1) {
                monthIndex += 1
            }
            guard let found = NumberText.month(words[monthIndex]) else { return nil }
            month = found
            yearIndex = monthIndex + 1
            guard joined(block, monthIndex, yearIndex) else { return nil }
        } else if let found = NumberText.month(words[next]) {
            month = found
            var dayIndex = next + 1
            guard NumberText.spaced(block, next, dayIndex) else { return nil }
            if words[dayIndex].lower == "the", dayIndex + 1 < words.count, NumberText.spaced(block, dayIndex, dayIndex + 1) {
                dayIndex += 1
            }
            guard let value = NumberText.day(block.utf8[words[dayIndex].range]) else { return nil }
            day = value
            yearIndex = dayIndex + 1
            guard joined(block, dayIndex, yearIndex) else { return nil }
        } else {
            return nil
        }
        let yearBytes = block.utf8[words[yearIndex].range]
        guard yearBytes.count == 4, let year = NumberText.digitsValue(yearBytes), (1600...2999).contains(year),
            NumberText.isValidDate(day: day, month: month, year: year)
        else { return nil }
        return (day, month, year, yearIndex)
    }
}
