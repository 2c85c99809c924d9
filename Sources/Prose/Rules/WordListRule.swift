import Diagnostics

/// A rule made from a word list (YAML data): flags each listed word or phrase and names
/// its plain alternative. Its examples come from the list itself: the first form of each
/// entry must be flagged, and the alternative must not be.
public struct WordListRule: ProseRule {
    public let list: WordList
    let matcher: PhraseMatcher
    /// Each entry's slug, made once rather than for every finding.
    let slugs: [String]

    public init(_ list: WordList) {
        self.list = list
        matcher = PhraseMatcher(list)
        slugs = list.entries.map(\.slug)
    }

    public var description: RuleDescription {
        let sample = list.entries.prefix(3)
        return RuleDescription(
            id: list.rule, name: list.name, summary: list.summary, source: list.source, severity: list.severity,
            passes: ["We check your bin every week."] + sample.filter { !$0.alternative.isEmpty && $0.unless.isEmpty }.map { "We \($0.alternative) it." },
            fails: sample.map { "We ↓\($0.forms.first.map { $0.form.joined(separator: " ") } ?? $0.phrase) it." },
            fixable: list.entries.contains { $0.fix })
    }

    public var ruleIDs: [String] { [list.rule] + slugs.map { "\(list.rule)/\($0)" } }

    public func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (blockIndex, block) in document.blocks.enumerated() {
            for match in matcher.matches(in: block) {
                let entry = list.entries[match.entry]
                if !entry.notAfter.isEmpty, match.words.lowerBound > 0,
                    entry.notAfter.contains(block.words[match.words.lowerBound - 1].lower)
                {
                    continue
                }
                if !entry.notBefore.isEmpty, match.words.upperBound < block.words.count,
                    entry.notBefore.contains(block.words[match.words.upperBound].lower)
                {
                    continue
                }
                if !entry.unless.isEmpty, let sentence = block.sentence(containingWord: match.words.lowerBound),
                    block.words[sentence.words].contains(where: { entry.unless.contains($0.lower) })
                {
                    continue
                }
                let start = block.words[match.words.lowerBound].range.lowerBound
                let range = start..<(match.partLength.map { start + $0 } ?? block.words[match.words.upperBound - 1].range.upperBound)
                let written = block.slice(range)
                let message: String
                let suggestion: String
                if entry.alternative.isEmpty {
                    message = "'\(written)' adds words but no meaning."
                    suggestion = "Remove '\(written)'." + (entry.reason.isEmpty ? "" : " \(entry.reason)")
                } else {
                    message = "Use '\(match.replacement)' instead of '\(written)'."
                    suggestion = entry.reason.isEmpty ? "Write '\(match.replacement)'." : entry.reason
                }
                findings.append(
                    finding(
                        blockIndex, range, in: document, rule: "\(list.rule)/\(slugs[match.entry])", severity: list.severity,
                        message: message, suggestion: suggestion,
                        replacement: entry.fix ? keepingCase(of: written, match.replacement) : nil))
            }
        }
    }
}
