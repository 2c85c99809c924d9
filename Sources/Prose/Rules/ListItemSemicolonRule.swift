import Diagnostics

/// Bullets introduced by a lead-in line end with no punctuation.
struct ListItemSemicolonRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "lists/semicolon", name: "No semicolons at the end of bullets",
            summary: "Do not end bullet points with semicolons, or with 'and' or 'or'.",
            source: "GOV.UK style guide: Bullet points and steps",
            severity: .warning,
            passes: ["You need:\n\n- your name\n- your address\n"],
            fails: ["You need:\n\n- your name↓;\n- your address\n", "You need:\n\n- your name↓; and\n- your address\n"],
            fixable: true)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() where block.kind == .listItem {
            var end = block.utf8.count
            while end > 0, block.utf8[end - 1] == UInt8(ascii: " ") { end -= 1 }
            var text = block.slice(0..<end)
            var trailing = ""
            for conjunction in ["; and", "; or", ";"] where text.hasSuffix(conjunction) {
                trailing = conjunction
                break
            }
            guard !trailing.isEmpty else { continue }
            let start = end - trailing.utf8.count
            text = String(text.dropLast(trailing.count))
            findings.append(
                finding(
                    index, start..<end, in: document,
                    message: "This bullet ends with '\(trailing)'.",
                    suggestion: "Remove the punctuation at the end of the bullet.", replacement: ""))
        }
    }
}
