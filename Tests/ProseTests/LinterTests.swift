import Diagnostics
import Markdown
import Prose
import XCTest

final class LinterTests: XCTestCase {
    func lint(_ text: String, configuration: LintConfiguration = LintConfiguration()) -> LintResult {
        let page = PageSource(text: text, file: "page.md")
        let rendered = MarkdownRenderer.render(page.body, file: "page.md")
        return Linter(configuration: configuration).lint(file: "page.md", text: text, page: page, blocks: rendered.textBlocks)
    }

    func only(_ rule: String, in result: LintResult) -> [Diagnostic] {
        result.diagnostics.filter { Linter.matches(rule, $0.rule) }
    }

    func testPositionsCountCharactersInCRLFFilesAndNestedLists() throws {
        let text = "---\r\ntitle: Café opening\r\n---\r\n\r\n- Item\r\n  - Café staff utilise tools\r\n"
        let diagnostic = try XCTUnwrap(only("govuk-words/utilise", in: lint(text)).first)
        XCTAssertEqual(diagnostic.line, 6)
        XCTAssertEqual(diagnostic.column, 16)
        XCTAssertEqual(diagnostic.endColumn, 23)
        XCTAssertEqual(diagnostic.message, "Use 'use' instead of 'utilise'.")
        XCTAssertEqual(diagnostic.file, "page.md")
    }

    func testCodeURLsAndCommentsAreNeverLinted() {
        let result = lint("Type `utilise` here and see [the tip](https://example.org/utilise/).\n\n<!-- utilise -->\n\n```\nutilise\n```\n")
        XCTAssertEqual(only("govuk-words", in: result), [])
    }

    func testTitleAndDescriptionAreLintedAtTheirPosition() throws {
        let result = lint("---\ntitle: \"We utilise bins\"\ndescription: Prior to collection, sort waste.\n---\nText.\n")
        let title = try XCTUnwrap(only("govuk-words/utilise", in: result).first)
        XCTAssertEqual([title.line, title.column], [2, 12])
        let description = try XCTUnwrap(only("plain-words/prior-to", in: result).first)
        XCTAssertEqual([description.line, description.column], [3, 14])
    }

    func testDescriptionOverSeveralLinesIsLintedWhereEachWordIs() throws {
        let folded = lint("---\ntitle: Parking\ndescription: >\n  Residents must utilise\n  the permit. Prior to parking,\n  check the sign.\n---\nText.\n")
        XCTAssertEqual(only("govuk-words/utilise", in: folded).map { [$0.line, $0.column, $0.endColumn] }, [[4, 18, 25]])
        XCTAssertEqual(only("plain-words/prior-to", in: folded).map { [$0.line, $0.column] }, [[5, 15]])
        let continued = lint("---\ntitle: Rubbish\ndescription: \"We collect rubbish and\n  residents must utilise the bins.\"\n---\nText.\n")
        XCTAssertEqual(only("govuk-words/utilise", in: continued).map { [$0.line, $0.column] }, [[4, 18]])
    }

    func testFixKeepsCaseLeavesCodeAloneAndIsIdempotent() {
        let text = "Utilise the form. We utilise `utilise` daily.\n\nIn order to pay, call us.\n"
        let first = FixApplierHarness.fix(text, linter: Linter())
        XCTAssertEqual(first, "Use the form. We use `utilise` daily.\n\nTo pay, call us.\n")
        XCTAssertEqual(FixApplierHarness.fix(first, linter: Linter()), first)
    }

    func testControlCommentsTurnRulesOffAndUnknownIDsAreErrors() {
        let text = """
            We utilise bins.

            <!-- plainsite-disable govuk-words -->
            We utilise bins.
            <!-- plainsite-enable govuk-words -->

            <!-- plainsite-disable-next-line govuk-words/utilise -->
            We utilise bins.

            We utilise bins.

            <!-- plainsite-disable no-such-rule -->
            """
        let result = lint(text)
        XCTAssertEqual(only("govuk-words/utilise", in: result).map(\.line), [1, 10])
        let unknown = only("lint/unknown-rule", in: result)
        XCTAssertEqual(unknown.map(\.line), [12])
        XCTAssertEqual(unknown.first?.severity, .error)
    }

    func testFrontMatterDisableAndUnknownRule() {
        let result = lint("---\ntitle: Bins\nlint:\n  disable: [govuk-words, sentence-lenght]\n---\nWe utilise bins.\n")
        XCTAssertEqual(only("govuk-words", in: result), [])
        let unknown = only("lint/unknown-rule", in: result)
        XCTAssertEqual(unknown.count, 1)
        XCTAssertEqual(unknown.first?.line, 3)
        XCTAssertEqual(unknown.first?.suggestion?.contains("'sentence-length'"), true)
    }

    func testSiteSettingsChangeSeverityAndTurnRulesOff() {
        var configuration = LintConfiguration()
        configuration.severities["govuk-words"] = .error
        configuration.severities["passive-voice"] = .some(nil)
        let result = lint("We utilise bins. Your bin will be collected on Monday.\n", configuration: configuration)
        XCTAssertEqual(only("govuk-words", in: result).map(\.severity), [.error])
        XCTAssertEqual(only("passive-voice", in: result), [])
    }

    func testFingerprintsIgnoreLinesButNotSentences() {
        let before = lint("We utilise bins.\n")
        let moved = lint("New first paragraph.\n\nWe utilise bins.\n")
        let other = lint("We utilise bins.\n\nStaff utilise vans.\n")
        let index = { (result: LintResult) in result.diagnostics.indices.filter { result.diagnostics[$0].rule == "govuk-words/utilise" } }
        XCTAssertEqual(index(before).map { before.fingerprints[$0] }, index(moved).map { moved.fingerprints[$0] })
        let otherPrints = index(other).map { other.fingerprints[$0] }
        XCTAssertEqual(otherPrints.count, 2)
        XCTAssertNotEqual(otherPrints[0], otherPrints[1], "a new finding with the same words elsewhere is a new finding")
    }

    func testSentenceLengthLimitsComeFromSettings() {
        var configuration = LintConfiguration()
        configuration.prose.sentenceWarningLength = 5
        configuration.prose.sentenceErrorLength = 8
        let result = lint("Put your bin out by 7am on Monday please.\n\nPut the bin out.\n", configuration: configuration)
        XCTAssertEqual(only("sentence-length", in: result).map(\.severity), [.error])
    }
}

/// Applies fixes the way `plainsite lint --fix` does.
enum FixApplierHarness {
    static func fix(_ text: String, linter: Linter) -> String {
        let page = PageSource(text: text, file: "page.md")
        let rendered = MarkdownRenderer.render(page.body, file: "page.md")
        let fixes = linter.lint(file: "page.md", text: text, page: page, blocks: rendered.textBlocks).fixes
        return ProseFixes.apply(fixes, to: text).text
    }
}
