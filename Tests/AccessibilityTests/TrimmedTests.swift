import XCTest

@testable import Accessibility

/// The byte-level word spacing gives what splitting on whitespace characters gives.
final class TrimmedTests: XCTestCase {
    func testFastPathAgreesWithCharacters() {
        let samples = [
            "", " ", "  Pay   your\tcouncil\ntax  ", "£25 – a “fair” price’s end", "a\r\nb", "x\u{00A0}y", "x\u{2003}y",
            "x\u{2028}y", "x\u{202F}y", "x\u{205F}y", "x\u{3000}y", "x\u{1680}y", "x\u{0085}y", "e\u{301} f", "a \u{301}b",
            "Gwasanaethau’r cyngor", "ŵ ŷ â", "\u{200B}zero width", "tab\u{0B}vertical\u{0C}feed", "emoji 😀 done",
        ]
        for text in samples {
            XCTAssertEqual(text.trimmed, text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), text.debugDescription)
        }
    }
}
