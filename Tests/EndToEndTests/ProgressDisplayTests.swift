import XCTest

@testable import plainsite

/// The progress line is redrawn at most ten times a second, and always for the last page.
final class ProgressDisplayTests: XCTestCase {
    func testTheLineIsDueAfterATenthOfASecondAndForTheLastPage() {
        XCTAssertFalse(ProgressDisplay.isDue(now: 1_050_000_000, last: 1_000_000_000, done: 5, total: 10))
        XCTAssertTrue(ProgressDisplay.isDue(now: 1_100_000_001, last: 1_000_000_000, done: 5, total: 10))
        XCTAssertTrue(ProgressDisplay.isDue(now: 1_000_000_000, last: 1_000_000_000, done: 10, total: 10))
        XCTAssertTrue(ProgressDisplay.isDue(now: 100_000_001, last: 0, done: 1, total: 10))
    }

    /// A page's thread may read the clock before another thread draws the line: a time before
    /// the last drawing is simply not due (it was an overflow that stopped the build).
    func testATimeBeforeTheLastDrawingIsNotDue() {
        XCTAssertFalse(ProgressDisplay.isDue(now: 999_999_999, last: 1_000_000_000, done: 5, total: 10))
        XCTAssertFalse(ProgressDisplay.isDue(now: 0, last: UInt64.max, done: 5, total: 10))
        XCTAssertTrue(ProgressDisplay.isDue(now: 0, last: UInt64.max, done: 10, total: 10))
    }
}
