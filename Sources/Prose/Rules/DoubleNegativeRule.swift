import Diagnostics

/// Two negatives make the reader work out a positive: say the positive.
struct DoubleNegativeRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "double-negative", name: "Double negatives",
            summary: "Say what is true in positive words: 'likely', not 'not unlikely'.",
            source: "Plain English Campaign: How to write in plain English (avoid double negatives)",
            severity: .warning,
            passes: ["It is likely that the road will close.", "Do not leave bags beside the bin.", "Do not park without a permit."],
            fails: [
                "It is ↓not unlikely that the road will close.", "Delays are ↓not uncommon in winter.", "You ↓cannot not pay council tax.",
                "You will ↓not find it impossible to book.", "We do ↓not disagree with the report.",
            ])
    }

    /// Negative adjectives that are hard to read after "not".
    static let negatives: Set<String> = [
        "unlikely", "uncommon", "unreasonable", "unimportant", "insignificant", "impossible", "inconsiderable",
        "unhelpful", "unknown", "unusual", "infrequent", "inconsistent", "unacceptable", "unaware", "unable",
        "illegal", "invalid", "ineligible", "unnecessary", "without", "disagree", "dispute", "deny",
    ]
    /// Negative words that make a double negative even a few words after "not"
    /// ("without" is left out: "do not park without a permit" is a plain instruction).
    static let windowed: Set<String> = [
        "unlikely", "uncommon", "unreasonable", "impossible", "unusual", "unacceptable", "unnecessary", "disagree",
        "inconsistent", "unhelpful", "insignificant",
    ]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let words = block.words
            for position in words.indices.dropLast() {
                // A double negative starts with "not", "isn't", "aren't", "never", "cannot", "can't" or
                // "no": test the first byte before comparing strings.
                let initial = words[position].lower.utf8.first ?? 0
                guard
                    initial == UInt8(ascii: "n") || initial == UInt8(ascii: "i") || initial == UInt8(ascii: "a")
                        || initial == UInt8(ascii: "c")
                else { continue }
                let first = words[position].lower, second = words[position + 1].lower
                let isNot = first == "not" || first == "isn't" || first == "aren't" || first == "never"
                // "not … impossible" with up to 2 words between ("will not find it impossible").
                var end = position + 1
                if isNot, !DoubleNegativeRule.negatives.contains(second) {
                    for gap in 2...3 where position + gap < words.count && DoubleNegativeRule.windowed.contains(words[position + gap].lower) {
                        end = position + gap
                        break
                    }
                }
                let isDouble =
                    (isNot && DoubleNegativeRule.negatives.contains(second) && !(second == "unusual" && position + 2 >= words.count))
                    || end > position + 1
                    || ((first == "cannot" || first == "can't") && second == "not")
                    || (first == "no" && position + 2 < words.count && ["nothing", "nobody", "none"].contains(second))
                guard isDouble else { continue }
                let range = words[position].range.lowerBound..<words[end].range.upperBound
                findings.append(
                    finding(
                        index, range, in: document,
                        message: "'\(block.slice(range))' is a double negative.",
                        suggestion: "Say it positively, for example 'likely' instead of 'not unlikely'."))
            }
        }
    }
}
