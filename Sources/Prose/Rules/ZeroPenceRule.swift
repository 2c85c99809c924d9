import Diagnostics

/// "£75.00" adds digits that mean nothing.
struct ZeroPenceRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "numbers/zero-pence", name: "No '.00' on whole pounds",
            summary: "Write '£75', not '£75.00'. Keep pence when there are some: '£7.50'.",
            source: "GOV.UK style guide: Money",
            severity: .warning,
            passes: ["The fine is £70.", "A bag costs £7.50."],
            fails: ["The fine is £↓70.00 if you pay late.", "Prices start at £↓1,250.00."],
            fixable: true)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            // (A word ending ".00" ends with the byte "0": test that and the number flag first.)
            for word in block.words where word.isNumber && block.utf8[word.range.upperBound - 1] == UInt8(ascii: "0") && word.text.hasSuffix(".00") {
                let start = word.range.lowerBound
                // Only money: "£" just before.
                guard start >= 2, block.utf8[start - 2] == 0xC2, block.utf8[start - 1] == 0xA3 else { continue }
                let whole = String(word.text.dropLast(3))
                findings.append(
                    finding(
                        index, word.range, in: document,
                        message: "Write '£\(whole)' instead of '£\(word.text)'.",
                        suggestion: "Leave out '.00' on whole pounds.", replacement: whole))
            }
        }
    }
}
