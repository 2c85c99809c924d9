import Markdown
import XCTest

final class TextBlockTests: XCTestCase {
    func blocks(_ markdown: String) -> [TextBlock] {
        MarkdownRenderer.render(markdown, file: "t.md").textBlocks
    }

    func testBlocksKeepKindsAndSkipCode() {
        let result = blocks(
            "## Pay your bill\n\nRun `make` now &amp; then.\n\n- First item\n  continues\n\n| Day | Bin |\n| --- | --- |\n| Monday | Green |\n\n```\ncode block\n```\n"
        )
        XCTAssertEqual(result.map(\.kind), [.heading(level: 2), .paragraph, .listItem, .tableCell, .tableCell, .tableCell, .tableCell])
        XCTAssertEqual(result.map(\.text), ["Pay your bill", "Run \u{FFFC} now & then.", "First item continues", "Day", "Bin", "Monday", "Green"])
    }

    func testPositionsMapBackToTheSource() {
        let block = blocks("Intro line.\n\nCafé *utilise* [the form](https://x.example/) &amp; more\nsecond line here.\n")[1]
        let text = block.text
        func position(of word: String) -> (Int, Int) {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: text.range(of: word)!.lowerBound)
            let p = block.sourcePosition(ofByte: offset)
            return (p.line, p.byteColumn)
        }
        XCTAssertTrue(position(of: "utilise") == (3, 8))
        XCTAssertTrue(position(of: "form") == (3, 22))
        XCTAssertTrue(position(of: "&") == (3, 48))
        XCTAssertFalse(block.isExact(0..<block.text.utf8.count))
        XCTAssertTrue(position(of: "more") == (3, 54))
        XCTAssertTrue(position(of: "second") == (4, 1))
        XCTAssertEqual(block.links.count, 1)
        XCTAssertEqual(String(text.utf8.dropFirst(block.links[0].range.lowerBound).prefix(block.links[0].range.count)), "the form")
        XCTAssertEqual(block.links[0].url, "https://x.example/")
    }

    func testAltTextIsItsOwnBlockAndPlaceholdersAreMasked() {
        let result = blocks("See ![A map of bin days](map.png) and call {{ council.phone }}.\n")
        XCTAssertEqual(result.map(\.kind), [.altText, .paragraph])
        XCTAssertEqual(result[0].text, "A map of bin days")
        XCTAssertEqual(result[1].text, "See \u{FFFC} and call \u{FFFC}.")
    }
}
