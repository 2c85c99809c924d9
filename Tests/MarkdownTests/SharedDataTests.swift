import Diagnostics
import XCTest
import Yams

@testable import Markdown

/// Shared data values as pages use them: empty values are known, with their file and line.
final class SharedDataTests: XCTestCase {
    func data(_ yaml: String, file: String = "content/_data/contact.yml") throws -> DataValue {
        let node = try XCTUnwrap(Yams.compose(yaml: yaml, Resolver.basic))
        return .map(["contact": DataValue(node: node, file: file)])
    }

    func testNullAndEmptyValuesAreEmptyWithTheirLine() throws {
        let values = try data("phone: 01632 960000\nfax: ~\ntextphone:\nminicom: \"\"\nnull_text: \"~\"\nnested:\n  pager: null\n")
        XCTAssertEqual(values.lookup("contact.phone"), .text("01632 960000"))
        XCTAssertEqual(values.lookup("contact.fax"), .empty(file: "content/_data/contact.yml", line: 2))
        XCTAssertEqual(values.lookup("contact.textphone"), .empty(file: "content/_data/contact.yml", line: 3))
        XCTAssertEqual(values.lookup("contact.minicom"), .empty(file: "content/_data/contact.yml", line: 4))
        // A quoted "~" is the text ~, not YAML's empty value.
        XCTAssertEqual(values.lookup("contact.null_text"), .text("~"))
        XCTAssertEqual(values.lookup("contact.nested.pager"), .empty(file: "content/_data/contact.yml", line: 7))
        XCTAssertEqual(values.lookup("contact.fax")?.inlineText, "")
    }

    func testEmptyValueInAPageIsAWarningNamingTheDataFileAndLine() throws {
        let values = try data("phone: 01632 960000\n\n\nfax: ~\n")
        let rendered = MarkdownRenderer.render(
            "Intro.\n\nCall {{ contact.phone }} or fax {{ contact.fax }}.\n",
            file: "content/main/contact.md", context: RenderContext(data: values))
        XCTAssertEqual(rendered.html, "<p>Intro.</p>\n<p>Call 01632 960000 or fax .</p>\n")
        XCTAssertEqual(
            rendered.diagnostics,
            [
                Diagnostic(
                    rule: "markdown/empty-data", severity: .warning, file: "content/main/contact.md", line: 3, column: 33, endColumn: 50,
                    message: "fax in content/_data/contact.yml (line 4) is empty, so content/main/contact.md line 3 shows nothing.",
                    suggestion: "Give it a value in content/_data/contact.yml, or remove '{{ contact.fax }}' from the page.")
            ])
    }

    func testUnreadableDataFileGivesNoErrorOnThePage() {
        let values = DataValue.map(["contact": .unreadable(file: "content/_data/contact.yml")])
        XCTAssertEqual(values.lookup("contact.phone.extension"), .unreadable(file: "content/_data/contact.yml"))
        let rendered = MarkdownRenderer.render("Call {{ contact.phone }}.\n", file: "page.md", context: RenderContext(data: values))
        XCTAssertEqual(rendered.diagnostics, [])
        XCTAssertEqual(rendered.html, "<p>Call .</p>\n")
    }
}
