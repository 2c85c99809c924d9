import Markdown
import XCTest

/// The byte search behind `containsBytes` and the quick rebuild's open-data rows: the same
/// answers as searching the strings.
final class ByteSearchTests: XCTestCase {
    func offset(_ needle: String, in haystack: String, from start: Int = 0) -> Int? {
        Array(needle.utf8).withUnsafeBytes { needle in
            Array(haystack.utf8).withUnsafeBytes { ByteSearch.firstOffset(of: needle, in: $0, from: start) }
        }
    }

    func testFindsTheFirstWholeMatchAtOrAfterAStart() {
        XCTAssertEqual(offset("bin", in: "bins and bins"), 0)
        XCTAssertEqual(offset("bin", in: "bins and bins", from: 1), 9)
        XCTAssertNil(offset("bin", in: "bins and bins", from: 10))
        XCTAssertEqual(offset("s", in: "bins"), 3)
        XCTAssertEqual(offset("aab", in: "aaab"), 1, "a partial match does not hide the next one")
        XCTAssertEqual(offset("caf\u{e9}", in: "the caf\u{e9}"), 4)
        XCTAssertNil(offset("bins and more", in: "bins"))
        XCTAssertNil(offset("", in: "bins"))
        XCTAssertNil(offset("x", in: ""))
    }

    func testContainsBytesAgreesWithContains() {
        for (text, needle) in [
            ("Bring a bill", "bill"), ("Bring a bill", "Bill"), ("", "a"), ("a", ""), ("caf\u{e9}s", "\u{e9}s"),
            ("abc", "abcd"), ("abcabd", "abd"),
        ] {
            XCTAssertEqual(text.containsBytes(needle), needle.isEmpty || text.contains(needle), "\(text) / \(needle)")
            XCTAssertEqual(text.dropFirst(0).containsBytes(needle), needle.isEmpty || text.contains(needle))
        }
    }
}
