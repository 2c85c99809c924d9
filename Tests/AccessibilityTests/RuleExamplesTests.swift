import Accessibility
import HTML
import XCTest

/// Runs every accessibility rule's own examples. A fragment is placed in a page that passes
/// every rule; `↓` marks the start tag of each element a finding must point at.
final class AccessibilityRuleExamplesTests: XCTestCase {
    static func page(_ fragment: String) -> String {
        if fragment.hasPrefix("<!DOCTYPE") { return fragment }
        return """
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Example - Test</title></head><body><a href="#main">Skip to main content</a><main id="main"><h1>Example</h1>\(fragment)</main></body></html>
            """
    }

    /// Document-order indexes of the elements whose start tags follow a ↓.
    static func marks(_ html: String) -> (html: String, indexes: [Int]) {
        var clean = "", indexes: [Int] = [], startTags = 0
        var characters = Array(html)[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if character == "↓" { indexes.append(startTags); continue }
            if character == "<", let next = characters.first, next.isLetter { startTags += 1 }
            clean.append(character)
        }
        return (clean, indexes)
    }

    func testEveryRuleHonoursItsExamples() {
        for rule in AccessibilityChecker.rules {
            let description = rule.description
            XCTAssertFalse(description.passes.isEmpty, description.id)
            XCTAssertFalse(description.fails.isEmpty, description.id)
            XCTAssertTrue(description.criterion.first?.isNumber ?? false, "\(description.id) names its WCAG criterion")
            for example in description.passes {
                let page = CheckedPage(html: Self.page(example))
                var findings: [AccessibilityFinding] = []
                rule.check(page, into: &findings)
                XCTAssertEqual(findings.map(\.message), [], "\(description.id) must pass: \(example)")
            }
            for example in description.fails {
                let (html, expected) = Self.marks(Self.page(example))
                let page = CheckedPage(html: html)
                var findings: [AccessibilityFinding] = []
                rule.check(page, into: &findings)
                let found = findings.map { $0.element?.documentIndex ?? -1 }.sorted()
                XCTAssertEqual(found, expected, "\(description.id) must flag: \(example) — \(findings.map(\.message))")
                XCTAssertTrue(findings.allSatisfy { $0.message.contains("(WCAG 2.2 \(description.criterion))") })
            }
        }
    }

    func testEveryRuleIsCleanOnTheTemplatePage() {
        let page = CheckedPage(html: Self.page("<p>Nothing wrong here.</p>"))
        for rule in AccessibilityChecker.rules {
            var findings: [AccessibilityFinding] = []
            rule.check(page, into: &findings)
            XCTAssertEqual(findings.map(\.message), [], rule.description.id)
        }
        XCTAssertGreaterThanOrEqual(AccessibilityChecker.rules.count, 25)
    }
}
