import Diagnostics
import Foundation
import Markdown
import Prose
import XCTest

final class ReadabilityTests: XCTestCase {
    func document(_ markdown: String) -> ProseDocument {
        ProseDocument(file: "page.md", blocks: MarkdownRenderer.render(markdown, file: "page.md").textBlocks)
    }

    func testFormulasOnHandComputedCounts() {
        let scores = ReadabilityScores(
            ReadabilityCounts(words: 100, sentences: 5, syllables: 140, characters: 450, polysyllables: 10, longWords: 20, passiveSentences: 1))
        XCTAssertEqual(scores.fleschReadingEase, 68.095, accuracy: 0.001)
        XCTAssertEqual(scores.fleschKincaidGrade, 8.73, accuracy: 0.001)
        XCTAssertEqual(scores.readingAge, 13.73, accuracy: 0.001)
        XCTAssertEqual(scores.gunningFog, 12.0, accuracy: 0.001)
        XCTAssertEqual(scores.smog, 1.0430 * 60.0.squareRoot() + 3.1291, accuracy: 0.001)
        XCTAssertEqual(scores.colemanLiau, 9.18, accuracy: 0.001)
        XCTAssertEqual(scores.automatedReadabilityIndex, 9.765, accuracy: 0.001)
        XCTAssertEqual(scores.averageSentenceLength, 20)
        XCTAssertEqual(scores.longWordsPercent, 20)
        XCTAssertEqual(scores.passiveSentencesPercent, 20)
    }

    func testTokeniserOnTrickyText() {
        let text = "Mr Smith lives at No. 4 St. John's Road. He pays £7.50 at 5:30pm, e.g. by card. See www.kestrelford.example for the drop-in times."
        let block = document(text).blocks[0]
        XCTAssertEqual(block.sentences.count, 3, block.sentences.map { block.slice($0.range) }.description)
        XCTAssertEqual(
            block.words.map(\.text),
            [
                "Mr", "Smith", "lives", "at", "No", "4", "St", "John's", "Road", "He", "pays", "7.50", "at",
                "5:30pm", "e.g.", "by", "card", "See", "www.kestrelford.example", "for", "the", "drop-in", "times",
            ])
    }

    func testListItemsAreSentencesAndHeadingsAreNotScored() {
        let (counts, sentences) = Readability.measure(
            document(
                "## A long heading that is not counted\n\nYou need:\n\n- your name\n- your address\n\n| Day | Bin |\n| --- | --- |\n| Monday | Green |\n\n![A map of bins](map.png)\n"
            ))
        XCTAssertEqual(counts.sentences, 3)
        XCTAssertEqual(counts.words, 6)
        XCTAssertEqual(sentences.map(\.line), [3, 5, 6])
    }

    func testSyllableAccuracyOnWordList() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/syllables", withExtension: "tsv"))
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        XCTAssertGreaterThanOrEqual(rows.count, 300)
        let right = rows.filter { Syllables.count(String($0[0])) == Int($0[1]) }.count
        let accuracy = Double(right) / Double(rows.count)
        print("SYLLABLES \(right) of \(rows.count) exact (\(accuracy))")
        XCTAssertGreaterThanOrEqual(accuracy, 0.95)
    }

    func testCommonWords() {
        let expected = [
            "the": 1, "council": 2, "recycling": 4, "collection": 3, "property": 3, "library": 3, "area": 3,
            "people": 2, "table": 2, "tables": 2, "asked": 1, "needed": 2, "every": 3, "business": 2,
            "centre": 2, "fire": 2, "7pm": 1, "NHS": 1, "beautiful": 3, "media": 3, "period": 3,
        ]
        for (word, count) in expected {
            XCTAssertEqual(Syllables.count(word), count, word)
        }
    }

    func lint(_ text: String, configuration: LintConfiguration = LintConfiguration(), layout: String? = nil) -> LintResult {
        let page = PageSource(text: text, file: "page.md")
        return Linter(configuration: configuration).lint(
            file: "page.md", text: text, page: page,
            blocks: MarkdownRenderer.render(page.body, file: "page.md").textBlocks, layout: layout)
    }

    /// About 60 words in long sentences of long words: a reading age well above 12.
    let hardText = """
        ---
        title: Notice
        ---
        Residents experiencing difficulties understanding correspondence regarding administrative arrangements.

        Householders anticipating considerable modifications to residential accommodation ordinarily consult planning professionals beforehand.

        Organisations administering community facilities occasionally necessitate supplementary documentation demonstrating eligibility.

        Applications incorporating inaccurate information inevitably experience considerable administrative delays.

        Committee deliberations concerning environmental considerations occasionally generate substantial correspondence.

        We reply quickly.
        """

    func testPageOverItsTargetGetsAWarningNamingTheHardestSentences() throws {
        let result = lint(hardText)
        let warning = try XCTUnwrap(result.diagnostics.first { $0.rule == "readability/reading-age" })
        XCTAssertEqual(warning.severity, .warning)
        let age = try XCTUnwrap(result.readability?.readingAge)
        XCTAssertGreaterThan(age, 12)
        XCTAssertTrue(warning.message.hasPrefix("This page has a reading age of "), warning.message)
        XCTAssertTrue(warning.message.hasSuffix("; the target is 12."), warning.message)
        XCTAssertEqual(result.hardestSentences.count, 3)
        let suggestion = try XCTUnwrap(warning.suggestion)
        for sentence in result.hardestSentences { XCTAssertTrue(suggestion.contains("line \(sentence.line): '"), suggestion) }
        XCTAssertEqual(warning.line, result.hardestSentences[0].line)
        XCTAssertFalse(suggestion.contains("We reply quickly"))
    }

    func testTargetsFromLayoutConfigurationAndFrontMatter() {
        var configuration = LintConfiguration()
        configuration.readability.layouts["committee"] = 40
        func readability(_ result: LintResult) -> [Diagnostic] { result.diagnostics.filter { $0.rule.hasPrefix("readability") } }
        XCTAssertEqual(readability(lint(hardText)).count, 1)
        XCTAssertTrue(readability(lint(hardText, configuration: configuration, layout: "committee")).isEmpty)
        let ownTarget = hardText.replacingOccurrences(of: "title: Notice", with: "title: Notice\nreadability: { target: 40, reason: \"legal notice\" }")
        XCTAssertTrue(readability(lint(ownTarget)).isEmpty)
        let skipped = hardText.replacingOccurrences(of: "title: Notice", with: "title: Notice\nreadability: { skip: true, reason: \"statutory wording\" }")
        XCTAssertTrue(readability(lint(skipped)).isEmpty)
    }

    func testChangingTheTargetNeedsAReason() {
        let page = PageSource(text: "---\ntitle: Notice\nreadability: { target: 14 }\n---\nText.\n", file: "page.md")
        XCTAssertEqual(page.diagnostics.map(\.rule), ["front-matter/readability"])
        XCTAssertEqual(page.diagnostics.first?.line, 3)
    }

    func testShortPagesAreNotWarned() {
        XCTAssertTrue(lint("Residents experiencing difficulties understanding correspondence should telephone.\n").diagnostics.isEmpty)
    }

    /// The linter's one-pass measure gives the counts of `measure` and the sentences of
    /// `hardest` on the same documents, ties in grade included.
    func testMeasureWithHardestMatchesMeasureAndHardest() {
        var generator = SystemRandomNumberGenerator()
        let sentences = [
            "You can pay online.", "Bring proof of your address when you visit the library on Monday.",
            "We collect your bin every week.", "Applications for residential parking permits are considered individually.",
            "Call us.", "The library is open from 9am to 5pm on weekdays.", "Mr Smith lives at No. 4 St. John's Road.",
            "Environmental health investigates unsatisfactory accommodation conditions thoroughly.",
        ]
        for _ in 0..<150 {
            var markdown = ""
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                let count = Int.random(in: 1...5, using: &generator)
                let text = (0..<count).map { _ in sentences.randomElement(using: &generator)! }.joined(separator: " ")
                switch Int.random(in: 0...3, using: &generator) {
                case 0: markdown += "## \(text)\n\n"
                case 1: markdown += "- \(text)\n- \(sentences.randomElement(using: &generator)!)\n\n"
                default: markdown += text + "\n\n"
                }
            }
            let page = document(markdown)
            let (counts, scored) = Readability.measure(page)
            for wanted in [1, 3, 5] {
                let fast = Readability.measureWithHardest(page, count: wanted)
                XCTAssertEqual(fast.counts.words, counts.words)
                XCTAssertEqual(fast.counts.sentences, counts.sentences)
                XCTAssertEqual(fast.counts.syllables, counts.syllables)
                XCTAssertEqual(fast.counts.characters, counts.characters)
                XCTAssertEqual(fast.counts.polysyllables, counts.polysyllables)
                XCTAssertEqual(fast.counts.longWords, counts.longWords)
                XCTAssertEqual(fast.counts.passiveSentences, counts.passiveSentences)
                XCTAssertEqual(fast.hardest, Readability.hardest(scored, count: wanted), markdown)
            }
        }
    }
}
