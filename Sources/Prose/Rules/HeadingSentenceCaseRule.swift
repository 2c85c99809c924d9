import Diagnostics

/// Sentence case is easier to read than Title Case.
struct HeadingSentenceCaseRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "headings/sentence-case", name: "Headings in sentence case",
            summary: "Write headings in sentence case: a capital for the first word and for names only.",
            source: "GOV.UK style guide: Capitals (headings)",
            severity: .warning,
            passes: [
                "## Report a missed bin",
                "## Visit Kestrelford Town Hall\n\nKestrelford Town Hall is on Market Square.",
                "## Pay by Direct Debit\n\nSet up a Direct Debit online.",
                "## Christmas and New Year",
            ],
            fails: ["## ↓Report A Missed Bin", "## ↓How To Apply For A Permit", "## ↓Bin Collections Over New Year"])
    }

    static let smallWords: Set<String> = ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "if"]
    static let alwaysCapitalised: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "i", "christmas",
        "easter", "english", "welsh", "british", "england", "wales", "scotland", "ireland", "london",
    ]

    static let twoWordNames: Set<String> = [
        "new year", "good friday", "boxing day", "christmas day", "christmas eve", "easter monday", "easter sunday",
        "new year's", "remembrance sunday", "mothers day", "fathers day", "valentine's day",
    ]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        // A heading is only reported with at least 2 capitalised words after its first (names only
        // take words away): most pages have none, and need no list of names.
        let mayReport = document.blocks.contains { block in
            guard block.isHeading || block.kind == .title else { return false }
            var capitalised = 0
            for word in block.words.dropFirst() where word.isCapitalised && !word.isAllCaps && !word.isNumber && word.text.first?.isLetter == true {
                capitalised += 1
                if capitalised >= 2 { return true }
            }
            return false
        }
        guard mayReport else { return }
        // Words written with a capital inside body sentences are names: allowed in headings too.
        var names: Set<String> = []
        for block in document.blocks where !block.isHeading && block.kind != .title {
            for sentence in block.sentences {
                for position in sentence.words.dropFirst() where block.words[position].isCapitalised {
                    names.insert(block.words[position].lower)
                }
            }
        }
        for (index, block) in document.blocks.enumerated() where block.isHeading || block.kind == .title {
            var names = names
            // Two-word names of days: "New Year", "Good Friday", "Boxing Day".
            for (first, second) in zip(block.words, block.words.dropFirst())
            where first.isCapitalised && second.isCapitalised
                && HeadingSentenceCaseRule.twoWordNames.contains(first.lower + " " + second.lower)
            {
                names.insert(first.lower)
                names.insert(second.lower)
            }
            let words = block.words.dropFirst().filter { !$0.isAllCaps && !$0.isNumber && $0.text.first?.isLetter == true }
            let capitalised = words.filter { $0.isCapitalised && !names.contains($0.lower) && !HeadingSentenceCaseRule.alwaysCapitalised.contains($0.lower) }
            let candidates = words.filter {
                !HeadingSentenceCaseRule.smallWords.contains($0.lower) && !names.contains($0.lower)
                    && !HeadingSentenceCaseRule.alwaysCapitalised.contains($0.lower)
            }
            guard capitalised.count >= 2, capitalised.count * 2 > candidates.count, let first = block.words.first else { continue }
            let range = first.range.lowerBound..<block.words[block.words.count - 1].range.upperBound
            var sentenceCase = first.text
            for word in block.words.dropFirst() {
                let keep = word.isAllCaps || names.contains(word.lower) || HeadingSentenceCaseRule.alwaysCapitalised.contains(word.lower)
                sentenceCase += " " + (keep ? word.text : word.lower)
            }
            findings.append(
                finding(
                    index, range, in: document,
                    message: "This heading is in Title Case.",
                    suggestion: "Use sentence case: '\(sentenceCase)'."))
        }
    }
}
