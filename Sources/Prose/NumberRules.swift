extension RuleRegistry {
    /// Dates, times and numbers in GOV.UK style.
    static let numberRules: [any ProseRule] = [
        TimeFormatRule(),
        TimeRangeRule(),
        DateOrdinalRule(),
        NumericDateRule(),
        WeekdayMismatchRule(),
        NumberWordsRule(),
        NumberCommaRule(),
        NumberRangeRule(),
        SentenceStartNumberRule(),
    ]
}

/// Shared helpers for the date, time and number rules. They read a block's UTF-8 bytes
/// and words directly (no regular expressions), so they stay fast on large sites.
enum NumberText {
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    /// The value of a run of 1 to 9 ASCII digits, or nil.
    static func digitsValue(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - zero)
        }
        return value
    }

    static func isAllDigits(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// True when the word's first byte is an ASCII digit (a cheap first test).
    @inline(__always) static func startsWithDigit(_ word: Word, in block: ProseBlock) -> Bool {
        word.range.lowerBound < block.utf8.count && isDigit(block.utf8[word.range.lowerBound])
    }

    /// The block holds an ASCII digit: the date, time and number rules skip blocks without one.
    static func hasDigit(_ block: ProseBlock) -> Bool {
        block.utf8.withUnsafeBufferPointer { buffer in buffer.contains { $0 &- zero < 10 } }
    }

    /// The byte at a word's start is an ASCII digit.
    @inline(__always) static func digitAt(_ block: ProseBlock, _ offset: Int) -> Bool {
        offset < block.utf8.count && block.utf8[offset] &- zero < 10
    }

    // MARK: Gaps between words

    /// The bytes between the end of word `a` and the start of word `b`.
    static func gap(_ block: ProseBlock, _ a: Int, _ b: Int) -> ArraySlice<UInt8> {
        let start = block.words[a].range.upperBound, end = block.words[b].range.lowerBound
        return start <= end ? block.utf8[start..<end] : []
    }

    /// A space character starting at `index`, and its length in bytes: ASCII space, tab, newline,
    /// no-break space (C2 A0), thin space (E2 80 89), narrow no-break space (E2 80 AF), hair space (E2 80 8A).
    @inline(__always) static func spaceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0A { return 1 }
        if byte == 0xC2, index + 1 < bytes.endIndex, bytes[index + 1] == 0xA0 { return 2 }
        if byte == 0xE2, index + 2 < bytes.endIndex, bytes[index + 1] == 0x80 {
            let last = bytes[index + 2]
            if last == 0x89 || last == 0xAF || last == 0x8A { return 3 }
        }
        return 0
    }

    /// The gap with spaces (including non-breaking and thin spaces) removed from both ends.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end {
            let length = spaceLength(bytes, at: start)
            if length == 0 || start + length > end { break }
            start += length
        }
        while start < end {
            let last = bytes[end - 1]
            if last == 0x20 || last == 0x09 || last == 0x0A { end -= 1; continue }
            if end - start >= 2, bytes[end - 2] == 0xC2, last == 0xA0 { end -= 2; continue }
            if end - start >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, last == 0x89 || last == 0xAF || last == 0x8A {
                end -= 3; continue
            }
            break
        }
        return bytes[start..<end]
    }

    /// A code in capitals such as "CRN", "PO" or "KF1": two or more capital letters and no lower case.
    static func isCapitalCode(_ block: ProseBlock, _ word: Word) -> Bool {
        var letters = 0
        for byte in block.utf8[word.range] {
            if byte >= 0x41 && byte <= 0x5A { letters += 1 } else if !isDigit(byte) { return false }
        }
        return letters >= 2
    }

    /// Words `a` and `b` are separated only by spaces.
    static func spaced(_ block: ProseBlock, _ a: Int, _ b: Int) -> Bool {
        let between = gap(block, a, b)
        return !between.isEmpty && trimmed(between).isEmpty
    }

    enum Dash { case hyphen, enDash, emDash }

    /// The dash a gap holds, alone apart from spaces: "-", "‐", "–" or "—".
    static func dash(_ bytes: ArraySlice<UInt8>) -> Dash? {
        let core = trimmed(bytes)
        if core.count == 1, core.first == UInt8(ascii: "-") { return .hyphen }
        guard core.count == 3, core[core.startIndex] == 0xE2, core[core.startIndex + 1] == 0x80 else { return nil }
        switch core[core.startIndex + 2] {
        case 0x90, 0x91: return .hyphen  // ‐ ‑
        case 0x93: return .enDash  // –
        case 0x94: return .emDash  // —
        default: return nil
        }
    }

    /// Splits a word at its one hyphen ("10-11am", "500-900"), or nil when it has none or several.
    static func splitHyphen(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        var found: (Int, Int)?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "-") {
                if found != nil { return nil }
                found = (index, index + 1)
            } else if bytes[index] == 0xE2, index + 2 < bytes.endIndex, bytes[index + 1] == 0x80, bytes[index + 2] == 0x90 {
                if found != nil { return nil }
                found = (index, index + 3)
                index += 2
            }
            index += 1
        }
        guard let (start, end) = found, start > bytes.startIndex, end < bytes.endIndex else { return nil }
        return (bytes[bytes.startIndex..<start], bytes[end..<bytes.endIndex])
    }

    /// A currency sign written just before a byte position: "£", "$" or "€".
    static func currencyBefore(_ block: ProseBlock, _ position: Int) -> Bool {
        let utf8 = block.utf8
        if position >= 1, utf8[position - 1] == UInt8(ascii: "$") { return true }
        if position >= 2, utf8[position - 2] == 0xC2, utf8[position - 1] == 0xA3 { return true }
        if position >= 3, utf8[position - 3] == 0xE2, utf8[position - 2] == 0x82, utf8[position - 1] == 0xAC { return true }
        return false
    }

    /// The byte just before a position, or nil at the start.
    static func byteBefore(_ block: ProseBlock, _ position: Int) -> UInt8? {
        position > 0 ? block.utf8[position - 1] : nil
    }

    static func byteAt(_ block: ProseBlock, _ position: Int) -> UInt8? {
        position < block.utf8.count ? block.utf8[position] : nil
    }

    /// Word `index` is the first word of a sentence.
    static func isSentenceStart(_ block: ProseBlock, _ index: Int) -> Bool {
        block.sentences.contains { $0.words.lowerBound == index }
    }

    // MARK: Numbers

    /// 15000 → "15,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        guard value >= 1000 else { return digits }
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    static func grouped(digits: ArraySlice<UInt8>) -> String {
        var result = ""
        let count = digits.count
        for (offset, byte) in digits.enumerated() {
            if offset > 0, (count - offset) % 3 == 0 { result.append(",") }
            result.append(Character(Unicode.Scalar(byte)))
        }
        return result
    }

    /// Words before a number that make it a reference, code or phone number rather than a quantity.
    static let referenceWords: Set<String> = [
        "reference", "ref", "refs", "number", "numbers", "no", "nos", "code", "extension", "ext", "textphone", "phone",
        "telephone", "tel", "mobile", "fax", "minicom", "call", "ring", "dial", "text", "sms", "room", "flat", "unit",
        "account", "postcode", "pin", "id", "case", "invoice", "order", "licence", "license", "permit", "policy", "claim",
        "box", "route", "bus", "serial", "version", "v", "crime", "incident", "ticket", "registration", "plot", "site",
        "application", "form", "urn", "uprn", "crn", "nino", "house", "building", "block", "gate", "platform", "bay",
        "stand", "locker", "desk", "page", "pages", "section", "sections", "clause", "paragraph", "regulation", "rule",
        "chapter", "item", "line", "lines", "question", "appendix", "schedule", "part", "figure", "table", "ward",
        "quote", "quoting", "cheque", "payment", "sort", "iban", "vat", "charity", "company", "year", "model", "product",
        "extn", "tel.", "no.", "ref.", "pcn", "fpn",
    ]

    // MARK: Months and weekdays

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    static let fullMonths: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
    ]
    static let shortMonths: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    /// A word's ASCII letters packed into a number, 5 bits a letter, ignoring case: a cheap key
    /// for the small word tables below (no String hashing). Nil for other words or more than 12 letters.
    @inline(__always) static func key<Bytes: Sequence>(_ bytes: Bytes) -> UInt64? where Bytes.Element == UInt8 {
        var key: UInt64 = 0, count = 0
        for byte in bytes {
            let lower = byte | 0x20
            guard lower >= 0x61, lower <= 0x7A, count < 12 else { return nil }
            key = key << 5 | UInt64(lower - 0x60)
            count += 1
        }
        return count == 0 ? nil : key
    }

    /// A small fixed table from packed word keys to values, with a cheap multiplicative hash:
    /// looking a word up costs a few nanoseconds, which matters when every word of a site is checked.
    struct KeyTable<Value: Sendable>: Sendable {
        private var keys: [UInt64]
        private var values: [Value?]
        private let shift: UInt64

        init(_ entries: [(UInt64, Value)]) {
            var bits: UInt64 = 4
            while (1 << bits) < entries.count * 4 { bits += 1 }
            shift = 64 - bits
            keys = Array(repeating: 0, count: 1 << Int(bits))
            values = Array(repeating: nil, count: 1 << Int(bits))
            for (key, value) in entries {
                var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
                keys[slot] = key
                values[slot] = value
            }
        }

        @inline(__always) subscript(key: UInt64) -> Value? {
            var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & (keys.count - 1)
            }
        }
    }

    static func table<Value>(_ entries: [String: Value]) -> KeyTable<Value> {
        KeyTable(entries.compactMap { word, value in key(word.utf8).map { ($0, value) } })
    }

    static let monthTable = table(
        fullMonths.mapValues { (month: $0, short: false) }
            .merging(shortMonths.mapValues { (month: $0, short: true) }) { full, _ in full })
    static let weekdayTable = table(
        fullWeekdays.mapValues { (day: $0, short: false) }
            .merging(shortWeekdays.mapValues { (day: $0, short: true) }) { full, _ in full })

    @inline(__always) static func isCapital(_ word: Word) -> Bool {
        guard let first = word.text.utf8.first else { return false }
        return first >= 0x41 && first <= 0x5A
    }

    /// The month a word names (1 to 12). "May", "March" and short forms ("Jan") must have a capital,
    /// so that "may" the verb and "march" the walk are not months.
    static func month(_ word: Word) -> Int? {
        let length = word.range.count
        guard length >= 3, length <= 9, let key = key(word.text.utf8), let found = monthTable[key] else { return nil }
        if found.short || found.month == 3 || found.month == 5 { return isCapital(word) ? found.month : nil }
        return found.month
    }

    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let fullWeekdays: [String: Int] = [
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    ]
    static let shortWeekdays: [String: Int] = [
        "sun": 0, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "weds": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6,
    ]

    /// The weekday a word names (0 = Sunday). Short forms must have a capital ("Tue").
    static func weekday(_ word: Word) -> Int? {
        let length = word.range.count
        guard length >= 3, length <= 9, let key = key(word.text.utf8), let found = weekdayTable[key] else { return nil }
        if found.short { return isCapital(word) ? found.day : nil }
        return found.day
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isValidDate(day: Int, month: Int, year: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// The day of the week of a Gregorian date, 0 = Sunday (Sakamoto's method).
    static func dayOfWeek(day: Int, month: Int, year: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// A day of the month written as an ordinal: "4th", "1st", "22nd" (1 to 31; any of st, nd, rd, th).
    static func ordinalDay(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= 3, bytes.count <= 4 else { return nil }
        let digits = bytes.prefix { isDigit($0) }
        guard digits.count == bytes.count - 2, let value = digitsValue(digits), (1...31).contains(value) else { return nil }
        let a = bytes[bytes.endIndex - 2] | 0x20, b = bytes[bytes.endIndex - 1] | 0x20
        switch (a, b) {
        case (UInt8(ascii: "s"), UInt8(ascii: "t")), (UInt8(ascii: "n"), UInt8(ascii: "d")),
            (UInt8(ascii: "r"), UInt8(ascii: "d")), (UInt8(ascii: "t"), UInt8(ascii: "h")):
            return value
        default:
            return nil
        }
    }

    /// A day of the month as plain digits or an ordinal (1 to 31).
    static func day(_ bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.count <= 2, let value = digitsValue(bytes), (1...31).contains(value) { return value }
        return ordinalDay(bytes)
    }
}
