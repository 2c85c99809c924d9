import Diagnostics

/// "and/or" makes the reader decide what the writer meant.
struct AndOrRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "and-or", name: "And/or",
            summary: "Do not write 'and/or': say 'or' or 'and', or write 'A, B or both'.",
            source: "GOV.UK style guide: A to Z (and/or)",
            severity: .warning,
            passes: ["You can pay by card or Direct Debit.", "You can pay by card, Direct Debit or both."],
            fails: ["You can pay by card ↓and/or Direct Debit."])
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let words = block.words
            for position in words.indices.dropLast() where words[position].lower == "and" && words[position + 1].lower == "or" {
                let range = words[position].range.lowerBound..<words[position + 1].range.upperBound
                guard block.slice(range).lowercased() == "and/or" else { continue }
                findings.append(
                    finding(
                        index, range, in: document,
                        message: "'and/or' is unclear.",
                        suggestion: "Write 'or', 'and', or 'A, B or both'."))
            }
        }
    }
}
