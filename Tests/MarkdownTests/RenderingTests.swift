import Markdown
import XCTest

final class RenderingTests: XCTestCase {
    func render(_ markdown: String, context: RenderContext = RenderContext()) -> RenderedMarkdown {
        MarkdownRenderer.render(markdown, file: "page.md", context: context)
    }

    func testTablesRenderWithHeaderCells() {
        let html = render("| Bin | Day |\n| --- | --- |\n| Green | Monday |\n").html
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<th>Bin</th>"), html)
        XCTAssertTrue(html.contains("<td>Monday</td>"), html)
    }

    func testFootnotesLinkBothWays() {
        let html = render("Fees rise in April.[^1]\n\n[^1]: Agreed by the council.\n").html
        XCTAssertTrue(html.contains("href=\"#fn-1\""), html)
        XCTAssertTrue(html.contains("id=\"fn-1\""), html)
        XCTAssertTrue(html.contains("Agreed by the council."), html)
        XCTAssertTrue(html.contains("href=\"#fnref-1\""), html)
    }

    func testAutolinksAndStrikethroughAndTaskLists() {
        let html = render("See www.kestrelford.example today. ~~Closed~~ Open.\n\n- [x] Done\n- [ ] To do\n").html
        XCTAssertTrue(html.contains("<a href=\"http://www.kestrelford.example\">www.kestrelford.example</a>"), html)
        XCTAssertTrue(html.contains("<del>Closed</del>"), html)
        XCTAssertTrue(html.contains("type=\"checkbox\" checked=\"\" disabled=\"\""), html)
    }

    func testRawHTMLNeverReachesThePage() {
        let html = render("<script>alert(1)</script>\n\nText <iframe src=x></iframe> and <b onclick=\"x()\">bold</b>.\n").html
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("<iframe"), html)
        XCTAssertFalse(html.contains("onclick"), html)
        XCTAssertTrue(html.contains("raw HTML omitted"), html)
    }

    func testJavaScriptLinksAreDropped() {
        let html = render("[Pay now](javascript:alert(1)) and [ok](https://example.org/)\n").html
        XCTAssertFalse(html.lowercased().contains("javascript:"), html)
        XCTAssertTrue(html.contains("href=\"https://example.org/\""), html)
    }

    func testSharedDataFillsPlaceholders() {
        let data = DataValue.map(["council": .map(["phone": .text("01632 960000"), "address": .list([.text("1 Market Street"), .text("Kestrelford")])])])
        let rendered = render("Call {{ council.phone }} or write to {{council.address}}.\n", context: RenderContext(data: data))
        XCTAssertEqual(rendered.html, "<p>Call 01632 960000 or write to 1 Market Street, Kestrelford.</p>\n")
        XCTAssertEqual(rendered.diagnostics, [])
    }

    func testUnknownDataIsAnErrorAtItsPosition() {
        let rendered = render("Intro.\n\nCall café {{ council.fone }} today.\n", context: RenderContext(data: .map(["council": .map([:])])))
        XCTAssertEqual(rendered.diagnostics.count, 1)
        let diagnostic = rendered.diagnostics[0]
        XCTAssertEqual(diagnostic.rule, "markdown/unknown-data")
        XCTAssertEqual(diagnostic.line, 3)
        XCTAssertEqual(diagnostic.column, 11)
        XCTAssertEqual(diagnostic.endColumn, 29)
        XCTAssertTrue(diagnostic.message.contains("{{ council.fone }}"))
    }

    func testSnippetReplacesItsParagraph() {
        let context = RenderContext(snippets: ["contact-details": "<p>Call us.</p>\n"])
        let rendered = render("Before.\n\n{{> contact-details }}\n\nAfter.\n", context: context)
        XCTAssertEqual(rendered.html, "<p>Before.</p>\n<p>Call us.</p>\n<p>After.</p>\n")
    }

    func testUnknownSnippetIsAnError() {
        let rendered = render("\n\n{{> opening-times }}\n", context: RenderContext(snippets: ["opening-hours": ""]))
        XCTAssertEqual(rendered.diagnostics.map(\.rule), ["markdown/unknown-snippet"])
        XCTAssertEqual(rendered.diagnostics.first?.line, 3)
        XCTAssertEqual(rendered.diagnostics.first?.suggestion?.contains("opening-hours"), true)
    }

    func testLevelOneHeadingInBodyIsAnErrorWithItsLine() {
        let rendered = render("Intro.\n\n# Second title\n")
        XCTAssertEqual(rendered.diagnostics.map(\.rule), ["markdown/heading-one"])
        XCTAssertEqual(rendered.diagnostics.first?.line, 3)
        XCTAssertEqual(rendered.diagnostics.first?.column, 1)
    }

    func testLinksAreRewrittenAndRecordedWithLines() {
        let context = RenderContext(rewriteURL: { $0.hasSuffix(".md") ? "/" + $0.dropLast(3) + "/" : $0 })
        let rendered = render("Text.\n\nSee [bins](bins.md).\n\n![Map](map.png)\n", context: context)
        XCTAssertTrue(rendered.html.contains("href=\"/bins/\""), rendered.html)
        XCTAssertEqual(
            rendered.links,
            [
                MarkdownLink(url: "bins.md", line: 3, isImage: false),
                MarkdownLink(url: "map.png", line: 5, isImage: true),
            ])
    }

    func testCRLFAndMultibytePositions() {
        let rendered = render("Ça va.\r\n\r\n  # Titre\r\n")
        XCTAssertEqual(rendered.diagnostics.first?.line, 3)
        XCTAssertEqual(rendered.diagnostics.first?.column, 3)
    }
}
