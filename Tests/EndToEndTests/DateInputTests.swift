import Foundation
import XCTest

/// Dates from outside Plainsite, through the real `plainsite`: a SOURCE_DATE_EPOCH or a
/// `--date` that is not a valid date is refused with a message and exit 2 (usage), never a
/// crash, and never silently used or ignored.
final class DateInputTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    /// build, report and new, each of which reads "today".
    let commands = [["build"], ["report"], ["new", "page", "--site", "main", "Report a blocked drain"]]

    func testSourceDateEpochThatIsNotADateIsRefusedByEveryCommand() throws {
        for value in ["253402300800", "1e12", "inf", "-1", "nan", "NaN", "soon", "", "1.5", " 1", "+1", "99999999999999999999"] {
            for command in commands {
                let result = try project.run(command, environment: ["SOURCE_DATE_EPOCH": value])
                let label = "\(command[0]) with SOURCE_DATE_EPOCH='\(value)'"
                XCTAssertEqual(result.status, 2, label + ": " + result.err)
                XCTAssertTrue(
                    result.err.contains(
                        "Error: SOURCE_DATE_EPOCH is '\(value)', which is not a date. Set it to a whole number of seconds since 1 January 1970, from 0 to 253402300799 (the end of 9999), such as 1767225600, or unset it to use today's date.\n"
                    ), label + ": " + result.err)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("content/main/report-a-blocked-drain.md").path))
    }

    func testDateOptionThatIsNotExactlyAYearMonthAndDayIsRefusedByEveryCommand() throws {
        for value in ["+202-12-01", "0202-12-1", "2026-02-30", "2026-13-01", "0000-01-01", "20261-01-01", "2026-01-01x", "２０２６-01-01", "2026/01/01"] {
            for command in commands {
                let result = try project.run(command + ["--date", value])
                let label = "\(command[0]) --date '\(value)'"
                XCTAssertEqual(result.status, 2, label + ": " + result.err)
                XCTAssertTrue(
                    result.err.contains("Error: '\(value)' is not a date. Write it as year-month-day with a four-digit year, for example --date 2026-11-25.\n"),
                    label + ": " + result.err)
            }
        }
    }

    func testTheFirstAndLastSecondsAllowedAreUsed() throws {
        let build = try project.run(["build", "--date", "9999-12-31"], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        XCTAssertEqual(build.status, 0, build.err)
        let first = try project.run(["new", "page", "--site", "main", "First"], environment: ["SOURCE_DATE_EPOCH": "0"])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(try project.read("content/main/first.md").contains("updated: 1970-01-01\nreview_by: 1971-01-01\n"))
        let last = try project.run(["new", "page", "--site", "main", "Last"], environment: ["SOURCE_DATE_EPOCH": "253402300799"])
        XCTAssertEqual(last.status, 0, last.err)
        XCTAssertTrue(try project.read("content/main/last.md").contains("updated: 9999-12-31\nreview_by: 9999-12-31\n"))
    }
}
