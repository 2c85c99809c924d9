import Diagnostics

/// "Mon to Fri" and "Sept" are harder to read and are read aloud wrongly.
struct AbbreviatedDateRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "dates/abbreviated", name: "Days and months in full",
            summary: "Write days and months in full: 'Monday to Friday', not 'Mon to Fri'; '4 September', not '4 Sept'.",
            source: "GOV.UK style guide: Dates",
            severity: .warning,
            passes: [
                "The library is open Monday to Saturday.",
                "We sat down with residents in June.",
                "Wear sun cream on hot days.",
            ],
            fails: [
                "The library is open ↓Mon to ↓Sat.",
                "Collections restart on 4 ↓Sept.",
                "The office is open ↓Tues and ↓Thurs.",
            ],
            fixable: true)
    }

    static let full: [String: String] = [
        "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Weds": "Wednesday", "Thu": "Thursday",
        "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday",
        "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July", "Aug": "August",
        "Sep": "September", "Sept": "September", "Oct": "October", "Nov": "November", "Dec": "December",
    ]
    static let linking: Set<String> = ["to", "and", "or", "from", "until", "till", "on", "every", "each", "between"]

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            let words = block.words
            for position in words.indices {
                // Every abbreviation is 3 to 5 letters with a capital first: test that before hashing.
                let length = words[position].range.count
                guard length >= 3, length <= 5, words[position].isCapitalised,
                    let replacement = AbbreviatedDateRule.full[words[position].text]
                else { continue }
                // Only where the word is clearly a date: next to a number, another day or month, or "to"/"from".
                func isDateWord(_ i: Int) -> Bool {
                    guard words.indices.contains(i) else { return false }
                    return AbbreviatedDateRule.full[words[i].text] != nil || words[i].isNumber
                }
                let previous = position > 0 ? words[position - 1].lower : ""
                let next = position + 1 < words.count ? words[position + 1].lower : ""
                let inContext =
                    isDateWord(position - 1) || isDateWord(position + 1)
                    || (AbbreviatedDateRule.linking.contains(previous) && isDateWord(position - 2))
                    || (AbbreviatedDateRule.linking.contains(next) && isDateWord(position + 2))
                guard inContext else { continue }
                // "Sept." keeps its full stop only when it is an abbreviation mark, so replace the word alone.
                findings.append(
                    finding(
                        index, words[position].range, in: document,
                        message: "Write '\(replacement)' instead of '\(words[position].text)'.",
                        suggestion: "Write days and months in full.", replacement: replacement))
            }
        }
    }
}
