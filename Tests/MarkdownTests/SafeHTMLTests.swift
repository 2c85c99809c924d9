import Diagnostics
import Markdown
import XCTest

/// Raw HTML (off by default, an allow-list when on) and addresses that would run code.
final class SafeHTMLTests: XCTestCase {
    func render(_ markdown: String, rawHTML: [String]? = nil) -> RenderedMarkdown {
        let policy = rawHTML.map { RawHTMLPolicy.parse($0).policy }
        return MarkdownRenderer.render(markdown, file: "content/main/page.md", context: RenderContext(rawHTML: policy))
    }

    func testRawHTMLIsLeftOutWithAWarningNamingItsPosition() {
        let rendered = render("Intro.\n\nPress <kbd>Ctrl</kbd> now.\n\n<div onclick=\"x()\">\nHi\n</div>\n")
        XCTAssertFalse(rendered.html.contains("<kbd>"), rendered.html)
        XCTAssertFalse(rendered.html.contains("<div"), rendered.html)
        let warnings = rendered.diagnostics.filter { $0.rule == "markdown/raw-html" }
        XCTAssertEqual(warnings.map(\.severity), [.warning, .warning, .warning])
        XCTAssertEqual(warnings.map { "\($0.line):\($0.column)" }, ["3:7", "3:16", "5:1"])
        XCTAssertEqual(warnings[0].file, "content/main/page.md")
        XCTAssertEqual(warnings[0].message, "Raw HTML is not published: '<kbd>' is left out of the page.")
        XCTAssertEqual(
            warnings[0].suggestion,
            "Write it in Markdown instead. To allow a few harmless elements such as <kbd> or <abbr>, list them under 'raw_html:' in plainsite.yml.")
    }

    func testCommentsAreNotRawHTML() {
        let rendered = render("<!-- plainsite-disable passive-voice -->\nText <!-- note --> here.\n")
        XCTAssertEqual(rendered.diagnostics, [])
    }

    func testAllowedElementsAreWrittenAgainFromTheirParts() {
        let rendered = render(
            "Press <kbd>Ctrl</kbd> and <abbr title=\"Penalty &quot;charge&quot; notice\" lang=en>PCN</abbr>.\n\n<sup>2</sup>\n",
            rawHTML: ["kbd", "abbr title lang", "sup"])
        XCTAssertEqual(rendered.diagnostics, [])
        XCTAssertTrue(
            rendered.html.contains("Press <kbd>Ctrl</kbd> and <abbr title=\"Penalty &quot;charge&quot; notice\" lang=\"en\">PCN</abbr>."), rendered.html)
        XCTAssertTrue(rendered.html.contains("<sup>2</sup>"), rendered.html)
    }

    func testDisallowedTagsAndAttributesAreErrorsWithFileLineAndColumn() {
        let rendered = render("Text.\n\nPress <kbd onclick=\"steal()\">Ctrl</kbd>.\n\n<script>alert(1)</script>\n", rawHTML: ["kbd", "abbr title"])
        XCTAssertFalse(rendered.html.contains("onclick"), rendered.html)
        XCTAssertFalse(rendered.html.contains("<script"), rendered.html)
        let errors = rendered.diagnostics.filter { $0.rule == "markdown/raw-html" }
        XCTAssertEqual(
            errors.map { "\($0.file):\($0.line):\($0.column)" }, ["content/main/page.md:3:7", "content/main/page.md:5:1", "content/main/page.md:5:17"])
        XCTAssertTrue(errors.allSatisfy { $0.severity == .error })
        XCTAssertEqual(errors[0].message, "The attribute 'onclick' in '<kbd onclick=\"steal()\">' is not allowed in raw HTML on this site.")
        XCTAssertEqual(errors[0].suggestion, "Write <kbd> without attributes.")
        XCTAssertEqual(errors[1].message, "'<script>' is raw HTML this site does not allow.")
        XCTAssertEqual(errors[1].suggestion, "Write it in Markdown instead. This site allows only: abbr (title), kbd.")
    }

    func testOnlyHarmlessElementsCanBeAllowed() {
        let (policy, problems) = RawHTMLPolicy.parse(["kbd", "script", "a href", "abbr title"])
        XCTAssertEqual(policy.summary, "abbr (title), kbd")
        XCTAssertEqual(problems.map(\.entry), ["script", "a href"])
    }

    func testScriptAddressesAreRefusedInEveryDisguise() {
        let payloads = [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
            "java&#x09;script:alert(1)", "<\u{01}javascript:alert(1)>", "<\u{0B} javascript:alert(1)>", "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/svg+xml;base64,PHN2Zz4=", "file:///etc/passwd",
        ]
        for payload in payloads {
            let rendered = render("Intro.\n\nSee [this page](\(payload)) and ![a map](\(payload)).\n")
            let html = rendered.html.lowercased()
            for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                XCTAssertFalse(html.contains(scheme), "\(payload): \(rendered.html)")
            }
            let imageColumn = 5 + "[this page](".count + payload.count + ") and ".count
            let errors = rendered.diagnostics.filter { $0.rule == "markdown/unsafe-url" }
            XCTAssertEqual(
                errors.map { "\($0.file):\($0.line):\($0.column)" },
                ["content/main/page.md:3:5", "content/main/page.md:3:\(imageColumn)"], payload)
        }
    }

    func testMessagesSayWhatToWriteInstead() {
        let rendered = render("[Pay](javascript:pay()) and [Form](data:application/pdf;base64,AAAA) ![Map](data:image/png;base64,iVBORw0KGgo=)\n")
        let errors = rendered.diagnostics.filter { $0.rule == "markdown/unsafe-url" }
        XCTAssertEqual(errors.count, 2, errors.description)
        XCTAssertEqual(
            errors[0].message, "This link's address starts with 'javascript:', which runs a script instead of opening a page, so Plainsite will not publish it."
        )
        XCTAssertEqual(errors[0].suggestion, "Link to a page instead, for example [Pay a bill](/pay/) or [Pay online](https://www.example.gov.uk/pay).")
        XCTAssertEqual("\(errors[0].line):\(errors[0].column)", "1:1")
        XCTAssertEqual(errors[1].message, "This link's address starts with 'data:', which hides a file inside the address, so Plainsite will not publish it.")
        XCTAssertEqual(
            errors[1].suggestion, "Put the file beside the page in the content folder and link to it by name, for example [Leaflet (PDF)](leaflet.pdf).")
        XCTAssertEqual("\(errors[1].line):\(errors[1].column)", "1:29")
        // A picture may be a data: image.
        XCTAssertTrue(rendered.html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), rendered.html)
    }
}
