import HTML
import XCTest

/// The byte-level white space collapsing gives what splitting on Swift's characters gives.
final class HTMLTextTests: XCTestCase {
    static func byCharacters(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func testAgreesWithCharactersOnSamples() {
        let samples = [
            "", " ", "\n\t ", "  Pay   your\tcouncil\ntax  ", "£25 – a “fair” price’s end", "a\r\nb", "a\r\n\r\n b", "x\u{00A0}y",
            "x\u{2003}y", "x\u{2028}y", "x\u{202F}y", "x\u{205F}y", "x\u{3000}y", "x\u{1680}y", "x\u{0085}y", "e\u{301} f",
            "a \u{301}b", "Gwasanaethau’r cyngor", "ŵ ŷ â", " £5 ", " “quoted” ", "\u{200B}zero width", "tab\u{0B}vertical\u{0C}feed",
            "emoji 😀 done", "a \u{200D}b", "\u{0600}  x", "a\u{0600}  x", "x \u{20AC}9", "→ next", "™ mark", "\u{1C}\u{1D}x \u{1F}",
        ]
        for text in samples {
            XCTAssertEqual(HTMLText.collapsingWhitespace(text), Self.byCharacters(text), text.debugDescription)
        }
    }

    func testAgreesWithCharactersOnRandomText() {
        let pieces = [
            " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "a", "Z", "9", "-", "é", "e\u{301}", "\u{301}", "£", "€",
            "’", "“", "–", "…", "ŵ", "\u{00A0}", "\u{2009}", "\u{3000}", "\u{0085}", "😀", "\u{200D}", "\u{0600}", "\u{094D}",
            "あ", "\u{FE0F}", "\u{1F1EC}", "→", "™", "\u{00AD}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(HTMLText.collapsingWhitespace(text), Self.byCharacters(text), text.debugDescription)
        }
    }

    func testBytesThatAreNotPlainAreLeftToCharacters() {
        func collapse(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer { HTMLText.collapsingWhitespace(utf8: $0) } }
        XCTAssertEqual(collapse(Array("  a  b ".utf8)), "a b")
        XCTAssertEqual(collapse(Array("£ 5".utf8)), "£ 5")
        XCTAssertNil(collapse(Array("a \u{301}".utf8)), "a combining mark")
        XCTAssertNil(collapse(Array("x\u{00A0}y".utf8)), "a no-break space")
        XCTAssertNil(collapse([0x61, 0xC2]), "cut short")
        XCTAssertNil(collapse([0xE0, 0x82, 0xA3]), "overlong")
        XCTAssertNil(collapse([0x61, 0xFF]), "not UTF-8")
    }
}
