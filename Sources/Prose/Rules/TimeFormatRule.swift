import Diagnostics

/// A time of day as written: "5:30pm", "17:30", "5 p.m.", "12 noon", "10" (a bare hour in a range).
struct ClockTime {
    enum Suffix: Equatable { case none, am, pm, noon, midnight, hours }

    /// The hour as written (0 to 23).
    var hour: Int
    var hourDigits: Int
    var minute: Int?
    /// ':' or '.', when minutes are written.
    var separator: UInt8?
    var suffix: Suffix
    /// Byte range in the block, from the hour to the end of the suffix.
    var range: Range<Int>
    /// The last word the time takes up (a separate "pm" or "noon" is a word of its own).
    var lastWord: Int

    var leadingZero: Bool { hourDigits == 2 && hour < 10 }
    var hasMeridiem: Bool { suffix == .am || suffix == .pm || suffix == .noon || suffix == .midnight }

    /// The hour on the 24-hour clock, when the time says it.
    var hour24: Int {
        switch suffix {
        case .am: hour % 12
        case .pm: hour < 12 ? hour + 12 : hour
        case .noon: 12
        case .midnight: 0
        case .none, .hours: hour
        }
    }

    /// The time in GOV.UK style: "5:30pm", "9am", "midday", "midnight".
    var canonical: String { ClockTime.format(hour24: hour24, minute: minute ?? 0) }

    static func format(hour24: Int, minute: Int) -> String {
        if minute == 0 && hour24 == 12 { return "midday" }
        if minute == 0 && (hour24 == 0 || hour24 == 24) { return "midnight" }
        let hour = hour24 % 12 == 0 ? 12 : hour24 % 12
        let suffix = hour24 % 24 < 12 ? "am" : "pm"
        return minute == 0 ? "\(hour)\(suffix)" : "\(hour):\(minute < 10 ? "0" : "")\(minute)\(suffix)"
    }

    /// Parses one run of bytes: digits, optional ":MM" or ".MM", optional suffix. No range or word set.
    static func parse(_ bytes: ArraySlice<UInt8>, start: Int, word: Int) -> ClockTime? {
        var index = bytes.startIndex
        while index < bytes.endIndex, NumberText.isDigit(bytes[index]) { index += 1 }
        let digitCount = index - bytes.startIndex
        guard digitCount >= 1, digitCount <= 4 else { return nil }
        var hour = 0, hourDigits = digitCount
        var minute: Int?
        var separator: UInt8?
        if digitCount <= 2 {
            hour = NumberText.digitsValue(bytes[bytes.startIndex..<index]) ?? 0
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: ".") {
                let minuteStart = index + 1
                guard minuteStart + 2 <= bytes.endIndex,
                    let value = NumberText.digitsValue(bytes[minuteStart..<minuteStart + 2])
                else { return nil }
                if minuteStart + 2 < bytes.endIndex, NumberText.isDigit(bytes[minuteStart + 2]) { return nil }
                separator = bytes[index]
                minute = value
                index = minuteStart + 2
            }
        }
        let suffix = bytes[index..<bytes.endIndex]
        guard let kind = suffixKind(suffix) else { return nil }
        if digitCount > 2 {
            // Only "1730hrs" style: four digits with "hrs".
            guard kind == .hours, digitCount == 4 else { return nil }
            hour = NumberText.digitsValue(bytes[bytes.startIndex..<bytes.startIndex + 2]) ?? 99
            minute = NumberText.digitsValue(bytes[bytes.startIndex + 2..<bytes.startIndex + 4])
            hourDigits = 2
        }
        var time = ClockTime(
            hour: hour, hourDigits: hourDigits, minute: minute, separator: separator, suffix: kind,
            range: start..<(start + bytes.count), lastWord: word)
        guard time.validate() else { return nil }
        return time
    }

    /// Checks the hour and minutes fit the suffix.
    mutating func validate() -> Bool {
        if let minute, minute > 59 { return false }
        switch suffix {
        case .am: return (1...12).contains(hour)
        case .pm: return (1...23).contains(hour)
        case .noon: return hour == 12 && (minute ?? 0) == 0
        case .midnight: return (hour == 12 || hour == 0) && (minute ?? 0) == 0
        case .hours: return minute != nil && hour <= 23
        case .none: return minute == nil ? (1...12).contains(hour) : hour <= 23
        }
    }

    static let suffixWords: [String: Suffix] = [
        "am": .am, "pm": .pm, "noon": .noon, "midday": .noon, "midnight": .midnight, "hrs": .hours, "hours": .hours,
    ]
    static let suffixTable = NumberText.table(suffixWords)

    /// "am", "a.m.", "PM", "noon", "midnight", "hrs" (case and full stops ignored), or nil.
    static func suffixKind(_ bytes: ArraySlice<UInt8>) -> Suffix? {
        if bytes.isEmpty { return ClockTime.Suffix.none }
        guard bytes.count <= 8, let key = NumberText.key(bytes.lazy.filter { $0 != UInt8(ascii: ".") }) else { return nil }
        return suffixTable[key]
    }

    /// A time starting at word `index`, taking a separate "pm", "a.m.", "noon" or "hrs" after it.
    static func parse(_ block: ProseBlock, at index: Int) -> ClockTime? {
        let word = block.words[index]
        guard NumberText.startsWithDigit(word, in: block),
            var time = parse(block.utf8[word.range], start: word.range.lowerBound, word: index)
        else { return nil }
        if time.suffix == .none { time.attachSuffix(in: block) }
        return time
    }

    /// Takes a separate suffix word after the time: "5 pm", "5:30 p.m.", "12 noon", "17:30 hours".
    mutating func attachSuffix(in block: ProseBlock) {
        let next = lastWord + 1
        guard next < block.words.count, NumberText.spaced(block, lastWord, next) else { return }
        let word = block.words[next]
        guard word.range.count <= 8, let found = ClockTime.suffixKind(block.utf8[word.range]), found != .none else { return }
        var kind: Suffix? = found
        switch found {
        case .am:
            // "aged 5 am I eligible?"
            if next + 1 < block.words.count, block.words[next + 1].lower == "i" { return }
        case .hours:
            kind = minute != nil ? .hours : nil
        default:
            break
        }
        guard let kind else { return }
        var extended = self
        extended.suffix = kind
        guard extended.validate() else { return }
        extended.range = range.lowerBound..<word.range.upperBound
        extended.lastWord = next
        self = extended
    }
}

/// Times in GOV.UK style: "5:30pm", "9am", "midday", not "17:30", "5.30pm", "5:00pm" or "5 p.m.".
public struct TimeFormatRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "times/format",
            name: "Time format",
            summary:
                "Write times as '5:30pm', '9am', 'midday' and 'midnight': not the 24-hour clock, '5.30pm', '5:00pm' or '5 p.m.'. An hh:mm time is read as 24-hour when its hour is 13 to 23 or starts with 0, or when a word such as 'at' or 'until' comes before it.",
            source: "GOV.UK style guide: Times",
            severity: .warning,
            passes: [
                "The customer service centre is open from 9am to 5:30pm.",
                "Bins must be out by 7am on collection day.",
                "The meeting starts at midday and ends before midnight.",
                "A day pass costs £7.50 and the score was 3:1.",
                "Upgrade to version 2.10 of the app.",
                "Read John 3:16 in the order of service.",
            ],
            fails: [
                "The office closes at ↓17:30 on Fridays.",
                "Doors open at ↓5.30pm for the public meeting.",
                "The tip opens at ↓9:00am on Saturdays.",
                "Collections start at ↓7 a.m. and finish by ↓3 PM.",
                "The market runs until ↓12pm on Sundays.",
                "Polling stations open at 7am and close at ↓22:00.",
                "Call before ↓09:00 to book a collection, or after ↓12 midnight online.",
            ],
            fixable: true)
    }

    static let contextBefore: Set<String> = [
        "from", "until", "till", "til", "at", "to", "by", "opens", "closes", "open", "close", "closed", "closing",
        "opening", "between", "after", "before", "starts", "start", "starting", "begins", "begin", "ends", "end",
        "finishes", "finish", "around", "approximately", "approx", "about", "arrive", "leaves", "departs",
    ]
    /// The stricter set for "19.30": a full stop also writes money and decimals ("rose by 13.50").
    static let dotContextBefore: Set<String> = [
        "at", "from", "until", "till", "til", "opens", "closes", "open", "close", "closed", "starts", "start",
        "begins", "ends", "finishes",
    ]
    static let notAfterDot: Set<String> = ["each", "per", "a", "an", "percent", "pounds", "pence", "euros", "dollars"]
    static let linkWords: Set<String> = ["to", "and", "or", "until", "till", "-"]
    /// Words next to an hh:mm that make it a ratio, score or reference rather than a time.
    static let notTimeWords: Set<String> = [
        "scale", "ratio", "odds", "verse", "verses", "chapter", "version", "v", "score", "scored", "won", "lost", "beat",
        "drew", "result",
    ]

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            let words = block.words
            var lastTime = -10
            var index = 0
            while index < words.count {
                guard NumberText.digitAt(block, words[index].range.lowerBound) else { index += 1; continue }
                // Ranges belong to times/range, which rewrites both times.
                if let range = TimeRangeRule.match(block, at: index) {
                    lastTime = range.lastWord
                    index = range.lastWord + 1
                    continue
                }
                guard let time = ClockTime.parse(block, at: index) else { index += 1; continue }
                let first = index
                index = time.lastWord + 1
                let start = time.range.lowerBound
                if NumberText.currencyBefore(block, start) || NumberText.byteAt(block, time.range.upperBound) == UInt8(ascii: "%") {
                    continue
                }
                if time.suffix == .none {
                    if time.minute == nil { continue }
                    if first > 0, Self.notTimeWords.contains(words[first - 1].lower) { continue }
                    if index < words.count, Self.notTimeWords.contains(words[index].lower) { continue }
                }
                let context =
                    time.separator == UInt8(ascii: ".") && time.suffix == .none
                    ? hasDotContext(block, time, first: first)
                    : hasContext(block, time, first: first, lastTime: lastTime)
                if time.suffix != .none || time.minute != nil { lastTime = time.lastWord }
                if let result = review(time, written: block.slice(time.range), context: context) {
                    findings.append(
                        finding(
                            blockIndex, time.range, in: document, message: result.message,
                            suggestion: result.suggestion, replacement: result.replacement))
                }
            }
        }
    }

    /// What is wrong with a time, if anything.
    func review(_ time: ClockTime, written: String, context: Bool) -> (message: String, suggestion: String, replacement: String?)? {
        let twentyFour = "GOV.UK style uses the 12-hour clock with 'am' or 'pm', which more people read easily."
        switch time.suffix {
        case .am, .pm, .noon, .midnight:
            let canonical = time.canonical
            guard canonical != written else { return nil }
            let suggestion: String
            if time.hour >= 13 {
                suggestion = twentyFour
            } else if canonical == "midday" || canonical == "midnight" {
                suggestion = "'12pm', '12am' and '12 noon' are easy to misread: write 'midday' or 'midnight'."
            } else if time.separator == UInt8(ascii: ".") {
                suggestion = "Use a colon, not a full stop, between the hours and minutes."
            } else if time.minute == 0 {
                suggestion = "Leave out ':00' when a time is on the hour."
            } else {
                suggestion = "Write 'am' and 'pm' in lower case, straight after the number, with no space or full stops."
            }
            return ("Write '\(canonical)' instead of '\(written)'.", suggestion, canonical)
        case .hours:
            let canonical = time.canonical
            return ("Write '\(canonical)' instead of '\(written)'.", twentyFour, canonical)
        case .none:
            guard let minute = time.minute else { return nil }
            let isDot = time.separator == UInt8(ascii: ".")
            let ambiguous = (1...12).contains(time.hour) && !time.leadingZero
            // "7.50" without am or pm is as likely money as a time.
            if isDot && (!context || ambiguous) { return nil }
            if !ambiguous {
                let canonical = time.canonical
                return ("Write '\(canonical)' instead of '\(written)'.", twentyFour, canonical)
            }
            guard context else { return nil }
            let am = ClockTime.format(hour24: time.hour % 12, minute: minute)
            let pm = ClockTime.format(hour24: time.hour % 12 + 12, minute: minute)
            let choices = time.hour == 12 ? "'\(pm)' or '\(am)'" : "'\(am)' or '\(pm)'"
            return (
                "Write \(choices) instead of '\(written)'.",
                "Say whether the time is am or pm: GOV.UK style uses the 12-hour clock.", nil
            )
        }
    }

    /// "at 19.30", "until 09.00": a strict time word before, and no "each" or "per" after.
    func hasDotContext(_ block: ProseBlock, _ time: ClockTime, first: Int) -> Bool {
        let words = block.words
        guard first > 0, Self.dotContextBefore.contains(words[first - 1].lower) else { return false }
        let next = time.lastWord + 1
        if next < words.count, Self.notAfterDot.contains(words[next].lower) { return false }
        return true
    }

    /// A word such as "at", "from" or "until" next to the time, or another time joined to it.
    func hasContext(_ block: ProseBlock, _ time: ClockTime, first: Int, lastTime: Int) -> Bool {
        let words = block.words
        let next = time.lastWord + 1
        if next < words.count, Self.notTimeWords.contains(words[next].lower) { return false }
        if first > 0 {
            let previous = words[first - 1].lower
            if Self.notTimeWords.contains(previous) { return false }
            if Self.contextBefore.contains(previous) { return true }
            if lastTime == first - 2, Self.linkWords.contains(previous) { return true }
        }
        if next < words.count, NumberText.spaced(block, time.lastWord, next) {
            let following = words[next].lower
            if following == "onwards" || following == "o'clock" { return true }
            if Self.linkWords.contains(following), next + 1 < words.count,
                let other = ClockTime.parse(block, at: next + 1), other.minute != nil || other.hasMeridiem
            {
                return true
            }
        }
        return false
    }
}
