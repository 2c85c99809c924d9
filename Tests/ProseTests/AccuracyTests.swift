import Diagnostics
import Foundation
import Markdown
import Prose
import XCTest

/// Measures the linter on a hand-labelled set of council sentences (Fixtures/labelled-sentences.tsv):
/// precision (of the sentences flagged, how many an editor would agree need changing) and
/// recall (of the sentences that need changing, how many are flagged). The figures are
/// recorded in docs/rules.md; this test keeps them from falling.
final class AccuracyTests: XCTestCase {
    struct Sample {
        var shouldFlag: Bool
        var sentence: String
    }

    static func samples() throws -> [Sample] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/labelled-sentences", withExtension: "tsv"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return Sample(shouldFlag: parts[0] == "flag", sentence: String(parts[1]))
        }
    }

    static func flags(_ sentence: String, linter: Linter) -> [Diagnostic] {
        // Escape characters that would make the sentence something other than a paragraph.
        var markdown = sentence
        if let first = markdown.first, "#->+*0123456789".contains(first) { markdown = "\\" + markdown }
        let page = PageSource(text: markdown, file: "sample.md")
        let rendered = MarkdownRenderer.render(page.body, file: "sample.md")
        return linter.lint(file: "sample.md", text: markdown, page: page, blocks: rendered.textBlocks).diagnostics
    }

    func testPrecisionAndRecallOnTheLabelledSet() throws {
        let samples = try Self.samples()
        XCTAssertGreaterThan(samples.count, 300)
        let linter = Linter()
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var report = ""
        for sample in samples {
            let found = Self.flags(sample.sentence, linter: linter)
            switch (sample.shouldFlag, !found.isEmpty) {
            case (true, true): truePositives += 1
            case (false, true):
                falsePositives += 1
                report += "false alarm: \(sample.sentence) — \(found.map { "\($0.rule): \($0.message)" })\n"
            case (true, false):
                falseNegatives += 1
                report += "missed: \(sample.sentence)\n"
            case (false, false): break
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print(report)
        print(
            String(
                format: "ACCURACY precision %.3f recall %.3f (%d flagged correctly, %d false alarms, %d missed, %d sentences)",
                precision, recall, truePositives, falsePositives, falseNegatives, samples.count))
        XCTAssertGreaterThanOrEqual(precision, 0.95)
        XCTAssertGreaterThanOrEqual(recall, 0.85)
    }
}
