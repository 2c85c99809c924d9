import Diagnostics

/// "Click here" and "read more here" in running text: the words that should be the link
/// are missing, and "click" assumes a mouse.
struct ClickHereRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "link-text/click-here", name: "'Click here' and 'here' instead of a described link",
            summary: "Do not write 'click here', 'follow this link' or 'find out more here': make the words that describe the page the link.",
            source: "GOV.UK style guide: Links ('click'); WCAG 2.2 success criterion 2.4.4 Link Purpose (In Context)",
            severity: .warning,
            passes: [
                "Read the [guidance on bonfires](/bonfires/).",
                "Parking here is free after 6pm.",
                "We are here to help you.",
                "Click and collect is available at the library.",
                "Click [here](/pay/) to pay.",
            ],
            fails: [
                "↓Click here to pay your council tax.",
                "To apply for a permit, ↓follow this link.",
                "You can report a missed bin ↓here.",
                "Read more ↓here about parking charges.",
            ])
    }

    static let linkVerbs: Set<String> = [
        "read", "see", "find", "more", "information", "details", "report", "apply", "pay",
        "available", "download", "view", "book", "register", "sign", "visit", "check", "look",
    ]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let words = block.words
            // Words that are already link text are the vague-link rule's business.
            let linked = { (word: Word) in block.source.links.contains { $0.range.contains(word.range.lowerBound) } }
            for sentence in block.sentences {
                let range = sentence.words
                for position in range {
                    // Only "click", "tap", "follow" and "here" start a finding: their first byte is
                    // tested in the block's text (lowered) before the word is copied.
                    let initial = block.utf8[words[position].range.lowerBound] | 0x20
                    guard
                        initial == UInt8(ascii: "c") || initial == UInt8(ascii: "t") || initial == UInt8(ascii: "f")
                            || initial == UInt8(ascii: "h")
                    else { continue }
                    let word = words[position]
                    // (A linked word is skipped below, where `words[position..<(position + length)]`
                    // includes it: testing the links only for the few candidate words.)
                    let next = position + 1 < range.upperBound ? words[position + 1].lower : ""
                    let nextTwo = position + 2 < range.upperBound ? words[position + 2].lower : ""
                    var length = 0
                    if (word.lower == "click" || word.lower == "tap") && (next == "here" || next == "this" || next == "on" || next == "the") {
                        length = next == "here" ? 2 : 1
                    } else if word.lower == "follow", next == "this" || next == "the", nextTwo == "link" {
                        length = 3
                    } else if word.lower == "here" {
                        let isLast = position == range.upperBound - 1 || ["about", "for", "to"].contains(next)
                        let sentenceWords = Set(words[range].map(\.lower))
                        if isLast, !sentenceWords.isDisjoint(with: ClickHereRule.linkVerbs), position > range.lowerBound,
                            !["are", "is", "live", "work", "be", "stay", "come", "from", "near", "out"].contains(words[position - 1].lower)
                        {
                            length = 1
                        }
                    }
                    guard length > 0, !words[position..<(position + length)].contains(where: linked),
                        !(position + 1 < words.count && linked(words[position + 1]))
                    else { continue }
                    let end = words[position + length - 1].range.upperBound
                    let text = block.slice(word.range.lowerBound..<end)
                    findings.append(
                        finding(
                            index, word.range.lowerBound..<end, in: document,
                            message: "'\(text)' does not tell people where the link goes.",
                            suggestion: "Make the words that describe the page into the link, for example 'you can [report a missed bin](…)'."))
                    break
                }
            }
        }
    }
}
