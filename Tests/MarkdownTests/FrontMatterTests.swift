import Diagnostics
import XCTest

@testable import Markdown

final class FrontMatterTests: XCTestCase {
    func testValidFrontMatter() {
        let source = PageSource(
            text: """
                ---
                title: Pay your council tax
                description: Pay online, by phone or by Direct Debit.
                layout: page
                date: 2026-11-03
                updated: 2026-11-04
                review_by: 2027-11-04
                tags: [council tax, payments]
                order: 3
                ---
                ## How to pay
                """, file: "pay.md")
        XCTAssertEqual(source.diagnostics, [])
        let frontMatter = source.frontMatter
        XCTAssertEqual(frontMatter.title, "Pay your council tax")
        XCTAssertEqual(frontMatter.description, "Pay online, by phone or by Direct Debit.")
        XCTAssertEqual(frontMatter.layout, "page")
        XCTAssertEqual(frontMatter.date?.description, "2026-11-03")
        XCTAssertEqual(frontMatter.updated?.longForm, "4 November 2026")
        XCTAssertEqual(frontMatter.reviewBy, SimpleDate("2027-11-04"))
        XCTAssertEqual(frontMatter.tags, ["council tax", "payments"])
        XCTAssertEqual(frontMatter.order, 3)
        XCTAssertEqual(source.bodyStartLine, 11)
        // The body keeps the file's line numbers.
        XCTAssertEqual(source.body.split(separator: "\n", omittingEmptySubsequences: false)[10], "## How to pay")
    }

    func testADateIsFourDigitsTwoAndTwoOfARealDay() {
        XCTAssertEqual(SimpleDate("2026-02-28")?.description, "2026-02-28")
        XCTAssertEqual(SimpleDate("2024-02-29")?.description, "2024-02-29")
        for text in ["+202-12-01", "-202-12-01", "0000-01-01", "2026-02-29", "2026-13-01", "2026-1-01", " 2026-01-01", "２０２６-01-01"] {
            XCTAssertNil(SimpleDate(text), text)
        }
        let source = PageSource(text: "---\ntitle: Bins\ndate: +202-12-01\n---\nText.\n", file: "bins.md")
        XCTAssertEqual(source.diagnostics.map(\.line), [3], "\(source.diagnostics)")
    }

    func testNoFrontMatterMeansTheWholeFileIsBody() {
        let source = PageSource(text: "## Heading\n", file: "a.md")
        XCTAssertEqual(source.body, "## Heading\n")
        XCTAssertNil(source.frontMatter.title)
        XCTAssertEqual(source.diagnostics, [])
    }

    func testUnclosedFrontMatterIsAnErrorOnLineOne() {
        let source = PageSource(text: "---\ntitle: Bins\n\nSome text.\n", file: "bins.md")
        XCTAssertEqual(source.diagnostics.count, 1)
        XCTAssertEqual(source.diagnostics[0].rule, "front-matter/unclosed")
        XCTAssertEqual(source.diagnostics[0].file, "bins.md")
        XCTAssertEqual(source.diagnostics[0].line, 1)
        XCTAssertTrue(source.diagnostics[0].suggestion!.contains("'---'"))
    }

    func testWrongTypesNameTheKeyAndItsLine() {
        let source = PageSource(text: "---\ntitle: Bins\norder: first\ntags:\n  nested: map\nupdated: 14 October\n---\nText\n", file: "bins.md")
        let byKey = Dictionary(uniqueKeysWithValues: source.diagnostics.map { (String($0.message.split(separator: "'")[0]), $0) })
        XCTAssertEqual(byKey["order"]?.line, 3)
        XCTAssertEqual(byKey["order"]?.message, "'order' must be a whole number.")
        XCTAssertEqual(byKey["tags"]?.line, 4)
        XCTAssertEqual(byKey["updated"]?.line, 6)
        XCTAssertEqual(byKey["updated"]?.suggestion, "Write it like this: updated: 2026-11-25")
        XCTAssertTrue(source.diagnostics.allSatisfy { $0.rule == "front-matter/type" && $0.severity == .error })
    }

    func testYAMLSyntaxErrorHasTheFileLine() {
        let source = PageSource(text: "---\ntitle: Bins\ndescription: \"unclosed\n---\nText\n", file: "bins.md")
        XCTAssertEqual(source.diagnostics.first?.rule, "front-matter/yaml")
        XCTAssertGreaterThanOrEqual(source.diagnostics.first?.line ?? 0, 3)
    }

    func testUnknownKeyWarnsWithTheClosestKnownKey() {
        let source = PageSource(text: "---\ntitle: Bins\ndesciption: Bins.\n---\n", file: "bins.md")
        XCTAssertEqual(source.diagnostics.count, 1)
        XCTAssertEqual(source.diagnostics[0].severity, .warning)
        XCTAssertEqual(source.diagnostics[0].line, 3)
        XCTAssertEqual(source.diagnostics[0].suggestion, "Did you mean 'description'?")
    }

    func testByteOrderMarkAndCRLF() {
        let source = PageSource(text: "\u{FEFF}---\r\ntitle: Bins\r\n---\r\nText\r\n", file: "bins.md")
        XCTAssertEqual(source.diagnostics, [])
        XCTAssertEqual(source.frontMatter.title, "Bins")
        XCTAssertEqual(source.bodyStartLine, 4)
    }

    func testUnclosedListIsReportedAtItsOpeningBracket() {
        let source = PageSource(text: "---\ntitle: [unbalanced\ndescription: Bins.\n---\nText\n", file: "bins.md")
        XCTAssertEqual(
            source.diagnostics,
            [
                Diagnostic(
                    rule: "front-matter/yaml", severity: .error, file: "bins.md", line: 2, column: 8,
                    message: "The YAML is not valid here: this list starts with '[' but is never closed with ']'.",
                    suggestion: "Add ']' at the end of the list, or put the whole value in quotes if it is text that holds '['.")
            ])
        XCTAssertTrue(source.frontMatterIsUnreadable)
    }

    func testUnclosedQuoteAndMissingColonAreReportedWhereTheyStart() {
        let quote = PageSource(text: "---\ntitle: Tax\ndescription: \"unclosed\n---\nText\n", file: "tax.md")
        XCTAssertEqual(
            quote.diagnostics.map { "\($0.line):\($0.column) \($0.message)" },
            ["3:14 The YAML is not valid here: this text starts with a quote mark but is never closed."])
        let colon = PageSource(text: "---\ntitle: Tax\nthis line is wrong\n---\nText\n", file: "tax.md")
        XCTAssertEqual(
            colon.diagnostics.map { "\($0.line):\($0.column) \($0.message)" },
            ["3:1 The YAML is not valid here: this line has no ':' after the setting's name."])
        XCTAssertFalse(PageSource(text: "---\ntitle: Tax\n---\nText\n", file: "tax.md").frontMatterIsUnreadable)
    }

    func testCommonYAMLMistakesAreExplainedInPlainWords() {
        let colon = PageSource(text: "---\ntitle: Bins: what goes where\n---\n", file: "a.md").diagnostics
        XCTAssertEqual(
            colon.map { "\($0.line):\($0.column) \($0.message)" },
            ["2:12 The YAML is not valid here: this ':' starts a new setting where one cannot start."])
        XCTAssertEqual(
            colon.first?.suggestion,
            "If the value holds ': ', put the whole value in quotes (title: \"Bins: what goes where\"). If the line is indented more than it should be, line it up with the settings above it."
        )
        let indent = PageSource(text: "---\ntitle: Bins\ntags:\n  - one\n - two\n---\n", file: "a.md").diagnostics
        XCTAssertEqual(
            indent.map { "\($0.line):\($0.column) \($0.message)" },
            ["5:2 The YAML is not valid here: this is not where a new setting can start."])
    }

    func testManyUnknownKeysGiveTwentyWarningsAndASummary() {
        let keys = (1...10_000).map { "extra\($0): value" }.joined(separator: "\n")
        let source = PageSource(text: "---\ntitle: Bins\n\(keys)\n---\nText\n", file: "bins.md")
        XCTAssertEqual(source.frontMatter.title, "Bins")
        XCTAssertEqual(source.diagnostics.count, 21)
        XCTAssertEqual(source.diagnostics[0].message, "'extra1' is not a setting Plainsite knows, so it is ignored.")
        XCTAssertEqual(source.diagnostics[0].line, 3)
        let summary = source.diagnostics[20]
        XCTAssertEqual(summary.line, 23)
        XCTAssertEqual(summary.severity, .warning)
        XCTAssertEqual(summary.message, "'extra21' and 9,979 more settings after it are not settings Plainsite knows, so they are ignored.")
    }

    func testSummaryCountReadsNaturally() {
        let keys = (1...22).map { "extra\($0): value" }.joined(separator: "\n")
        let source = PageSource(text: "---\ntitle: Bins\n\(keys)\n---\n", file: "bins.md")
        XCTAssertEqual(source.diagnostics.last?.message, "'extra21' and 1 more setting after it are not settings Plainsite knows, so they are ignored.")
        XCTAssertEqual(YAMLFields.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(YAMLFields.grouped(999), "999")
    }

    func testRepeatedKeyGivesTheLastValueAndTheFirstLine() {
        // More keys than the index scans one by one, so the dictionary is used.
        let keys = (1...20).map { "x\($0): v" }.joined(separator: "\n")
        let source = PageSource(text: "---\ntitle: First\n\(keys)\ntitle: Second\n---\n", file: "a.md")
        XCTAssertEqual(source.frontMatter.title, "Second")
        XCTAssertEqual(source.frontMatter.keyLines["title"], 2)
    }

    func testInvalidDatesAreRejected() {
        XCTAssertNil(SimpleDate("2026-02-30"))
        XCTAssertNil(SimpleDate("2026-13-01"))
        XCTAssertNotNil(SimpleDate("2028-02-29"))
    }
}
