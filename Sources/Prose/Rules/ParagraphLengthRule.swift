import Diagnostics

/// Short paragraphs are easier to scan, especially on small screens.
struct ParagraphLengthRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "paragraph-length", name: "Paragraph length",
            summary: "Keep paragraphs to 5 sentences or fewer (configurable).",
            source: "GOV.UK style guide: Writing for GOV.UK (short paragraphs)",
            severity: .suggestion,
            passes: ["We empty bins every week. Put your bin out by 7am. Bring it in the same day."],
            fails: [
                "↓We empty bins every week. Put your bin out by 7am. Bring it in the same day. Do not overfill it. Keep the lid shut. Tell us if it breaks."
            ])
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() where block.kind == .paragraph {
            let count = block.sentences.count
            guard count > settings.paragraphSentenceLimit, let first = block.sentences.first else { continue }
            findings.append(
                finding(
                    index, first.range.lowerBound..<first.range.upperBound, in: document,
                    message: "This paragraph has \(count) sentences.",
                    suggestion: "Break it into paragraphs of \(settings.paragraphSentenceLimit) sentences or fewer, or use a list."))
        }
    }
}
