import Markdown
import Support
import XCTest

@testable import Theme

final class TemplateValueTests: XCTestCase {
    /// Shared data maps to template values directly; empty and unreadable values are empty text.
    func testSharedDataBecomesTemplateValues() {
        let data = DataValue.map([
            "phone": .text("01632 960000"), "fax": .empty(file: "content/_data/contact.yml", line: 2),
            "broken": .unreadable(file: "content/_data/broken.yml"), "days": .list([.text("Monday"), .map(["time": .text("9am")])]),
        ])
        XCTAssertEqual(
            TemplateValue(data),
            ["phone": "01632 960000", "fax": "", "broken": "", "days": ["Monday", ["time": "9am"]]])
    }

    /// The bytes for the cache key are the same whatever order an object was made in, and
    /// differ for values that render differently.
    func testCacheKeyBytesAreDeterministic() {
        func bytes(_ value: TemplateValue) -> [UInt64] {
            var writer = ByteWriter()
            value.write(into: &writer)
            let (high, low) = writer.hashes()
            return [high, low]
        }
        let one: TemplateValue = .object(Dictionary(uniqueKeysWithValues: (0..<50).map { ("key\($0)", TemplateValue.int($0)) }))
        let two: TemplateValue = .object(Dictionary(uniqueKeysWithValues: (0..<50).reversed().map { ("key\($0)", TemplateValue.int($0)) }))
        XCTAssertEqual(bytes(one), bytes(two))
        XCTAssertNotEqual(bytes(["a": "1"]), bytes(["a": 1]))
        XCTAssertNotEqual(bytes(["a": true]), bytes(["a": "true"]))
        XCTAssertNotEqual(bytes(["a": ["b"]]), bytes(["a": "b"]))
    }
}
