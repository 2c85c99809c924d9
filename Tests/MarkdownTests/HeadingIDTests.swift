import XCTest

@testable import Markdown

final class HeadingIDTests: XCTestCase {
    /// The slug as it was made before the ASCII path: on Characters.
    func referenceSlug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    func testSlugsAgreeWithTheCharacterRules() {
        let fixed = [
            "Pay by phone", "  Pay   BY phone!! ", "", "!!!", "Step 1: apply", "COVID-19 (2021)", "a\r\nb", "tab\there",
            "Café opening times", "Kestrelford’s parks", "naïve_approach", "日本語 text", "x\u{301}y", "[!NOTE] Heads up",
        ]
        for text in fixed {
            XCTAssertEqual(HeadingIDs.slug(text), referenceSlug(text), text.debugDescription)
        }
        let alphabet = Array("aZ09 -_.,:;!?()[]{}'\"/\\@#$%^&*+=<>|~`\t\r\n")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(HeadingIDs.slug(text), referenceSlug(text), text.debugDescription)
        }
    }

    func testIDsInOrderWithRepeats() {
        let html = "<h2>Pay</h2>\n<p>x <hr /></p>\n<h3 data-sourcepos=\"3:1-3:9\">Pay</h3>\n<h2>Other</h2>\n"
        XCTAssertEqual(
            HeadingIDs.insert(into: html, headings: ["Pay", "Pay", "Other"]),
            "<h2 id=\"pay\">Pay</h2>\n<p>x <hr /></p>\n<h3 id=\"pay-2\" data-sourcepos=\"3:1-3:9\">Pay</h3>\n<h2 id=\"other\">Other</h2>\n")
        XCTAssertEqual(HeadingIDs.insert(into: html, headings: []), html)
        XCTAssertEqual(
            MarkdownRenderer.render("## Pay\n\n## Pay\n\n### Café!\n", file: "page.md").html,
            "<h2 id=\"pay\">Pay</h2>\n<h2 id=\"pay-2\">Pay</h2>\n<h3 id=\"café\">Café!</h3>\n")
    }

    /// Ids the theme uses are never given to headings: they get "-1" (or the next free number).
    func testIDsTheThemeUsesGetASuffix() {
        XCTAssertEqual(
            HeadingIDs.uniqueIDs(["Main content", "Main content", "Main content 1", "Pay"], reserved: ["main-content"]),
            ["main-content-1", "main-content-2", "main-content-1-1", "pay"])
        XCTAssertEqual(HeadingIDs.uniqueIDs(["Pay", "Pay 2", "Pay"]), ["pay", "pay-2", "pay-3"])
        let context = RenderContext(reservedIDs: ["main-content", "search"])
        XCTAssertEqual(
            MarkdownRenderer.render("## Main content\n\n## Search\n\n## Other\n", file: "page.md", context: context).html,
            "<h2 id=\"main-content-1\">Main content</h2>\n<h2 id=\"search-1\">Search</h2>\n<h2 id=\"other\">Other</h2>\n")
    }
}
