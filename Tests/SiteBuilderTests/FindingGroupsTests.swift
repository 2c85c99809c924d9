import Diagnostics
import Foundation
import Support
import XCTest

@testable import SiteBuilder

/// A quick rebuild reports the findings as the build state keeps them (`FindingGroups`): its
/// text report, counts and one rule's findings must be what the decoded findings give.
final class FindingGroupsTests: XCTestCase {
    /// Findings of `files` files, sorted, with every severity, suggestions and none, and text
    /// that is not ASCII.
    private func findings(files: Int, each: Int) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rules = ["plain-words/utilise", "content/review-due", "passive-voice", "a11y/image-alt"]
        for file in 0..<files {
            for number in 0..<each {
                let severity: Severity = number % 7 == 0 ? .error : number % 3 == 0 ? .suggestion : .warning
                out.append(
                    Diagnostic(
                        rule: rules[(file + number) % rules.count], severity: severity,
                        file: "content/main/page-\(String(format: "%04d", file)).md", line: number * 3 + 1,
                        column: number + 1, message: "Finding \(number % 5) of ‘café’ on page \(file % 3).",
                        suggestion: number % 2 == 0 ? "Write ‘use’ → instead (\(number % 4))." : nil))
            }
        }
        return Diagnostic.sorted(out)
    }

    /// The groups written into a state and read back, encoded, as a quick rebuild has them.
    private func roundTrip(_ groups: FindingGroups) throws -> FindingGroups {
        var writer = StateWriter(table: groups.table)
        writer.findingGroups(groups)
        var reader = StateReader(writer.finish(), start: 0)
        XCTAssertTrue(reader.readTable())
        let read = try XCTUnwrap(FindingGroups(reading: &reader))
        XCTAssertTrue(reader.atEnd)
        return read
    }

    private func text(_ report: FindingGroups.TextReport) -> String { String(decoding: FilePiece.joined(report.pieces), as: UTF8.self) }

    func testEncodedGroupsGiveTheTextReportCountsAndRulesOfTheDecodedFindings() throws {
        let reporter = TextReporter(useColour: false)
        // Small and large (a large report is written in two halves at once) and empty.
        for (files, each) in [(0, 0), (1, 1), (3, 4), (700, 9)] {
            let all = findings(files: files, each: each)
            let read = try roundTrip(FindingGroups(sorted: all))
            XCTAssertTrue(read.check())
            XCTAssertEqual(read.total, all.count)
            XCTAssertEqual(read.decoded(), all)
            let report = read.textReport(collecting: "content/review-due")
            XCTAssertEqual(text(report), reporter.report(all), "\(files) files")
            XCTAssertEqual(report.counts, SeverityCounts(all))
            let collected = report.collected
            XCTAssertEqual(collected, all.filter { $0.rule == "content/review-due" })
            XCTAssertEqual(read.severityCounts(), SeverityCounts(all))
            XCTAssertEqual(read.diagnostics(rule: "content/review-due"), all.filter { $0.rule == "content/review-due" })
            XCTAssertEqual(read.diagnostics(rule: "no-such-rule"), [])
        }
    }

    /// A rebuilt page's findings replace its file's (a new file's are put in order, a file left
    /// with none is dropped) beside groups still encoded; written again and read back, they agree.
    func testReplacedGroupsBesideEncodedOnesAgreeWithTheDecodedFindings() throws {
        let all = findings(files: 40, each: 5)
        var groups = try roundTrip(FindingGroups(sorted: all))
        var expected = all
        func replace(_ file: String, _ new: [Diagnostic]) {
            groups.replace(file: file, with: new)
            expected = Diagnostic.sorted(expected.filter { $0.file != file } + new)
        }
        let changed = "content/main/page-0007.md"
        replace(
            changed,
            [
                Diagnostic(
                    rule: "courtesy/please-note", severity: .warning, file: changed, line: 2, column: 5,
                    message: "'Please note' adds words but no meaning.", suggestion: "Leave it out.")
            ])
        replace("content/main/page-0012.md", [])
        let added = "content/main/page-0012a.md"
        replace(added, [Diagnostic(rule: "new-rule", severity: .error, file: added, line: 1, message: "A new string ✓.")])
        replace(
            "content/main/zzz.md",
            [
                Diagnostic(
                    rule: "passive-voice", severity: .suggestion, file: "content/main/zzz.md", line: 9,
                    message: "Last.")
            ])
        XCTAssertEqual(groups.decoded(), expected)
        XCTAssertEqual(groups.total, expected.count)
        XCTAssertEqual(text(groups.textReport()), TextReporter(useColour: false).report(expected))
        let again = try roundTrip(groups)
        XCTAssertTrue(again.check())
        XCTAssertEqual(again.decoded(), expected)
        XCTAssertEqual(text(again.textReport()), TextReporter(useColour: false).report(expected))
        XCTAssertEqual(again.diagnostics(rule: "new-rule").map(\.message), ["A new string ✓."])
        XCTAssertEqual(again.textReport(collecting: "new-rule").collected?.map(\.message), ["A new string ✓."])
        XCTAssertEqual(groups.textReport(collecting: "passive-voice").collected, expected.filter { $0.rule == "passive-voice" })
    }

    /// Bytes that do not read as findings are refused when read or when checked, never reported.
    func testDamagedGroupsAreRefused() throws {
        let all = findings(files: 3, each: 3)
        var writer = StateWriter()
        writer.findingGroups(FindingGroups(sorted: all))
        let bytes = writer.finish()
        var refused = 0
        // Every byte of the findings (after the table) changed in turn.
        var tableReader = StateReader(bytes, start: 0)
        XCTAssertTrue(tableReader.readTable())
        for index in tableReader.position..<bytes.count {
            var damaged = bytes
            damaged[index] ^= 0x5A
            var reader = StateReader(damaged, start: 0)
            XCTAssertTrue(reader.readTable())
            guard let groups = FindingGroups(reading: &reader), reader.atEnd, groups.check() else { refused += 1; continue }
            // Damage that still reads (a line number, say) reads as findings of the right files.
            let decoded = try XCTUnwrap(groups.decoded())
            XCTAssertEqual(decoded.map(\.file), all.map(\.file))
        }
        XCTAssertGreaterThan(refused, 0)
    }

    // MARK: The saved text report (`SavedTextReport`)

    private var savedPath: String { FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-saved-report-\(name.hashValue)").path }

    /// Writes the report of `groups` without a saved one, saves it as the report of a state
    /// with checksum 42, and reads it back.
    private func saved(_ groups: FindingGroups, rule: String? = "content/review-due") throws -> SavedTextReport {
        let written = groups.textReport(collecting: rule)
        let unsaved = try XCTUnwrap(written.unsaved)
        let slot = SavedReportSlot(path: savedPath, stateChecksum: 42, loading: Background { nil }, writable: true)
        slot.save(unsaved, rule: rule)
        return try XCTUnwrap(SavedTextReport(path: savedPath, stateChecksum: 42))
    }

    /// A quick rebuild copies the lines of groups still encoded from the report saved for its
    /// state, and writes the replaced, added and removed files' afresh: the same report, counts
    /// and rule's findings as the decoded findings give, and the saved lines copied in a few runs.
    func testASavedReportGivesTheSameReportWithReplacedGroups() throws {
        defer { unlink(savedPath) }
        let reporter = TextReporter(useColour: false)
        for (files, each) in [(1, 1), (3, 4), (700, 9)] {
            let all = findings(files: files, each: each)
            let read = try roundTrip(FindingGroups(sorted: all))
            let saved = try saved(read)
            XCTAssertEqual(saved.groups.count, files)
            let same = read.textReport(collecting: "content/review-due", saved: saved)
            XCTAssertEqual(text(same), reporter.report(all), "\(files) files")
            XCTAssertEqual(same.counts, SeverityCounts(all))
            XCTAssertEqual(same.collected, all.filter { $0.rule == "content/review-due" })
            XCTAssertNil(same.unsaved)
            // The saved lines and the summary: two pieces.
            XCTAssertEqual(same.pieces.count, 2)
        }
        let all = findings(files: 40, each: 5)
        let read = try roundTrip(FindingGroups(sorted: all))
        let saved = try saved(read)
        var groups = read, expected = all
        func replace(_ file: String, _ new: [Diagnostic]) {
            groups.replace(file: file, with: new)
            expected = Diagnostic.sorted(expected.filter { $0.file != file } + new)
        }
        let first = "content/main/page-0000.md", changed = "content/main/page-0007.md"
        replace(
            first,
            [
                Diagnostic(
                    rule: "content/review-due", severity: .warning, file: first, line: 1,
                    message: "This page was due for review on 1 May 2026.", suggestion: "Check it.")
            ])
        replace(
            changed,
            [
                Diagnostic(
                    rule: "courtesy/please-note", severity: .error, file: changed, line: 2, column: 5,
                    message: "'Please note' adds words but no meaning.", suggestion: "Leave it out.")
            ])
        replace("content/main/page-0012.md", [])
        replace(
            "content/main/page-0012a.md",
            [
                Diagnostic(
                    rule: "new-rule", severity: .error, file: "content/main/page-0012a.md",
                    line: 1, message: "A new string ✓.")
            ])
        replace(
            "content/main/zzz.md",
            [
                Diagnostic(
                    rule: "passive-voice", severity: .suggestion, file: "content/main/zzz.md", line: 9,
                    message: "Last.")
            ])
        let report = groups.textReport(collecting: "content/review-due", saved: saved)
        XCTAssertEqual(text(report), reporter.report(expected))
        XCTAssertEqual(report.counts, SeverityCounts(expected))
        XCTAssertEqual(report.collected, expected.filter { $0.rule == "content/review-due" })
        // Saved lines in three runs: pages 1 to 6, 8 to 11 and 13 to 39.
        XCTAssertEqual(report.pieces.filter { if case .mapped = $0 { true } else { false } }.count, 3)
        // Another rule than the one saved: its findings are not found from the saved counts.
        let other = groups.textReport(collecting: "passive-voice", saved: saved)
        XCTAssertEqual(text(other), reporter.report(expected))
        XCTAssertNil(other.collected)
        XCTAssertEqual(groups.diagnostics(rule: "passive-voice"), expected.filter { $0.rule == "passive-voice" })
        XCTAssertEqual(text(groups.textReport(saved: saved)), reporter.report(expected))
    }

    /// A saved report is used only for the state it was saved for, and only when every byte is
    /// as written: any byte changed, or the file cut short, and it is not read.
    func testADamagedOrOtherStatesSavedReportIsNotUsed() throws {
        defer { unlink(savedPath) }
        let read = try roundTrip(FindingGroups(sorted: findings(files: 3, each: 4)))
        _ = try saved(read)
        XCTAssertNil(SavedTextReport(path: savedPath, stateChecksum: 43))
        let bytes = try XCTUnwrap(FileIO.readAll(savedPath))
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0x20
            XCTAssertTrue(FileIO.replace(savedPath, with: damaged))
            XCTAssertNil(SavedTextReport(path: savedPath, stateChecksum: 42), "byte \(index) changed")
        }
        XCTAssertTrue(FileIO.replace(savedPath, with: Array(bytes.dropLast())))
        XCTAssertNil(SavedTextReport(path: savedPath, stateChecksum: 42))
        XCTAssertTrue(FileIO.replace(savedPath, with: bytes))
        XCTAssertNotNil(SavedTextReport(path: savedPath, stateChecksum: 42))
        // Checksums that hold over numbers no report has (more findings than its text has
        // lines' room for, which added up could overflow): not read, and no crash.
        let text = Array("content/a.md\n  1:1  warning  Odd.  rule\n".utf8)
        var counts = SeverityCounts()
        counts.errors = Int.max / 2
        counts.warnings = Int.max / 2
        XCTAssertTrue(
            SavedTextReport.write(
                path: savedPath, stateChecksum: 42, rule: nil, blocks: [text],
                groups: [SavedTextReport.Group(state: 0, text: 0..<text.count, counts: counts, ofRule: 0)]))
        XCTAssertNil(SavedTextReport(path: savedPath, stateChecksum: 42))
    }
}
