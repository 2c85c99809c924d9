import Diagnostics

/// Time ranges with "to": "9am to 5pm", "10am to 11am", not "9am-5pm" or "10-11am".
public struct TimeRangeRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "times/range",
            name: "Time ranges",
            summary: "Write time ranges with 'to' and a full time on each side ('10am to 11am'), not a hyphen or dash ('10-11am', '9am – 5pm').",
            source: "GOV.UK style guide: Times",
            severity: .warning,
            passes: [
                "The contact centre is open 9am to 5pm, Monday to Friday.",
                "Drop-in sessions run from 10am to 11:30am.",
                "The hub is open between 9:30am and 1pm on Saturdays.",
                "The 24-hour helpline is free to call.",
                "Ages 5-11 can join the holiday club.",
            ],
            fails: [
                "The library is open ↓9am-5pm on weekdays.",
                "Come to the drop-in session from ↓10-11am.",
                "Visiting hours are ↓9am – 5pm and ↓6:30 pm–8 pm.",
                "Appointments run ↓9:30-10:30am and ↓11-1pm.",
                "The office is staffed ↓08:30-17:00 on weekdays and ↓10:00 – 14:00 on Saturdays.",
            ],
            fixable: true)
    }

    struct Match {
        var firstWord: Int
        var lastWord: Int
        var range: Range<Int>
        var replacement: String
    }

    /// A time range starting at word `index`: one word ("10-11am") or two times and a dash ("9am – 5pm").
    static func match(_ block: ProseBlock, at index: Int) -> Match? {
        let words = block.words
        let word = words[index]
        guard NumberText.startsWithDigit(word, in: block),
            !NumberText.currencyBefore(block, word.range.lowerBound)
        else { return nil }
        let bytes = block.utf8[word.range]
        var left: ClockTime, right: ClockTime
        if let (leftBytes, rightBytes) = NumberText.splitHyphen(bytes) {
            guard let l = ClockTime.parse(leftBytes, start: word.range.lowerBound, word: index),
                var r = ClockTime.parse(rightBytes, start: rightBytes.startIndex, word: index)
            else { return nil }
            if r.suffix == .none { r.attachSuffix(in: block) }
            left = l
            right = r
        } else {
            guard let l = ClockTime.parse(block, at: index) else { return nil }
            let next = l.lastWord + 1
            guard next < words.count, let dash = NumberText.dash(NumberText.gap(block, l.lastWord, next)) else { return nil }
            // A spaced em dash is more likely a break in the sentence than a range.
            if dash == .emDash, NumberText.gap(block, l.lastWord, next).count > 3 { return nil }
            guard let r = ClockTime.parse(block, at: next) else { return nil }
            left = l
            right = r
        }
        guard let (from, to) = resolve(left, right) else { return nil }
        let joiner = index > 0 && words[index - 1].lower == "between" ? "and" : "to"
        return Match(
            firstWord: index, lastWord: right.lastWord, range: left.range.lowerBound..<right.range.upperBound,
            replacement: "\(from) \(joiner) \(to)")
    }

    /// Both ends of a range in GOV.UK style, or nil when the two are not clearly times.
    static func resolve(_ left: ClockTime, _ right: ClockTime) -> (String, String)? {
        let isTwentyFour: (ClockTime) -> Bool = { $0.minute != nil && $0.separator == UInt8(ascii: ":") }
        let marked: (ClockTime) -> Bool = { $0.hour >= 13 || $0.hour == 0 || $0.leadingZero }
        if right.hasMeridiem {
            let rightText = right.canonical
            if left.hasMeridiem { return (left.canonical, rightText) }
            if left.suffix == .hours { return nil }
            if left.minute != nil, marked(left) { return (left.canonical, rightText) }
            guard (1...12).contains(left.hour) else { return nil }
            // "10-11am": the left end takes the half of the day that puts it before the right end.
            let minute = left.minute ?? 0
            let rightTotal = right.suffix == .midnight ? 24 * 60 : right.hour24 * 60 + (right.minute ?? 0)
            let pm = (left.hour % 12 + 12) * 60 + minute
            let hour24: Int
            switch right.suffix {
            case .pm, .midnight: hour24 = pm < rightTotal ? left.hour % 12 + 12 : left.hour % 12
            default: hour24 = left.hour % 12
            }
            return (ClockTime.format(hour24: hour24, minute: minute), rightText)
        }
        // Both on the 24-hour clock: "09:00-17:00", "08:30 – 17:00 hrs".
        guard right.suffix == .none || right.suffix == .hours, isTwentyFour(right) else { return nil }
        if left.hasMeridiem, marked(right) { return (left.canonical, right.canonical) }
        guard left.suffix == .none, isTwentyFour(left), marked(left) || marked(right) else { return nil }
        return (left.canonical, right.canonical)
    }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            var index = 0
            while index < block.words.count {
                guard let match = Self.match(block, at: index) else { index += 1; continue }
                let written = block.slice(match.range)
                findings.append(
                    finding(
                        blockIndex, match.range, in: document,
                        message: "Write '\(match.replacement)' instead of '\(written)'.",
                        suggestion: "Use 'to' between two times, not a hyphen or dash, and give each time in full.",
                        replacement: match.replacement))
                index = match.lastWord + 1
            }
        }
    }
}
