import Diagnostics

/// Number ranges with "to": "500 to 900", "2025 to 2026", not "500-900" or "2025-26".
public struct NumberRangeRule: ProseRule {
    public init() {}

    public var description: RuleDescription {
        RuleDescription(
            id: "numbers/range",
            name: "Number ranges",
            summary:
                "Write number ranges with 'to' ('500 to 900', '£30 to £60'), and years in full ('2025 to 2026', not '2025-26' or '2025/26'). Dates ('2026-11-25'), phone and reference numbers, scores, '24-hour' and '3-bedroom' are left alone.",
            source: "GOV.UK style guide: Numbers",
            severity: .warning,
            passes: [
                "Rents are £500 to £900 a month.",
                "The budget for 2025 to 2026 is published.",
                "The report was published on 2026-11-25.",
                "Call 0300-123-4567 for the 24-hour helpline about 3-bedroom homes.",
                "Our team won 3-1 on Saturday. Quote ref 123-456 when you call.",
            ],
            fails: [
                "Rents are usually ↓500-900 pounds a month.",
                "Tickets cost £↓30-£60 for groups of ↓10–20 people.",
                "Read the budget for ↓2025-26 and the plan for ↓2024/25.",
                "Children aged ↓5 - 11 can join. Allow between ↓2-3 weeks.",
            ],
            fixable: true)
    }

    static let scoreWords: Set<String> = ["won", "lost", "drew", "beat", "beaten", "score", "scored", "defeat", "victory", "win", "draw", "lead"]

    struct Side {
        var text: String
        var value: Double
        var integer: Int?
        var digits: Int
        var leadingZero: Bool
    }

    /// "500", "1,250", "7.50" — a number with optional commas and decimals.
    static func side(_ bytes: ArraySlice<UInt8>) -> Side? {
        guard let first = bytes.first, let last = bytes.last, NumberText.isDigit(first), NumberText.isDigit(last),
            bytes.count <= 15
        else { return nil }
        var value = 0.0, scale = 0.0, dots = 0, digits = 0
        for byte in bytes {
            if NumberText.isDigit(byte) {
                digits += 1
                if scale > 0 { value += Double(byte - NumberText.zero) * scale; scale /= 10 } else { value = value * 10 + Double(byte - NumberText.zero) }
            } else if byte == UInt8(ascii: "."), dots == 0 {
                dots = 1; scale = 0.1
            } else if byte != UInt8(ascii: ",") || scale > 0 {
                return nil
            }
        }
        let integer = dots == 0 && digits == bytes.count ? Int(value) : nil
        return Side(
            text: String(decoding: bytes, as: UTF8.self), value: value, integer: integer, digits: digits,
            leadingZero: first == NumberText.zero && bytes.count > 1 && bytes[bytes.startIndex + 1] != UInt8(ascii: "."))
    }

    /// A whole number of 1,000 or more gets its commas, as numbers/comma asks ("10000" → "10,000"); years stay as they are.
    static func withCommas(_ side: Side) -> String {
        guard let value = side.integer, !side.leadingZero, side.digits >= 5 || (side.digits == 4 && value > 2199) else { return side.text }
        return NumberText.grouped(value)
    }

    /// "2025-26" → "2025 to 2026"; "2024/25" too.
    static func years(_ left: Side, _ right: Side) -> (Int, Int)? {
        guard let from = left.integer, left.digits == 4, (1900...2199).contains(from), let short = right.integer else { return nil }
        let to: Int
        if right.digits == 2 {
            to = from - from % 100 + short + (short <= from % 100 ? 100 : 0)
        } else if right.digits == 4 {
            to = short
        } else {
            return nil
        }
        return to > from && to - from <= 10 ? (from, to) : nil
    }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() where NumberText.hasDigit(block) {
            let words = block.words
            var index = 0
            while index < words.count {
                guard NumberText.digitAt(block, words[index].range.lowerBound) else { index += 1; continue }
                let word = words[index]
                let bytes = block.utf8[word.range]
                var left: Side, right: Side, last = index, currency = ""
                var slash = false
                if let (l, r) = NumberText.splitHyphen(bytes) {
                    guard let a = Self.side(l), let b = Self.side(r) else { index += 1; continue }
                    left = a; right = b
                } else if let a = Self.side(bytes), index + 1 < words.count {
                    let between = NumberText.gap(block, index, index + 1)
                    var core = NumberText.trimmed(between)
                    if core.count >= 2, core[core.endIndex - 2] == 0xC2, core[core.endIndex - 1] == 0xA3 {
                        currency = "£"; core = NumberText.trimmed(core.dropLast(2))
                    } else if core.count >= 3, core[core.endIndex - 3] == 0xE2, core[core.endIndex - 2] == 0x82, core[core.endIndex - 1] == 0xAC {
                        currency = "€"; core = NumberText.trimmed(core.dropLast(3))
                    } else if core.last == UInt8(ascii: "$") {
                        currency = "$"; core = NumberText.trimmed(core.dropLast())
                    }
                    slash = core.count == 1 && core.first == UInt8(ascii: "/") && between.count == 1
                    guard let dash = NumberText.dash(core) ?? (slash ? .hyphen : nil),
                        !(dash == .emDash && between.count > 3),
                        let b = Self.side(block.utf8[words[index + 1].range])
                    else { index += 1; continue }
                    left = a; right = b; last = index + 1
                } else {
                    index += 1; continue
                }
                let years = Self.years(left, right)
                // "2024/25" is a financial or academic year; other pairs with a slash are fractions or codes.
                if slash, years.map({ $0.1 != $0.0 + 1 }) ?? true { index += 1; continue }
                if years == nil, left.leadingZero || right.leadingZero || left.value >= right.value { index += 1; continue }
                if isExcluded(block, index, last) { index = last + 1; continue }
                let range = word.range.lowerBound..<words[last].range.upperBound
                let joiner = index > 0 && words[index - 1].lower == "between" ? "and" : "to"
                let fixed =
                    years.map { "\($0.0) \(joiner) \($0.1)" }
                    ?? "\(Self.withCommas(left)) \(joiner) \(currency)\(Self.withCommas(right))"
                let written = block.slice(range)
                findings.append(
                    finding(
                        blockIndex, range, in: document,
                        message: "Write '\(fixed)' instead of '\(written)'.",
                        suggestion: years != nil
                            ? "Write both years in full with 'to', so the range is clear to everyone and to screen readers."
                            : "Use 'to' in number ranges, not a hyphen or dash.",
                        replacement: fixed))
                index = last + 1
            }
        }
    }

    /// Reference and phone numbers, scores, and numbers inside addresses or code.
    func isExcluded(_ block: ProseBlock, _ first: Int, _ last: Int) -> Bool {
        let words = block.words
        if let before = NumberText.byteBefore(block, words[first].range.lowerBound), "/#_+.-".utf8.contains(before) { return true }
        if let after = NumberText.byteAt(block, words[last].range.upperBound), "/_-".utf8.contains(after) { return true }
        if first > 0 {
            let previous = words[first - 1]
            if NumberText.referenceWords.contains(previous.lower) || Self.scoreWords.contains(previous.lower) || NumberText.isCapitalCode(block, previous) {
                return true
            }
            if NumberText.spaced(block, first - 1, first), NumberText.isAllDigits(block.utf8[previous.range]) { return true }
        }
        if last + 1 < words.count {
            let next = words[last + 1]
            if Self.scoreWords.contains(next.lower) { return true }
            if NumberText.spaced(block, last, last + 1), NumberText.isAllDigits(block.utf8[next.range]) { return true }
        }
        return false
    }
}
