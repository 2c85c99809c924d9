import Diagnostics

/// Exclamation marks shout; council information should be calm and clear.
struct ExclamationMarkRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "exclamation", name: "Exclamation marks",
            summary: "Do not use exclamation marks.",
            source: "GOV.UK style guide: Exclamation marks",
            severity: .warning,
            passes: ["Book your place at the craft fair.", "The fair is free."],
            fails: ["Book your place today↓!", "Our new library is open↓! Come and see it."],
            fixable: true)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            for (offset, byte) in block.utf8.enumerated() where byte == UInt8(ascii: "!") {
                let endsSentence = offset + 1 >= block.utf8.count || block.utf8[offset + 1] == UInt8(ascii: " ")
                findings.append(
                    finding(
                        index, offset..<(offset + 1), in: document,
                        message: "Exclamation marks make text read as shouting or excitement.",
                        suggestion: "End the sentence with a full stop.",
                        replacement: endsSentence ? "." : nil))
            }
        }
    }
}
