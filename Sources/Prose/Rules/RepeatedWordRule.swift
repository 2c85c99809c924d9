import Diagnostics

/// A word written twice by mistake ("the the").
struct RepeatedWordRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "repeated-word", name: "Repeated words",
            summary: "Remove a word written twice by mistake.",
            source: "Proofreading",
            severity: .warning,
            passes: ["Put the bin out by 7am.", "We had had no reports.", "The bus stops 2 2 times? No: the bus stops twice."],
            fails: ["Put ↓the the bin out by 7am."],
            fixable: true)
    }

    /// Words that can correctly be doubled.
    static let allowed: Set<String> = ["had", "that", "is", "do", "bye", "no", "very", "so"]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let words = block.words
            for position in words.indices.dropLast() {
                let first = words[position], second = words[position + 1]
                guard first.lower == second.lower, first.text.first?.isLetter == true, !RepeatedWordRule.allowed.contains(first.lower) else { continue }
                // Only when separated by plain spaces, not punctuation.
                let gap = block.slice(first.range.upperBound..<second.range.lowerBound)
                guard !gap.isEmpty, gap.allSatisfy({ $0 == " " }) else { continue }
                let range = first.range.lowerBound..<second.range.upperBound
                findings.append(
                    finding(
                        index, range, in: document,
                        message: "'\(first.text)' is written twice.",
                        suggestion: "Remove one '\(first.text)'.", replacement: first.text))
            }
        }
    }
}
