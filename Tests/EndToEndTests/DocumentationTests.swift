import Accessibility
import Foundation
import Prose
import XCTest

/// The rules reference in README.md and docs/rules.md is generated from the rules themselves
/// (`make docs`); this fails when a rule changed and the documents were not regenerated.
final class DocumentationTests: XCTestCase {
    static let root = SampleSitesTests.root

    func generatedPart(of file: String, start: String, end: String) throws -> String {
        let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
        let afterStart = try XCTUnwrap(text.components(separatedBy: start).dropFirst().first, "\(file) lacks \(start)")
        return try XCTUnwrap(afterStart.components(separatedBy: end).first).trimmingCharacters(in: .newlines)
    }

    func testReadmeRulesTableIsCurrent() throws {
        XCTAssertEqual(
            try generatedPart(of: "README.md", start: "<!-- rules:start -->", end: "<!-- rules:end -->"),
            RuleReference.table().trimmingCharacters(in: .newlines), "Run `make docs`.")
    }

    func testAccessibilityReferenceIsCurrent() throws {
        XCTAssertEqual(
            try generatedPart(of: "docs/accessibility.md", start: "<!-- reference:start -->", end: "<!-- reference:end -->"),
            AccessibilityReference.markdown().trimmingCharacters(in: .newlines), "Run `make docs`.")
    }

    func testRulesReferenceIsCurrent() throws {
        XCTAssertEqual(
            try generatedPart(of: "docs/rules.md", start: "<!-- reference:start -->", end: "<!-- reference:end -->"),
            RuleReference.markdown().trimmingCharacters(in: .newlines), "Run `make docs`.")
    }
}
