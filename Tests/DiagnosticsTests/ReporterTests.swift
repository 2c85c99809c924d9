import Diagnostics
import XCTest

final class ReporterTests: XCTestCase {
    let diagnostics = [
        Diagnostic(rule: "b/rule", severity: .warning, file: "b.md", line: 2, column: 5, message: "Second.", suggestion: "Do this."),
        Diagnostic(rule: "a/rule", severity: .error, file: "a.md", line: 10, column: 1, endColumn: 4, message: "First."),
    ]

    func testTextGroupsByFileWithoutColour() {
        let text = TextReporter(useColour: false).report(diagnostics)
        XCTAssertEqual(
            text,
            """
            a.md
              10:1  error  First.  a/rule

            b.md
              2:5  warning  Second.  b/rule
                  → Do this.

            1 error, 1 warning, 0 suggestions.

            """)
    }

    /// A long report (made in two halves at once, numbers written digit by digit) is what
    /// formatting each finding as a string gives, and its parts joined are the whole report.
    func testALongReportMatchesFindingByFindingFormatting() {
        var findings: [Diagnostic] = []
        for number in 0..<6_000 {
            findings.append(
                Diagnostic(
                    rule: "plain/rule-\(number % 7)", severity: [.error, .warning, .suggestion][number % 3],
                    file: "content/page-\(String(format: "%05d", number / 4)).md", line: [1, 9, 10, 99, 100, 12_345, 1_000_000][number % 7],
                    column: number % 130, message: "Message \(number) with caf\u{e9} \u{2019}s.",
                    suggestion: number % 2 == 0 ? "Write \u{201C}this\u{201D} instead." : nil))
        }
        findings = Diagnostic.sorted(findings)
        var expected = "", file = ""
        for finding in findings {
            if finding.file != file {
                expected += (file.isEmpty ? "" : "\n") + finding.file + "\n"
                file = finding.file
            }
            expected += "  \(finding.line):\(finding.column)  \(finding.severity.rawValue)  \(finding.message)  \(finding.rule)\n"
            if let suggestion = finding.suggestion { expected += "      \u{2192} \(suggestion)\n" }
        }
        expected += "\n" + TextReporter(useColour: false).summary(findings) + "\n"
        let reporter = TextReporter(useColour: false)
        XCTAssertEqual(reporter.report(findings), expected)
        let parts = reporter.reportParts(findings)
        XCTAssertEqual(parts.count, 2)
        XCTAssertEqual(String(decoding: Array(parts.joined()), as: UTF8.self), expected)
    }

    func testColourOnlyWhenAsked() {
        XCTAssertTrue(TextReporter(useColour: true).report(diagnostics).contains("\u{1B}[1;31merror"))
        XCTAssertEqual(TextReporter(useColour: false).report([]), "No problems found.\n")
    }

    func testJSONHasTheDocumentedKeys() throws {
        let json = JSONReporter().report(diagnostics)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        XCTAssertEqual(parsed.count, 2)
        XCTAssertEqual(parsed[0]["file"] as? String, "a.md")
        XCTAssertEqual(Set(parsed[1].keys), ["rule", "severity", "file", "line", "column", "endLine", "endColumn", "message", "suggestion"])
        XCTAssertEqual(parsed[0]["endColumn"] as? Int, 4)
        XCTAssertNil(parsed[0]["suggestion"])
    }

    func testJSONWriterMatchesJSONEncoder() {
        var odd = ""
        for value in 0..<0x80 { odd.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        odd += "é £ “quoted” ‘x’ – — … \u{2028}\u{2029}\u{FEFF}\u{FFFC} 🏴󠁧󠁢󠁷󠁬󠁳󠁿 e\u{301} \u{7F}\u{80}\u{9F} 中文"
        let many =
            [
                Diagnostic(rule: "a/rule", severity: .suggestion, file: "content/a b/c.md", line: 1, column: 1, message: odd, suggestion: odd),
                Diagnostic(rule: odd, severity: .warning, file: odd, line: -3, column: 12_345_678, endLine: 0, endColumn: Int.max, message: "", suggestion: ""),
                Diagnostic(rule: "x", severity: .error, file: "z.md", line: 7, message: "'will be assessed' is passive / \\ \"x\""),
            ] + diagnostics
        XCTAssertEqual(JSONReporter().report(many), JSONReporter().encoderReport(many))
        XCTAssertEqual(JSONReporter().report(diagnostics), JSONReporter().encoderReport(diagnostics))
        XCTAssertEqual(JSONReporter().report([]), JSONReporter().encoderReport([]))
        for diagnostic in many { XCTAssertEqual(JSONReporter().report([diagnostic]), JSONReporter().encoderReport([diagnostic])) }
        // Enough findings to be written in parts on several threads.
        let lots = (0..<600).flatMap { number in
            many.map {
                var copy = $0; copy.line = number % 7; copy.file += "\(number % 13)"; return copy
            }
        }
        XCTAssertEqual(JSONReporter().report(lots), JSONReporter().encoderReport(lots))
    }

    /// Sorted findings are recognised as sorted (the text report then skips sorting 50,000 again),
    /// and any out of place are not.
    func testIsSortedAgreesWithSorted() {
        func finding(_ file: String, _ line: Int, _ column: Int, _ rule: String) -> Diagnostic {
            Diagnostic(rule: rule, severity: .warning, file: file, line: line, column: column, message: "m")
        }
        let mixed = [
            finding("b.md", 1, 1, "x"), finding("a.md", 2, 1, "x"), finding("a.md", 2, 1, "a"), finding("a.md", 1, 9, "x"),
            finding("a.md", 10, 1, "x"), finding("a.md", 2, 3, "x"),
        ]
        XCTAssertFalse(Diagnostic.isSorted(mixed))
        let sorted = Diagnostic.sorted(mixed)
        XCTAssertTrue(Diagnostic.isSorted(sorted))
        XCTAssertEqual(
            sorted.map { "\($0.file):\($0.line):\($0.column):\($0.rule)" },
            ["a.md:1:9:x", "a.md:2:1:a", "a.md:2:1:x", "a.md:2:3:x", "a.md:10:1:x", "b.md:1:1:x"])
        for index in sorted.indices.dropLast() {
            var swapped = sorted
            swapped.swapAt(index, index + 1)
            XCTAssertFalse(Diagnostic.isSorted(swapped), "\(index)")
        }
        XCTAssertEqual(TextReporter(useColour: false).report(sorted), TextReporter(useColour: false).report(mixed))
    }

    /// Sorting and dropping repeats in one pass gives what dropping repeats (keeping the first)
    /// and then sorting gives.
    func testSortedWithoutRepeatsMatchesFilterThenSort() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var findings: [Diagnostic] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                findings.append(
                    Diagnostic(
                        rule: ["a", "b"].randomElement(using: &generator)!, severity: [.error, .warning].randomElement(using: &generator)!,
                        file: ["x.md", "y.md", "themes/base.mustache"].randomElement(using: &generator)!,
                        line: Int.random(in: 1...3, using: &generator), column: Int.random(in: 1...2, using: &generator),
                        message: ["m", "n"].randomElement(using: &generator)!, suggestion: ["s", nil].randomElement(using: &generator)!))
            }
            var seen = Set<Diagnostic>()
            XCTAssertEqual(Diagnostic.sortedWithoutRepeats(findings), Diagnostic.sorted(findings.filter { seen.insert($0).inserted }))
        }
    }
}
