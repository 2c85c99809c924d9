import Diagnostics

/// An acronym means nothing to someone who has not met it: spell it out the first time.
struct AcronymRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "acronyms/expand", name: "Acronyms spelled out on first use",
            summary: "Spell out an acronym the first time a page uses it, then give the acronym in brackets, unless it is well known (NHS, UK).",
            source: "GOV.UK style guide: Abbreviations and acronyms",
            severity: .warning,
            passes: [
                "You may get a penalty charge notice (PCN). Pay your PCN within 14 days.",
                "Contact the NHS or your GP.",
                "The Environment Agency (EA) regulates waste carriers.",
                "Ask for a PCN (penalty charge notice) review.",
                "*[HMO]: house in multiple occupation\n\nLicence your HMO.",
            ],
            fails: [
                "You can appeal a ↓PCN within 28 days.",
                "Check the ↓EPC before you rent. A penalty charge notice (PCN) is separate.",
            ])
    }

    static func isAcronym(_ word: Word, known: Set<String>) -> Bool {
        guard word.isAllCaps, !word.text.contains(where: \.isNumber), !word.text.contains(".") else { return false }
        if KnownAcronyms.all.contains(word.text) || known.contains(word.text) { return false }
        let letters = word.text.filter(\.isLetter).count
        guard letters >= 2 && letters <= 6 else { return false }
        // Ordinary words in capitals are the capitals rule's business.
        return !CapitalsRule.isShouting(word, known: known)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        var seen: Set<String> = []
        for (index, block) in document.blocks.enumerated() {
            for (position, word) in block.words.enumerated() where AcronymRule.isAcronym(word, known: settings.knownAcronyms) {
                guard !seen.contains(word.text) else { continue }
                seen.insert(word.text)
                if isExpanded(block, word: word, position: position) { continue }
                findings.append(
                    finding(
                        index, word.range, in: document,
                        message: "'\(word.text)' is not spelled out the first time it is used.",
                        suggestion: "Write the words in full, then the acronym in brackets, for example 'penalty charge notice (\(word.text))'."))
            }
        }
    }

    /// "words (ABC)" or "ABC (words)".
    func isExpanded(_ block: ProseBlock, word: Word, position: Int) -> Bool {
        let bytes = block.utf8
        let before = word.range.lowerBound > 0 ? bytes[word.range.lowerBound - 1] : 0
        let after = word.range.upperBound < bytes.count ? bytes[word.range.upperBound] : 0
        if before == UInt8(ascii: "("), after == UInt8(ascii: ")"), position >= 2 { return true }
        // An abbreviation definition: "*[PCN]: penalty charge notice".
        if before == UInt8(ascii: "["), word.range.lowerBound >= 2, bytes[word.range.lowerBound - 2] == UInt8(ascii: "*"), after == UInt8(ascii: "]") {
            return true
        }
        var next = word.range.upperBound
        while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
        return next < bytes.count && bytes[next] == UInt8(ascii: "(") && position + 2 < block.words.count
    }
}
