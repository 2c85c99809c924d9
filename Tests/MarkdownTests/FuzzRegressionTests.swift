import Markdown
import XCTest

/// Inputs the fuzzer (scripts/fuzz.sh, `make fuzz`) found crashing, kept so they never crash again.
final class FuzzRegressionTests: XCTestCase {
    func render(_ markdown: String) -> RenderedMarkdown {
        MarkdownRenderer.render(markdown, file: "fuzz.md")
    }

    /// A table whose delimiter row follows a paragraph: cmark reports a cell column before its line starts.
    func testTableCellWithAPositionOutsideItsLine() {
        let rendered = render("t\na\nm||\n-|-")
        XCTAssertTrue(rendered.html.contains("<table>"), rendered.html)
        XCTAssertFalse(rendered.textBlocks.isEmpty)
    }
}
