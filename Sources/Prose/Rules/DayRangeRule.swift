import Diagnostics
import Markdown

/// "Monday - Friday" is read as "Monday minus Friday" by some screen readers.
struct DayRangeRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "dates/range", name: "Ranges of days and months with 'to'",
            summary: "Use 'to' in ranges of days and months: 'Monday to Friday', not 'Monday - Friday'.",
            source: "GOV.UK style guide: Dates (date ranges)",
            severity: .warning,
            passes: ["We are open Monday to Friday.", "Garden waste collections run from March to November."],
            fails: ["We are open ↓Monday - Friday.", "Collections run ↓March–November.", "Open ↓Mon-Fri."])
    }

    static let names: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let words = block.words
            // Only a capitalised or hyphenated word can start a range: tested before the word
            // is copied (most words are neither).
            for position in words.indices where words[position].isCapitalised || block.isHyphenated[position] {
                let word = words[position]
                // "Mon-Fri" is one word to the tokenizer.
                // (`isHyphenated` says whether the word's bytes hold "-", without searching them again.)
                let parts = block.isHyphenated[position] ? word.text.split(separator: "-") : []
                if parts.count == 2, parts.allSatisfy({ DayRangeRule.names.contains($0.lowercased()) }), parts[0].first?.isUppercase == true {
                    report(index, word.range, block: block, document: document, into: &findings)
                    continue
                }
                guard word.isCapitalised, position + 1 < words.count, DayRangeRule.names.contains(word.lower),
                    words[position + 1].isCapitalised, DayRangeRule.names.contains(words[position + 1].lower)
                else { continue }
                let gap = block.slice(word.range.upperBound..<words[position + 1].range.lowerBound).trimmingCharacters(in: " ")
                guard gap == "-" || gap == "–" || gap == "—" else { continue }
                report(index, word.range.lowerBound..<words[position + 1].range.upperBound, block: block, document: document, into: &findings)
            }
        }
    }

    func report(_ index: Int, _ range: Range<Int>, block: ProseBlock, document: ProseDocument, into findings: inout [Finding]) {
        let text = block.slice(range)
        findings.append(
            finding(
                index, range, in: document,
                message: "'\(text)' uses a dash for a range.",
                suggestion: "Write 'to' between the days or months, for example 'Monday to Friday'."))
    }
}
