import Foundation
@testable import SiteBuilder
import XCTest

/// The hand-written JSON writer gives exactly the bytes JSONSerialization gives.
final class FastJSONTests: XCTestCase {
    func assertSame(_ value: Any, pretty: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        let expected = try JSONSerialization.data(withJSONObject: value, options: options)
        let actual = try FastJSON.encode(value, pretty: pretty)
        XCTAssertEqual(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
    }

    func testEveryCharacterIsEscapedTheSameWay() throws {
        var text = ""
        for code in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(code))) }
        text += "é ŵ ’ “quoted” £25 – — 😀 \u{2028}\u{2029} \u{7F} </script> a/b \\ \" "
        for pretty in [false, true] {
            try assertSame([text, ["k": text]], pretty: pretty)
            try assertSame([[text, "two", "", "three"]], pretty: pretty)
        }
    }

    func testNumbersNestingAndKeyOrder() throws {
        let value: [[String: Any]] = [
            ["title": "Bins", "url": "https://x.example/bins/", "summary": "Bin days", "reading_age": 9.3, "review_by": "2027-01-01",
             "updated": "2026-10-01"],
            ["title": "Tax", "reading_age": 12.0, "Zeta": 1, "alpha": -5, "Alpha": true, "item": 2, "itemListElement": [1, 2],
             "nested": ["@type": "Place", "@context": "https://schema.org", "position": 3] as [String: Any]],
            ["reading_age": 10.25, "a": 0.1, "b": 123456.5, "c": false],
        ]
        try assertSame(value, pretty: true)
        try assertSame(value, pretty: false)
        try assertSame(["@context": "https://schema.org", "@graph": value], pretty: false)
    }

    func testEmptyValues() throws {
        for pretty in [false, true] {
            try assertSame([[String: Any]](), pretty: pretty)
            try assertSame([[String: Any]()], pretty: pretty)
            try assertSame([[String]()], pretty: pretty)
        }
    }
}
