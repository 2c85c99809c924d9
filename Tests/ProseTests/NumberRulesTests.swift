import Markdown
import Prose
import XCTest

/// Messages, replacements and tricky non-findings of the date, time and number rules.
final class NumberRulesTests: XCTestCase {
    struct Found: Equatable, CustomStringConvertible {
        var text: String
        var message: String
        var replacement: String?
        var description: String { "[\(text)] \(message) → \(replacement ?? "nil")" }
    }

    func run(_ rule: any ProseRule, _ markdown: String) -> [Found] {
        let document = ProseDocument(file: "test.md", blocks: MarkdownRenderer.render(markdown, file: "test.md").textBlocks)
        var findings: [Finding] = []
        rule.check(document, settings: ProseSettings(), into: &findings)
        return findings.map { Found(text: document.blocks[$0.block].slice($0.range), message: $0.message, replacement: $0.replacement) }
    }

    func assertNone(_ rule: any ProseRule, _ examples: [String], file: StaticString = #filePath, line: UInt = #line) {
        for example in examples {
            XCTAssertEqual(run(rule, example), [], "\(rule.description.id) must not flag: \(example)", file: file, line: line)
        }
    }

    func assertFinds(
        _ rule: any ProseRule, _ markdown: String, _ expected: [(String, String, String?)],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(
            run(rule, markdown), expected.map { Found(text: $0.0, message: $0.1, replacement: $0.2) },
            markdown, file: file, line: line)
    }

    func testRegistryOrder() {
        let mine: Set = [
            "times/format", "times/range", "dates/ordinal", "dates/numeric", "dates/weekday",
            "numbers/words", "numbers/comma", "numbers/range", "numbers/sentence-start",
        ]
        let ids = RuleRegistry.codeRules.map(\.description.id).filter { mine.contains($0) }
        XCTAssertEqual(
            ids,
            [
                "times/format", "times/range", "dates/ordinal", "dates/numeric", "dates/weekday",
                "numbers/words", "numbers/comma", "numbers/range", "numbers/sentence-start",
            ])
    }

    // MARK: times/format

    func testTimeFormatMessages() {
        let rule = TimeFormatRule()
        assertFinds(rule, "The office closes at 17:30.", [("17:30", "Write '5:30pm' instead of '17:30'.", "5:30pm")])
        assertFinds(rule, "Open from 09:00 daily.", [("09:00", "Write '9am' instead of '09:00'.", "9am")])
        assertFinds(rule, "Doors open 13:00 sharp.", [("13:00", "Write '1pm' instead of '13:00'.", "1pm")])
        assertFinds(rule, "Doors open at 5.30pm.", [("5.30pm", "Write '5:30pm' instead of '5.30pm'.", "5:30pm")])
        assertFinds(rule, "Doors open at 5:00pm.", [("5:00pm", "Write '5pm' instead of '5:00pm'.", "5pm")])
        assertFinds(rule, "Doors open at 5 pm.", [("5 pm", "Write '5pm' instead of '5 pm'.", "5pm")])
        assertFinds(rule, "Doors open at 5 p.m. on Friday.", [("5 p.m.", "Write '5pm' instead of '5 p.m.'.", "5pm")])
        assertFinds(rule, "Doors open at 5PM.", [("5PM", "Write '5pm' instead of '5PM'.", "5pm")])
        assertFinds(rule, "Doors open at 5.30 a.m. daily.", [("5.30 a.m.", "Write '5:30am' instead of '5.30 a.m.'.", "5:30am")])
        assertFinds(rule, "Closes at 12pm.", [("12pm", "Write 'midday' instead of '12pm'.", "midday")])
        assertFinds(rule, "Closes at 12 noon.", [("12 noon", "Write 'midday' instead of '12 noon'.", "midday")])
        assertFinds(rule, "Closes at 12am.", [("12am", "Write 'midnight' instead of '12am'.", "midnight")])
        assertFinds(rule, "Closes at 12 midnight.", [("12 midnight", "Write 'midnight' instead of '12 midnight'.", "midnight")])
        assertFinds(rule, "Closes at 00:00.", [("00:00", "Write 'midnight' instead of '00:00'.", "midnight")])
        assertFinds(rule, "Closes at 00:30.", [("00:30", "Write '12:30am' instead of '00:30'.", "12:30am")])
        assertFinds(rule, "Report at 1730hrs.", [("1730hrs", "Write '5:30pm' instead of '1730hrs'.", "5:30pm")])
        assertFinds(rule, "Report at 17:30 hours.", [("17:30 hours", "Write '5:30pm' instead of '17:30 hours'.", "5:30pm")])
        assertFinds(rule, "Doors open at 19.30 for the show.", [("19.30", "Write '7:30pm' instead of '19.30'.", "7:30pm")])
    }

    func testTimeFormatAmbiguousHoursAskForAmOrPm() {
        let rule = TimeFormatRule()
        assertFinds(
            rule, "The hall opens at 7:30 on Fridays.",
            [("7:30", "Write '7:30am' or '7:30pm' instead of '7:30'.", nil)])
        assertFinds(rule, "Closes at 12:00.", [("12:00", "Write 'midday' or 'midnight' instead of '12:00'.", nil)])
    }

    func testTimeFormatLeavesOtherNumbersAlone() {
        assertNone(
            TimeFormatRule(),
            [
                "The office is open from 9am to 5:30pm.",
                "Tickets cost £7.50 or £17.30 on the door.",
                "Install version 10.30 of the app.",
                "The ratio is 16:9 and the score was 21:3.",
                "We won 21:15 and lost 14:20 away. Use a ratio 15:30 for the mix.",
                "Read John 3:16 and verse 2:15.",
                "The plan is drawn at 1:50 scale.",
                "Interest rose by 13.50 last year.",
                "Tickets from 7.50 each, or at 19.50 per family.",
                "The hall opens at 7.30 on Fridays.",
                "Prices rose 15.30% this year.",
                "If my child is 5 am I able to apply?",
                "Set the timer for 20:75.",
                "Open midday to midnight.",
                "The time 24:00 is not valid.",
            ])
    }

    func testTimeFormatLeavesRangesToTimeRange() {
        XCTAssertEqual(run(TimeFormatRule(), "Open 9.30am-5.30pm and 09:00 – 17:00."), [])
    }

    // MARK: times/range

    func testTimeRangeReplacements() {
        let rule = TimeRangeRule()
        assertFinds(rule, "Open 9am-5pm.", [("9am-5pm", "Write '9am to 5pm' instead of '9am-5pm'.", "9am to 5pm")])
        assertFinds(rule, "Open 10-11am.", [("10-11am", "Write '10am to 11am' instead of '10-11am'.", "10am to 11am")])
        assertFinds(rule, "Open 9am – 5pm.", [("9am – 5pm", "Write '9am to 5pm' instead of '9am – 5pm'.", "9am to 5pm")])
        assertFinds(rule, "Open 9:30-10:30am.", [("9:30-10:30am", "Write '9:30am to 10:30am' instead of '9:30-10:30am'.", "9:30am to 10:30am")])
        assertFinds(rule, "Open 11-1pm.", [("11-1pm", "Write '11am to 1pm' instead of '11-1pm'.", "11am to 1pm")])
        assertFinds(rule, "Open 1-3pm.", [("1-3pm", "Write '1pm to 3pm' instead of '1-3pm'.", "1pm to 3pm")])
        assertFinds(rule, "Open 12-2pm.", [("12-2pm", "Write 'midday to 2pm' instead of '12-2pm'.", "midday to 2pm")])
        assertFinds(rule, "Open 9.30am–5.00pm.", [("9.30am–5.00pm", "Write '9:30am to 5pm' instead of '9.30am–5.00pm'.", "9:30am to 5pm")])
        assertFinds(rule, "Open 09:00-17:00.", [("09:00-17:00", "Write '9am to 5pm' instead of '09:00-17:00'.", "9am to 5pm")])
        assertFinds(rule, "Open 6 pm - 8 pm.", [("6 pm - 8 pm", "Write '6pm to 8pm' instead of '6 pm - 8 pm'.", "6pm to 8pm")])
        assertFinds(rule, "Open between 10-11am.", [("10-11am", "Write '10am and 11am' instead of '10-11am'.", "10am and 11am")])
    }

    func testTimeRangeLeavesOthersAlone() {
        assertNone(
            TimeRangeRule(),
            [
                "Open 9am to 5pm, Monday to Friday.",
                "Open between 9am and 5pm.",
                "Children aged 5-11 and 9-5 jobs.",
                "The 24-hour helpline. Phone 0300-1234.",
                "Open 10:00-11:00 on Mondays.",
                "Costs £10-11.",
            ])
    }

    // MARK: dates/ordinal

    func testDateOrdinalReplacements() {
        let rule = DateOrdinalRule()
        assertFinds(rule, "Due on 4th June.", [("4th June", "Write '4 June' instead of '4th June'.", "4 June")])
        assertFinds(rule, "Due on June 4th.", [("June 4th", "Write '4 June' instead of 'June 4th'.", "4 June")])
        assertFinds(rule, "Due on June 4th, 2026.", [("June 4th, 2026", "Write '4 June 2026' instead of 'June 4th, 2026'.", "4 June 2026")])
        assertFinds(rule, "Due on the 1st of April.", [("the 1st of April", "Write '1 April' instead of 'the 1st of April'.", "1 April")])
        assertFinds(rule, "The 3rd March meeting.", [("The 3rd March", "Write '3 March' instead of 'The 3rd March'.", "3 March")])
        assertFinds(rule, "See the 3rd March minutes.", [("3rd March", "Write '3 March' instead of '3rd March'.", "3 March")])
        assertFinds(rule, "Open 4th-6th June.", [("4th-6th June", "Write '4 to 6 June' instead of '4th-6th June'.", "4 to 6 June")])
        assertFinds(
            rule, "Open 4th, 5th and 6th June.", [("4th, 5th and 6th June", "Write '4, 5 and 6 June' instead of '4th, 5th and 6th June'.", "4, 5 and 6 June")])
        assertFinds(rule, "Open 21st – 23rd Dec.", [("21st – 23rd Dec", "Write '21 to 23 Dec' instead of '21st – 23rd Dec'.", "21 to 23 Dec")])
        assertFinds(rule, "Open June 4th and 5th.", [("June 4th", "Write '4 June' instead of 'June 4th'.", nil)])
    }

    func testDateOrdinalLeavesOthersAlone() {
        assertNone(
            DateOrdinalRule(),
            [
                "The office is on the 3rd floor.",
                "Put your 2nd bin out on the first Monday of the month.",
                "The 2nd may be cancelled. The 4th march of the year.",
                "Your 21st birthday party.",
                "It is due on 4 June 2026.",
                "She came 1st in the 100m.",
            ])
    }

    // MARK: dates/numeric

    func testNumericDateReplacements() {
        let rule = NumericDateRule()
        assertFinds(rule, "Due 04/06/2024.", [("04/06/2024", "Write '4 June 2024' instead of '04/06/2024'.", "4 June 2024")])
        assertFinds(rule, "Due 4/6/24.", [("4/6/24", "Write '4 June 2024' instead of '4/6/24'.", nil)])
        assertFinds(rule, "Born 4/6/72.", [("4/6/72", "Write '4 June 1972' instead of '4/6/72'.", nil)])
        assertFinds(rule, "Due 4.6.2024.", [("4.6.2024", "Write '4 June 2024' instead of '4.6.2024'.", "4 June 2024")])
        assertFinds(rule, "Due 31-12-2025.", [("31-12-2025", "Write '31 December 2025' instead of '31-12-2025'.", "31 December 2025")])
    }

    func testNumericDateLeavesOthersAlone() {
        assertNone(
            NumericDateRule(),
            [
                "About 1/2 of homes and 3/4 of flats.",
                "The date 2026-11-25 and `04/06/2024` in code.",
                "US style 06/14/2024 is not a UK date, nor is 31/02/2024.",
                "Version 1.2.24 and 4.6.2 of the app.",
                "See example.com/04/06/2024/news for details.",
                "The planning reference is 24/01234/FUL.",
                "Score 1/2/3 and 10.20.30.",
            ])
    }

    // MARK: dates/weekday

    func testWeekdayMismatch() {
        let rule = WeekdayMismatchRule()
        assertFinds(rule, "On Tuesday 4 January 2027.", [("Tuesday 4 January 2027", "4 January 2027 is a Monday, not a Tuesday.", nil)])
        assertFinds(rule, "On Tuesday, 4 January 2027.", [("Tuesday, 4 January 2027", "4 January 2027 is a Monday, not a Tuesday.", nil)])
        assertFinds(rule, "On Tuesday 4th January 2027.", [("Tuesday 4th January 2027", "4 January 2027 is a Monday, not a Tuesday.", nil)])
        assertFinds(rule, "On Tuesday the 4th of January 2027.", [("Tuesday the 4th of January 2027", "4 January 2027 is a Monday, not a Tuesday.", nil)])
        assertFinds(rule, "On Thursday, 6th March, 2026.", [("Thursday, 6th March, 2026", "6 March 2026 is a Friday, not a Thursday.", nil)])
        assertFinds(rule, "On Sat 29 February 2028.", [("Sat 29 February 2028", "29 February 2028 is a Tuesday, not a Saturday.", nil)])
        XCTAssertEqual(rule.description.severity, .error)
    }

    func testWeekdayMatches() {
        assertNone(
            WeekdayMismatchRule(),
            [
                "On Monday 4 January 2027 and Monday, 4th January 2027.",
                "On Monday, January 4, 2027 and Tuesday 29 February 2028.",
                "On Friday 1 March 2024 and Saturday 1 January 2000.",
                "On Tuesday 4 January we open. On Tuesday 31 February 2027 we close.",
                "On Tuesday 4 May 2027.",
            ])
    }

    // MARK: numbers/words

    func testNumberWordsReplacements() {
        let rule = NumberWordsRule()
        assertFinds(rule, "We have three bins.", [("three", "Write '3' instead of 'three'.", "3")])
        assertFinds(rule, "It lasts twenty-five days.", [("twenty-five", "Write '25' instead of 'twenty-five'.", "25")])
        assertFinds(rule, "We planted two hundred and fifty trees.", [("two hundred and fifty", "Write '250' instead of 'two hundred and fifty'.", "250")])
        assertFinds(rule, "We had one hundred replies.", [("one hundred", "Write '100' instead of 'one hundred'.", "100")])
        assertFinds(rule, "We sent three thousand letters.", [("three thousand", "Write '3,000' instead of 'three thousand'.", "3,000")])
        assertFinds(rule, "We sent twenty-five thousand letters.", [("twenty-five thousand", "Write '25,000' instead of 'twenty-five thousand'.", "25,000")])
        assertFinds(rule, "It costs five million pounds.", [("five", "Write '5 million' instead of 'five million'.", "5")])
        assertFinds(rule, "It is a ten-minute walk.", [("ten", "Write '10' instead of 'ten'.", "10")])
        assertFinds(rule, "All three agreed.", [("three", "Write '3' instead of 'three'.", "3")])
        assertFinds(rule, "Choose two or three.", [("two", "Write '2' instead of 'two'.", "2"), ("three", "Write '3' instead of 'three'.", "3")])
        assertFinds(rule, "We found one in four homes.", [("one in four", "Write '1 in 4' instead of 'one in four'.", "1 in 4")])
        assertFinds(rule, "Only one out of five came.", [("one out of five", "Write '1 out of 5' instead of 'one out of five'.", "1 out of 5")])
    }

    func testNumberWordsExceptions() {
        assertNone(
            NumberWordsRule(),
            [
                "Three bins are collected. Twenty-five people came.",
                "You can bring one or two bags.",
                "Hundreds of people and thousands of leaflets, tens of volunteers.",
                "Sort them into twos and threes.",
                "This is the second reminder and the third letter.",
                "We are a hundred percent sure. A thousand thanks.",
                "Take the bus to Seven Sisters Road or Nine Elms.",
                "About two thirds of homes and three quarters of flats.",
                "The two of us will visit, and the three of them.",
                "We offer one-to-one support and two-way radios.",
                "Give me a high five.",
                "Someone said the canine was tenth.",
                "Put two and two together. We met in twenty twenty-four.",
                "Between four and five hundred people came, a hundred and fifty stayed.",
                "Nine out of ten agreed. One in four homes recycle.",
            ])
    }

    // MARK: numbers/comma

    func testNumberCommaReplacements() {
        let rule = NumberCommaRule()
        assertFinds(rule, "We collected 25000 tonnes.", [("25000", "Write '25,000' instead of '25000'.", "25,000")])
        assertFinds(rule, "Grants of £15000 are available.", [("15000", "Write '15,000' instead of '15000'.", "15,000")])
        assertFinds(rule, "We had 2500 replies.", [("2500", "Write '2,500' instead of '2500'.", "2,500")])
        assertFinds(rule, "Fines of £12500.50 were paid.", [("12500", "Write '12,500' instead of '12500'.", "12,500")])
        assertFinds(rule, "More than 1000000 people.", [("1000000", "Write '1,000,000' instead of '1000000'.", "1,000,000")])
    }

    func testNumberCommaExceptions() {
        assertNone(
            NumberCommaRule(),
            [
                "In 1000 and 2199 and 1999 we had 999 staff.",
                "Call 01632 960000 or 0300 123 4567, or textphone 18001.",
                "Your reference is 123456. Quote ref 98765 or account number 12345678.",
                "Use code 4321 at extension 5678 in room 2345, flat 3456, unit 7890.",
                "The KF1 and A1234 routes, postcode 90210.",
                "We had 1,250 staff and £7.50 fares and 3.14159 pies.",
                "See example.com/page/12345 and #54321 and No.98765.",
                "The alarm goes off at 2300 each night.",
                "PO Box 4567 and CRN 7654321.",
            ])
    }

    // MARK: numbers/range

    func testNumberRangeReplacements() {
        let rule = NumberRangeRule()
        assertFinds(rule, "Costs 500-900 pounds.", [("500-900", "Write '500 to 900' instead of '500-900'.", "500 to 900")])
        assertFinds(rule, "Costs £30-£60.", [("30-£60", "Write '30 to £60' instead of '30-£60'.", "30 to £60")])
        assertFinds(rule, "Costs £30 – £60.", [("30 – £60", "Write '30 to £60' instead of '30 – £60'.", "30 to £60")])
        assertFinds(rule, "Groups of 10–20 people.", [("10–20", "Write '10 to 20' instead of '10–20'.", "10 to 20")])
        assertFinds(rule, "The 2025-26 budget.", [("2025-26", "Write '2025 to 2026' instead of '2025-26'.", "2025 to 2026")])
        assertFinds(rule, "The 2024/25 budget.", [("2024/25", "Write '2024 to 2025' instead of '2024/25'.", "2024 to 2025")])
        assertFinds(rule, "The 1999-00 budget.", [("1999-00", "Write '1999 to 2000' instead of '1999-00'.", "1999 to 2000")])
        assertFinds(rule, "The 2025-2030 plan.", [("2025-2030", "Write '2025 to 2030' instead of '2025-2030'.", "2025 to 2030")])
        assertFinds(rule, "Between 2-3 weeks.", [("2-3", "Write '2 and 3' instead of '2-3'.", "2 and 3")])
        assertFinds(rule, "Fees of £7.50-£9.50.", [("7.50-£9.50", "Write '7.50 to £9.50' instead of '7.50-£9.50'.", "7.50 to £9.50")])
        assertFinds(rule, "Budgets of £15000-£20000.", [("15000-£20000", "Write '15,000 to £20,000' instead of '15000-£20000'.", "15,000 to £20,000")])
        assertFinds(rule, "From 1,000-2,500 homes.", [("1,000-2,500", "Write '1,000 to 2,500' instead of '1,000-2,500'.", "1,000 to 2,500")])
    }

    func testNumberRangeExceptions() {
        assertNone(
            NumberRangeRule(),
            [
                "The date 2026-11-25 and 2025-05 were set.",
                "Call 0300-123-4567 or 01632-960000.",
                "The 24-hour helpline and 3-bedroom homes in the KF1-2AB area.",
                "We won 3-1 and drew 2-2 and lost 1-2.",
                "Quote ref 123-456. Score 5-10.",
                "Rents are £500 to £900. The 2025 to 2026 budget.",
                "Paths like 1/2 and 2024/26 and 20/21.",
                "A pause — 10 — 20 more.",
                "Open 9-5 every day.",
            ])
    }

    // MARK: numbers/sentence-start

    func testSentenceStartNumber() {
        let rule = SentenceStartNumberRule()
        assertFinds(
            rule, "14 days later we wrote to you.",
            [("14", "Spell out '14' or rephrase so the sentence does not start with it.", nil)])
        assertFinds(
            rule, "We wrote. 3 weeks later you replied.",
            [("3", "Spell out '3' or rephrase so the sentence does not start with it.", nil)])
        XCTAssertEqual(rule.description.severity, .suggestion)
    }

    func testSentenceStartNumberExceptions() {
        assertNone(
            SentenceStartNumberRule(),
            [
                "2024 was a record year. 2025-26 will be harder.",
                "31 March is the deadline. 4th June is the next.",
                "9am to 5pm is when we open. 10:30am is the start.",
                "# 14 days to appeal",
                "- 14 days to appeal",
                "| 14 days |\n| --- |\n| 3 weeks |",
                "3.2 The council will review the policy. 1 Introduction",
                "We received 14 replies.",
                "Fourteen days later we wrote.",
            ])
    }
}
