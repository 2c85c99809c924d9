import Diagnostics

/// Passive sentences hide who does what ("Your bin will be collected"). Say who acts.
struct PassiveVoiceRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "passive-voice", name: "Passive voice",
            summary: "Use the active voice: say who does what ('we will collect your bin', not 'your bin will be collected').",
            source: "GOV.UK style guide: Active voice; Plain English Campaign: How to write in plain English",
            severity: .suggestion,
            passes: [
                "We will collect your bin on Monday.",
                "The office is closed on bank holidays.",
                "You are allowed 2 visitor permits.",
                "Our libraries are based in the city centre.",
                "We are interested in your views.",
            ],
            fails: [
                "Your application ↓will be assessed by a planning officer.",
                "Payments ↓must be made by 1 April.",
                "↓It is recommended that you book early.",
                "The bins ↓were not emptied because of snow.",
                "Your permit ↓has been sent to your address.",
            ])
    }

    static let beForms: Set<String> = ["am", "is", "are", "was", "were", "be", "been", "being", "is't", "isn't", "aren't", "wasn't", "weren't"]
    /// Words that may stand between the verb "to be" and the participle.
    static let adverbs: Set<String> = [
        "not", "also", "then", "usually", "often", "now", "only", "already", "always", "never", "normally", "still", "generally", "automatically", "fully",
        "regularly", "currently", "sometimes", "all", "both", "each",
    ]
    /// Participles that usually describe a state (adjectives) rather than an action.
    static let stative: Set<String> = [
        "closed", "based", "located", "situated", "interested", "married", "pleased", "worried", "concerned", "involved",
        "allowed", "entitled", "supposed", "used", "tired", "bored", "scared", "excited", "surprised", "disabled",
        "qualified", "registered", "self-employed", "employed", "unemployed", "retired", "prepared", "sorry", "aged",
        "committed", "experienced", "detached", "semi-detached", "furnished", "unfurnished", "listed", "licensed",
        "limited", "related", "designed", "needed", "accessible", "open", "due", "satisfied", "dissatisfied", "engaged",
        "divorced", "widowed", "separated", "blind", "deaf", "covered", "signed", "linked", "connected", "crowded",
        "stuck", "lost", "finished", "done", "gone", "complicated", "mixed", "shared", "advanced", "armed", "known",
        "unsure", "exempt", "eligible", "responsible", "able", "unable", "welcome", "free", "full", "empty", "online",
    ]
    /// Common irregular past participles.
    static let irregular: Set<String> = [
        "built", "bought", "brought", "caught", "chosen", "cut", "dealt", "drawn", "driven", "eaten", "fed", "found",
        "forgotten", "given", "held", "hidden", "hit", "hurt", "kept", "laid", "led", "left", "lent", "made", "meant",
        "met", "paid", "put", "read", "run", "said", "seen", "sent", "set", "shown", "shut", "sold", "spent", "split",
        "spoken", "stolen", "taken", "taught", "told", "thought", "thrown", "understood", "won", "written", "withdrawn",
        "granted", "overtaken", "undertaken", "upheld", "beaten", "broken", "frozen", "woken", "worn", "torn", "sworn",
    ]

    /// The passive phrase of a sentence ("will be assessed"), as a byte range of its block, if it has one.
    static func passivePhrase(in block: ProseBlock, sentence: Sentence) -> Range<Int>? {
        let words = block.words
        var position = sentence.words.lowerBound
        while position < sentence.words.upperBound {
            let word = words[position].lower
            // Every form of "be" is 2 to 7 bytes starting a, b, i or w: test that before hashing.
            let length = word.utf8.count, first = word.utf8.first ?? 0
            guard length >= 2, length <= 7,
                first == UInt8(ascii: "a") || first == UInt8(ascii: "b") || first == UInt8(ascii: "i") || first == UInt8(ascii: "w"),
                beForms.contains(word)
            else { position += 1; continue }
            var next = position + 1
            while next < sentence.words.upperBound, adverbs.contains(words[next].lower) { next += 1 }
            guard next < sentence.words.upperBound, isParticiple(words[next].lower) else { position += 1; continue }
            // "is used to" is a habit, not a passive.
            if next + 1 < sentence.words.upperBound, words[next + 1].lower == "to", words[next].lower == "used" {
                position = next + 1
                continue
            }
            // Start at a modal or auxiliary before "be"/"been" ("will be", "must be", "has been").
            var start = position
            if word == "be" || word == "been", start > sentence.words.lowerBound, auxiliaries.contains(words[start - 1].lower) {
                start -= 1
            }
            // "It is recommended that": start at "It".
            if start > sentence.words.lowerBound, words[start - 1].lower == "it", words[next].lower.hasSuffix("ed"),
                next + 1 < sentence.words.upperBound, words[next + 1].lower == "that"
            {
                start -= 1
            }
            return words[start].range.lowerBound..<words[next].range.upperBound
        }
        return nil
    }

    static let auxiliaries: Set<String> = [
        "will", "must", "can", "could", "should", "would", "may", "might", "shall", "has", "have", "had", "to", "won't", "can't",
    ]

    static func isParticiple(_ word: String) -> Bool {
        if stative.contains(word) { return false }
        if irregular.contains(word) { return true }
        // ASCII words (nearly all) are tested on their bytes: each byte is one character, and the
        // ASCII letters are exactly A to Z and a to z.
        var word = word
        if let ascii = word.utf8.withContiguousStorageIfAvailable({ bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let count = bytes.count
            return count > 4 && bytes[count - 2] == UInt8(ascii: "e") && bytes[count - 1] == UInt8(ascii: "d")
                && bytes[count - 3] != UInt8(ascii: "e") && bytes.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        }), let ascii {
            return ascii
        }
        word.makeContiguousUTF8()
        return word.count > 4 && word.hasSuffix("ed") && !word.hasSuffix("eed") && word.allSatisfy(\.isLetter)
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            switch block.kind {
            case .paragraph, .listItem: break
            default: continue
            }
            for sentence in block.sentences {
                guard let range = PassiveVoiceRule.passivePhrase(in: block, sentence: sentence) else { continue }
                let phrase = block.slice(range)
                findings.append(
                    finding(
                        index, range, in: document,
                        message: "'\(phrase)' is passive: it does not say who does it.",
                        suggestion: "Say who acts, for example 'we will…' or 'you must…'."))
            }
        }
    }
}
