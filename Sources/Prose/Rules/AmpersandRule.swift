import Diagnostics

/// "and" is easier to read than "&" and reads aloud correctly.
struct AmpersandRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "ampersand", name: "Ampersands",
            summary: "Write 'and', not '&', unless it is part of a name such as 'M&S'.",
            source: "GOV.UK style guide: Ampersands",
            severity: .warning,
            passes: ["Bins and recycling", "Buy your lunch at M&S in the square."],
            fails: ["Bins ↓& recycling", "Parking ↓& permits are on this page."],
            fixable: true)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let bytes = block.utf8
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "&") {
                let before = offset > 0 ? bytes[offset - 1] : UInt8(ascii: " ")
                let after = offset + 1 < bytes.count ? bytes[offset + 1] : UInt8(ascii: " ")
                // "M&S", "A&E", "P&O": part of a name.
                if before != UInt8(ascii: " ") && after != UInt8(ascii: " ") { continue }
                findings.append(
                    finding(
                        index, offset..<(offset + 1), in: document,
                        message: "Write 'and' instead of '&'.",
                        suggestion: "Use '&' only when it is part of a name, such as 'M&S'.",
                        replacement: "and"))
            }
        }
    }
}
