import Diagnostics

/// Headings are labels, not sentences.
struct HeadingFullStopRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "headings/full-stop", name: "No full stop after a heading",
            summary: "Do not end a heading with a full stop.",
            source: "GOV.UK style guide: Headings",
            severity: .warning,
            passes: ["## Report a missed bin", "## Opening times etc"],
            fails: ["## Report a missed bin↓."],
            fixable: true)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() where block.isHeading || block.kind == .title {
            var end = block.utf8.count
            while end > 0, block.utf8[end - 1] == UInt8(ascii: " ") { end -= 1 }
            guard end > 1, block.utf8[end - 1] == UInt8(ascii: "."), block.utf8[end - 2] != UInt8(ascii: ".") else { continue }
            // A heading that ends in an abbreviation such as "etc." is the Latin rule's business.
            if let last = block.words.last, last.range.upperBound == end { continue }
            findings.append(
                finding(
                    index, (end - 1)..<end, in: document,
                    message: "This heading ends with a full stop.",
                    suggestion: "Remove the full stop.", replacement: ""))
        }
    }
}
