import Diagnostics

/// Words in capitals are harder to read and read as shouting.
struct CapitalsRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "capitals", name: "Words in capitals",
            summary: "Do not write words in capitals for emphasis: capitals are harder to read and read as shouting.",
            source: "GOV.UK style guide: Capitals",
            severity: .warning,
            passes: [
                "You must book before you visit.",
                "Call the NHS on 111 if it is not an emergency.",
                "Our postcode is KF1 1AA.",
            ],
            fails: [
                "You ↓MUST book before you visit.",
                "Parking is ↓FREE after 6pm.",
                "↓IMPORTANT: the tip is closed on Monday.",
            ])
    }

    /// Short words that are ordinary English, so in capitals they are emphasis, not an acronym.
    static let englishWords: Set<String> = [
        "all", "and", "any", "are", "but", "can", "for", "get", "has", "how", "may", "new", "no", "not", "now", "off",
        "one", "our", "out", "see", "the", "too", "two", "use", "who", "why", "yes", "you", "do", "go", "if", "is", "it",
        "me", "my", "on", "or", "so", "to", "up", "us", "we", "at", "be", "by", "in", "of", "an", "as", "am", "he",
    ]

    /// A word in capitals counts as shouting when it is long (4+ letters) and not a known acronym,
    /// or short and an ordinary English word.
    static func isShouting(_ word: Word, known: Set<String>) -> Bool {
        guard word.isAllCaps, !word.text.contains(where: \.isNumber), !word.text.contains(".") else { return false }
        if KnownAcronyms.all.contains(word.text) || known.contains(word.text) { return false }
        let letters = word.text.filter(\.isLetter).count
        return letters >= 4 ? !looksLikeAcronym(word.text) : englishWords.contains(word.lower)
    }

    /// Long capitalised strings with no vowel ("HMRC", "DVSA") are acronyms, not words.
    static func looksLikeAcronym(_ text: String) -> Bool {
        !text.contains { "AEIOU".contains($0) } || text.count <= 4 && !commonFourLetterWords.contains(text.lowercased())
    }

    static let commonFourLetterWords: Set<String> = [
        "free", "must", "only", "read", "note", "stop", "open", "shut", "keep", "book", "call", "help", "more", "will",
        "here", "this", "that", "your", "good", "best", "safe", "sale", "news", "time", "date", "cost", "paid", "full",
        "done", "dont", "wont", "cant", "each", "both", "none", "show", "live", "lost", "fire", "park", "walk", "food",
    ]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            // A heading or cell written wholly in capitals is one finding, not one per word.
            for word in block.words where CapitalsRule.isShouting(word, known: settings.knownAcronyms) {
                findings.append(
                    finding(
                        index, word.range, in: document,
                        message: "'\(word.text)' is in capitals.",
                        suggestion: "Write '\(word.lower)' in lower case. Use bold sparingly if you must stress it."))
            }
        }
    }
}
