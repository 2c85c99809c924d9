import Diagnostics
import Foundation
import HTML
import XCTest

@testable import Accessibility

/// The rules' byte-level shortcuts give what their character-level versions give.
final class FastPathTests: XCTestCase {
    func testLinkWordsAgreeWithCharacters() {
        let samples = ["", "Read more", "  CLICK   here!! ", "more-info", "e-mail 2 us", "a\r\nb", "Café more", "read\u{301} more", "ÉCOLE", "x_y"]
        for name in samples {
            XCTAssertEqual(VagueLinkRule.words(name), name.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " "), name)
        }
    }

    func testViewportSpacesAreRemoved() {
        for content in ["width=device-width, initial-scale=1", "  a  b ", "", "é ê"] {
            XCTAssertEqual(ViewportZoomRule.withoutSpaces(content), content.replacingOccurrences(of: " ", with: ""), content)
        }
    }

    func testFragmentsWithoutPercentAreTheirOwnDecoding() {
        for fragment in ["main-content", "x", "caf\u{E9}", "cafe\u{301}", "a b", "\u{1F600}", "?q=1&r", "-", "+"] {
            XCTAssertEqual(fragment.removingPercentEncodingIfPossible, fragment.removingPercentEncoding ?? fragment, fragment)
        }
        XCTAssertEqual("caf%C3%A9".removingPercentEncodingIfPossible, "caf\u{E9}")
        XCTAssertEqual("100%".removingPercentEncodingIfPossible, "100%")
    }

    func testContainsASCII() {
        XCTAssertTrue("<p style=\"color:red\">".containsASCII("style="))
        XCTAssertTrue("style=".containsASCII("style="))
        XCTAssertFalse("<p styl e=>".containsASCII("style="))
        XCTAssertFalse("style".containsASCII("style="))
        XCTAssertFalse("".containsASCII("style="))
        XCTAssertTrue("ssstyle=x".containsASCII("style="))
        XCTAssertTrue("é style=".containsASCII("style="))
    }

    /// The accessible name as first written: strings for every part, nothing kept.
    static func referenceName(_ element: HTMLElement, in page: CheckedPage) -> String {
        func words(_ text: String) -> String { text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        if let labelledBy = element.attribute("aria-labelledby") {
            let text = labelledBy.split(separator: " ").compactMap { page.byID[String($0)]?.normalizedText }.joined(separator: " ")
            if !words(text).isEmpty { return words(text) }
        }
        if let label = element.attribute("aria-label"), !words(label).isEmpty { return words(label) }
        if element.name == "img" || (element.name == "input" && element.attribute("type")?.lowercased() == "image") {
            return element.attribute("alt").map(words) ?? ""
        }
        var parts: [String] = []
        func collect(_ node: HTMLElement) {
            if node.attribute("aria-hidden") == "true" { return }
            if node.name == "img" { parts.append(node.attribute("alt") ?? ""); return }
            if node.name == "svg", let title = node.children.first(where: { $0.name == "title" }) { parts.append(title.normalizedText); return }
            parts.append(node.ownText)
            for child in node.children { collect(child) }
        }
        collect(element)
        let text = words(parts.joined(separator: " "))
        if !text.isEmpty { return text }
        return element.attribute("title").map(words) ?? ""
    }

    func testAccessibleNamesAgreeWithTheFirstVersionAndAreKept() {
        let page = CheckedPage(
            html: """
                <html><body><a href="/a/">Pay <img src="x.png" alt="your"> <span aria-hidden="true">★</span> council   tax</a>
                <a href="/b/" aria-label=" Label "></a><a href="/c/"><svg><title>Icon  name</title></svg></a><a href="/d/" title="T"></a>
                <a href="/e/">  £5 –  “fee”</a><a href="/f/">a \u{301}b</a><span id="l1">First</span><a href="/g/" aria-labelledby="l1 none">x</a>
                <a href="/h/"><b>Bold</b>\u{00A0}<i>and</i> plain</a><a href="/i/"><span>\u{0600}</span>  x</a><img src="y.png" alt=" Alt  text ">
                <input type="image" alt="Go"><h2> </h2><button><img src="z.png" alt=""></button></body></html>
                """)
        let elements = page.elements
        let first = elements.map { page.accessibleName($0) }
        XCTAssertEqual(first, elements.map { Self.referenceName($0, in: page) })
        XCTAssertEqual(elements.map { page.accessibleName($0) }, first)
        XCTAssertEqual(
            page.elements(named: ["a"]).prefix(5).map { page.accessibleName($0) }, ["Pay council tax your", "Label", "Icon name", "T", "£5 – “fee”"])
    }

    /// Document formats found on the bytes of ASCII addresses are those found on characters.
    func testDocumentFormatsOnBytesAgreeWithCharacters() {
        var urls = [
            "/a.pdf", "/a.PDF", "/a.pdf#x", "/a.pdf?x=1", "#x.pdf", "##a.docx", "?a.pdf", "a.pdf??", "/x.y/z", "/x.pdf/",
            "report.final.xlsx", "https://example.org/file.csv#p", ".pdf", ".", "..", "#", "?", "#?", "a#b.pdf", "a?b.pdf#c",
            "/files/plan.Pptx?download=1#page=2", "/caf\u{e9}.pdf", "/a.pd\u{301}f", "mailto:x@example.org", "/a.p/df",
            "/a.odt?", "??b.ods", "#?c.odp", "x.rtf#", "/?#.doc", "/.docx", "/a.", "/a..pdf",
        ]
        var generator = SystemRandomNumberGenerator()
        let pieces = ["/", ".", "#", "?", "pdf", "PDF", "doc", "x", "csv", "a", "=", "1"]
        for _ in 0..<3000 {
            urls.append((0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for url in urls {
            let fast = DocumentFormats.format(of: url), slow = DocumentFormats.characterFormat(of: url)
            XCTAssertEqual(fast?.extension, slow?.extension, url)
            XCTAssertEqual(fast?.name, slow?.name, url)
        }
    }

    /// A page checked from its UTF-8 bytes gives what checking its String gives: on every rule
    /// example, with template markers and source positions, text beyond ASCII and a NUL byte
    /// (libxml2 reads up to it either way). (Stripping is tested against a reference in
    /// `SourceLocationTests`.)
    func testPagesCheckedFromBytesAgreeWithStrings() {
        var pages: [String] = []
        for rule in AccessibilityChecker.rules {
            for example in rule.description.passes + rule.description.fails {
                let fragment = example.replacingOccurrences(of: "↓", with: "")
                pages.append(fragment)
                pages.append(AccessibilityRuleExamplesTests.page(fragment))
            }
        }
        pages += [
            "", "<p>x</p>",
            "<!--ps:layouts/page--><main><h1 data-sourcepos=\"1:1-1:5\">Caf\u{e9} \u{2013} t\u{e9}l</h1><p style=\"color: red\">x</p></main><!--/ps:layouts/page-->",
            "<html lang=\"cy\"><body><a href=\"#a\">A</a><h2 id=\"a\">A\u{0}B</h2><img src=\"x.png\"></body></html>",
            "<body>\u{0}<img src=\"after-nul.png\"></body>",
        ]
        let checker = AccessibilityChecker()
        for html in pages {
            let locator = SourceLocator(markdownFile: "page.md", templates: ["layouts/page": "<main>\n<h1>{{title}}</h1>\n</main>\n"])
            let fromString = checker.check(html: html, file: "page.html", locator: locator)
            let fromBytes = checker.check(utf8: Array(html.utf8), file: "page.html", locator: locator)
            XCTAssertEqual(fromBytes.diagnostics, fromString.diagnostics, html)
            XCTAssertEqual(fromBytes.anchors, fromString.anchors, html)
            XCTAssertEqual(fromBytes.links, fromString.links, html)
            XCTAssertEqual(fromBytes.title, fromString.title, html)
            XCTAssertEqual(CheckedPage(utf8: Array(html.utf8)).hasInlineStyles, CheckedPage(html: html).hasInlineStyles, html)
        }
    }
}
