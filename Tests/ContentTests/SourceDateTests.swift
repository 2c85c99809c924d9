import Markdown
import XCTest

@testable import Content

/// SOURCE_DATE_EPOCH and --date: only whole seconds within 1970 to 9999, and only YYYY-MM-DD.
final class SourceDateTests: XCTestCase {
    func testSourceDateEpochIsWholeSecondsWithinRange() throws {
        XCTAssertEqual(try SourceDate.fromEnvironment([:]), nil)
        XCTAssertEqual(try SourceDate.fromEnvironment(["SOURCE_DATE_EPOCH": "0"]), SimpleDate("1970-01-01"))
        XCTAssertEqual(
            try SourceDate.fromEnvironment(["SOURCE_DATE_EPOCH": "1782863999"]), SimpleDate("2026-07-01"), "23:59:59 UTC is the next day in British Summer Time"
        )
        XCTAssertEqual(try SourceDate.fromEnvironment(["SOURCE_DATE_EPOCH": "253402300799"]), SimpleDate("9999-12-31"))
        for bad in ["253402300800", "1e12", "inf", "-inf", "nan", "-1", "+1", "1.0", "", " 1", "1 ", "0x10", "١٢"] {
            XCTAssertThrowsError(try SourceDate.fromEnvironment(["SOURCE_DATE_EPOCH": bad]), bad)
        }
    }

    func testDateOptionIsExactlyYearMonthDay() throws {
        XCTAssertEqual(try SourceDate.parse(option: "2028-02-29"), SimpleDate("2028-02-29"))
        for bad in ["+202-12-01", "-202-12-01", "202-12-01", "2026-2-01", "2026-02-29", "0000-01-01", "2026-01-01 ", "2026_01_01"] {
            XCTAssertThrowsError(try SourceDate.parse(option: bad), bad)
        }
    }
}
