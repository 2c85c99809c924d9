import Diagnostics

/// Long sentences are hard to follow, for everyone and most of all on a phone.
struct SentenceLengthRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "sentence-length", name: "Sentence length",
            summary: "Keep sentences to 25 words or fewer: a warning above 25 words, an error above 35 (both configurable).",
            source: "GOV.UK style guide: Plain English; GOV.UK content design guidance on sentence length",
            severity: .warning,
            passes: [
                "Put your bin at the edge of your property by 7am on your collection day.",
                "We collect garden waste every 2 weeks from March to November. You need a permit for each garden waste bin.",
            ],
            fails: [
                "↓If you want us to collect your garden waste, you need to buy a permit for each brown bin that you put out, and you must put the sticker on the lid so that our crews can see it clearly when they come."
            ])
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            switch block.kind {
            case .paragraph, .listItem: break
            default: continue
            }
            for sentence in block.sentences {
                let count = sentence.words.count
                guard count > settings.sentenceWarningLength else { continue }
                let range = block.words[sentence.words.lowerBound].range.lowerBound..<block.words[sentence.words.upperBound - 1].range.upperBound
                var result = finding(
                    index, range, in: document,
                    message: "This sentence has \(count) words. Sentences over \(settings.sentenceWarningLength) words are hard to follow.",
                    suggestion: "Split it into shorter sentences, each with one idea. Aim for 15 to 20 words.")
                if count > settings.sentenceErrorLength { result.severity = .error }
                findings.append(result)
            }
        }
    }
}
