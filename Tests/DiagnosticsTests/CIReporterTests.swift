import Diagnostics
import Foundation
import XCTest

final class CIReporterTests: XCTestCase {
    let diagnostics = [
        Diagnostic(
            rule: "govuk-words/utilise", severity: .warning, file: "content/a.md", line: 5, column: 4, endColumn: 11,
            message: "Use 'use' instead of 'utilise'.", suggestion: "Short words are easier."),
        Diagnostic(
            rule: "link-text/vague", severity: .error, file: "content/a.md", line: 7, column: 8, endColumn: 12,
            message: "The link text 'here' does not say where the link goes.", suggestion: nil),
        Diagnostic(
            rule: "passive-voice", severity: .suggestion, file: "content/b, c.md", line: 2, column: 1, endColumn: 9,
            message: "'is paid' is passive: 100% of\\nit."),
    ]

    func testGitHubAnnotations() {
        XCTAssertEqual(
            GitHubReporter().report(diagnostics),
            """
            ::warning file=content/a.md,line=5,col=4,endLine=5,endColumn=11,title=govuk-words/utilise::Use 'use' instead of 'utilise'. Short words are easier.
            ::error file=content/a.md,line=7,col=8,endLine=7,endColumn=12,title=link-text/vague::The link text 'here' does not say where the link goes.
            ::notice file=content/b%2C c.md,line=2,col=1,endLine=2,endColumn=9,title=passive-voice::'is paid' is passive: 100%25 of\\nit.

            """)
    }

    func testSARIFHasTheRequiredFields() throws {
        let text = SARIFReporter(toolVersion: "0.1.0").report(diagnostics)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "Plainsite")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 3)
        for result in results {
            let ruleIndex = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[ruleIndex]["id"] as? String, result["ruleId"] as? String)
            XCTAssertTrue(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            XCTAssertNotNil((result["message"] as? [String: Any])?["text"] as? String)
            let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            XCTAssertNotNil((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try XCTUnwrap(location["region"] as? [String: Any])
            XCTAssertGreaterThanOrEqual(region["startLine"] as? Int ?? 0, 1)
            XCTAssertGreaterThanOrEqual(region["startColumn"] as? Int ?? 0, 1)
        }
        XCTAssertEqual(results.map { $0["level"] as? String }, ["warning", "error", "note"])
    }

    func testJUnitHasOneTestCasePerFile() {
        let xml = JUnitReporter().report(diagnostics, files: ["content/a.md", "content/clean.md", "content/b, c.md"], suite: "lint")
        XCTAssertTrue(xml.contains("<testsuite name=\"lint\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">"), xml)
        XCTAssertTrue(xml.contains("<testcase classname=\"plainsite.lint\" name=\"content/clean.md\"></testcase>"), xml)
        XCTAssertTrue(xml.contains("<testcase classname=\"plainsite.lint\" name=\"content/a.md\"><failure message=\"1 error\" type=\"plainsite\">"), xml)
        XCTAssertTrue(xml.contains("<system-out>content/b, c.md:2:1: suggestion:"), xml)
    }
}
