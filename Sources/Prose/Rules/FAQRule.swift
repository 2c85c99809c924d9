import Diagnostics

/// FAQs repeat content, are hard to search and put the questions in the council's words.
struct FAQRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "headings/faq", name: "No FAQ sections",
            summary: "Do not write frequently asked questions: put the answers where people need them, under clear headings.",
            source: "GOV.UK style guide: FAQs",
            severity: .warning,
            passes: ["## Questions about your bill\n\nCall us if you have questions about your bill.", "## Ask a question"],
            fails: ["## ↓Frequently asked questions", "## ↓FAQs", "## Parking ↓FAQ"])
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() where block.isHeading {
            let words = block.words.map(\.lower)
            for position in words.indices {
                var length = 0
                if words[position] == "faq" || words[position] == "faqs" {
                    length = 1
                } else if position + 2 < words.count, words[position] == "frequently", words[position + 1] == "asked",
                    words[position + 2].hasPrefix("question")
                {
                    length = 3
                } else if position + 2 < words.count, words[position].hasPrefix("question"), words[position + 1] == "and",
                    words[position + 2].hasPrefix("answer")
                {
                    length = 3
                }
                guard length > 0 else { continue }
                let range = block.words[position].range.lowerBound..<block.words[position + length - 1].range.upperBound
                findings.append(
                    finding(
                        index, range, in: document,
                        message: "'\(block.slice(range))' starts an FAQ section.",
                        suggestion: "Put each answer in the part of the page where people need it, under a heading that says what it covers."))
                break
            }
        }
    }
}
