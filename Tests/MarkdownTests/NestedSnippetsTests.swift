import Diagnostics
import Foundation
import XCTest

@testable import Markdown

/// Snippets that place other snippets: rendered inside out, with loops and deep nesting refused.
final class NestedSnippetsTests: XCTestCase {
    func snippets(_ bodies: [String: String]) -> NestedSnippets {
        let sources = bodies.mapValues { _ in "" }.reduce(into: [String: PageSource]()) { result, entry in
            result[entry.key] = PageSource(text: bodies[entry.key]!, file: "content/_snippets/\(entry.key).md")
        }
        return NestedSnippets(sources: sources, context: RenderContext())
    }

    func testSnippetPlacesAnotherSnippet() {
        let nested = snippets(["contact": "Write to us.\n\n{{> phone }}\n", "phone": "Call 01632 960000.\n"])
        XCTAssertEqual(nested.diagnostics, [])
        XCTAssertEqual(nested.rendered["contact"]?.html, "<p>Write to us.</p>\n<p>Call 01632 960000.</p>\n")
        XCTAssertEqual(nested.rendered["contact"]?.diagnostics, [])
    }

    func testSnippetUsingItselfIsAnError() {
        let nested = snippets(["self": "Text.\n\n{{> self }}\n"])
        XCTAssertEqual(
            nested.diagnostics,
            [
                Diagnostic(
                    rule: "markdown/snippet-loop", severity: .error, file: "content/_snippets/self.md", line: 3, column: 1,
                    message: "The snippet 'self' uses itself, so it would never end.",
                    suggestion: "Remove '{{> self }}' from this snippet, or copy the words you need into it.")
            ])
    }

    func testLoopThroughOtherSnippetsNamesTheChain() {
        let nested = snippets(["a": "A.\n\n{{> b }}\n", "b": "B.\n\n{{> c }}\n", "c": "C.\n\n\n{{> a }}\n"])
        XCTAssertEqual(
            nested.diagnostics.map { "\($0.file) \($0.line):\($0.column) \($0.message)" },
            ["content/_snippets/c.md 4:1 The snippet 'a' uses itself through other snippets: a → b → c → a, so it would never end."])
        XCTAssertEqual(nested.rendered["a"]?.html, "<p>A.</p>\n<p>B.</p>\n<p>C.</p>\n")
    }

    func testNestingDeeperThanTheLimitIsAnError() {
        var bodies: [String: String] = [:]
        for level in 1...9 { bodies["s\(level)"] = level == 9 ? "Deepest.\n" : "Level \(level).\n\n{{> s\(level + 1) }}\n" }
        let nested = snippets(bodies)
        XCTAssertEqual(
            nested.diagnostics.map { "\($0.file) \($0.line) \($0.rule) \($0.message)" },
            ["content/_snippets/s1.md 3 markdown/snippet-depth Placing the snippet 's2' here puts 9 snippets inside each other; Plainsite places at most 8."])
        XCTAssertEqual(nested.rendered["s2"]?.html.contains("Deepest."), true)
    }

    func testVeryLongChainStopsWithoutGoingDeeper() {
        var bodies: [String: String] = [:]
        for level in 1...300 { bodies[String(format: "s%04d", level)] = "Level.\n\n{{> \(String(format: "s%04d", level + 1)) }}\n" }
        let nested = snippets(bodies)
        XCTAssertEqual(Set(nested.diagnostics.map(\.rule)), ["markdown/snippet-depth"])
        XCTAssertEqual(nested.rendered.count, 300)
    }
}
