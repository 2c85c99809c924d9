import Foundation
import Markdown
import PageBuild
import Project
import Support
import XCTest

@testable import Site

/// The typed JSON writer gives exactly the bytes JSONSerialization gives for the same values.
final class FastJSONTests: XCTestCase {
    /// The typed value of a Foundation value (strings, numbers, booleans, arrays and maps).
    func typed(_ value: Any) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .double(number)
        case let map as [String: Any]: return .object(map.mapValues(typed))
        case let list as [Any]: return .array(list.map(typed))
        default:
            XCTFail("Not a JSON value: \(value)")
            return .bool(false)
        }
    }

    func assertSame(_ value: Any, pretty: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        let expected = try JSONSerialization.data(withJSONObject: value, options: options)
        let actual = FastJSON.encode(typed(value), pretty: pretty)
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
            [
                "title": "Bins", "url": "https://x.example/bins/", "summary": "Bin days", "reading_age": 9.3, "review_by": "2027-01-01",
                "updated": "2026-10-01",
            ],
            [
                "title": "Tax", "reading_age": 12.0, "Zeta": 1, "alpha": -5, "Alpha": true, "item": 2, "itemListElement": [1, 2],
                "nested": ["@type": "Place", "@context": "https://schema.org", "position": 3] as [String: Any],
            ],
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

    /// The search index is written a row at a time: the same bytes as encoding the whole table.
    func testSearchIndexIsWrittenAsTheGeneralWriterWould() throws {
        let entries = [
            SearchEntry(title: "Bins \"and\" recycling", url: "/bins/", description: "Bin days.\nAnd more", words: ["bins", "caf\u{e9}"]),
            SearchEntry(title: "", url: "/", description: "", words: []),
            SearchEntry(title: "Tax", url: "/tax/", description: "Pay \\ now", words: ["tax"]),
        ]
        let index = SearchIndex(entries: entries)
        let json = index.json()
        let expected = try JSONSerialization.data(
            withJSONObject: entries.map { [$0.title, $0.url, $0.description, $0.words.joined(separator: " ")] },
            options: [.sortedKeys, .withoutEscapingSlashes])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), String(decoding: expected, as: UTF8.self))
    }

    /// pages.json is written directly, byte for byte as the general writer writes it.
    func testOpenDataPagesAreWrittenAsTheGeneralWriterWould() throws {
        let (configuration, _) = ProjectConfiguration.parse(
            "sites:\n  - id: main\n    title: Test\n    base_url: \"https://www.test.example/\"\n", file: "plainsite.yml",
            root: FileManager.default.temporaryDirectory)
        let site = try XCTUnwrap(configuration?.sites.first)
        func info(_ title: String, _ url: String, age: Double?, updated: String? = nil, review: String? = nil) -> PageInfo {
            PageInfo(
                title: title, urlPath: url, description: "About \"\(title)\" & more\n", layout: "page", date: nil,
                updated: updated.flatMap(SimpleDate.init), reviewBy: review.flatMap(SimpleDate.init), services: [],
                readingAge: age, sourcePath: "content/main/\(url).md")
        }
        let pages = [
            info("Bins", "bins/", age: 9.26, updated: "2026-10-01", review: "2027-01-01"), info("Tax", "tax/", age: 12.0),
            info("Caf\u{e9} \u{2019}s", "cafe/", age: nil, review: "2027-02-02"), info("", "", age: 0.04),
            info("Big", "big/", age: 123_456.789),
        ]
        let files = SiteFiles(site: site, organisation: "Test Council", pages: pages)
        XCTAssertEqual(String(decoding: try files.pagesJSON(), as: UTF8.self), String(decoding: try files.generalPagesJSON(), as: UTF8.self))
        let none = SiteFiles(site: site, organisation: "Test Council", pages: [])
        XCTAssertEqual(try none.pagesJSON(), try none.generalPagesJSON())
    }

    /// pages.csv is written on bytes, exactly as the field-by-field reference writes it: fields
    /// with a comma, quote or line break (also CRLF, also next to non-ASCII letters) quoted.
    func testOpenDataCSVOnBytesMatchesTheReference() throws {
        let (configuration, _) = ProjectConfiguration.parse(
            "sites:\n  - id: main\n    title: Test\n    base_url: \"https://www.test.example/\"\n", file: "plainsite.yml",
            root: FileManager.default.temporaryDirectory)
        let site = try XCTUnwrap(configuration?.sites.first)
        let titles = [
            "Bins", "Bins, boxes and bags", "The \"green\" bin", "Caf\u{e9}, \u{2019}s", "Line\r\nbreak", "Caf\u{e9}\r\nnext",
            "e\u{301}\"quoted\"", "", "\u{1F5D1} bins", "a\nb",
        ]
        var pages: [PageInfo] = []
        for (number, title) in titles.enumerated() {
            pages.append(
                PageInfo(
                    title: title, urlPath: "page-\(number)/", description: titles[(number + 3) % titles.count], layout: "page",
                    date: nil, updated: number % 2 == 0 ? SimpleDate("2026-10-0\(number % 9 + 1)") : nil,
                    reviewBy: number % 3 == 0 ? SimpleDate("2027-01-01") : nil, services: [],
                    readingAge: number % 4 == 0 ? nil : Double(number) * 3.14159, sourcePath: "content/main/\(number).md"))
        }
        let files = SiteFiles(site: site, organisation: "Test Council", pages: pages)
        let csv = String(decoding: files.pagesCSV(), as: UTF8.self)
        XCTAssertEqual(csv, files.generalPagesCSV())
        XCTAssertTrue(csv.contains("\"The \"\"green\"\" bin\""))
        XCTAssertTrue(csv.contains("\"Caf\u{e9}\r\nnext\""))
        XCTAssertEqual(
            String(decoding: SiteFiles(site: site, organisation: "Test Council", pages: []).pagesCSV(), as: UTF8.self),
            "title,url,summary,updated,review_by,reading_age\r\n")
    }

    /// Search words split on bytes (ASCII text, and text whose only other characters are
    /// common symbols such as £ and curly quotes) are the words splitting by characters gives.
    func testSearchWordsOnBytesMatchWordsByCharacters() {
        func byCharacters(_ texts: [String]) -> [String] {
            var seen: Set<String> = [], words: [String] = []
            for text in texts {
                for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where word.count > 2 {
                    if seen.insert(String(word)).inserted { words.append(String(word)) }
                }
            }
            return words
        }
        let texts = [
            "Prices start at £25 and go up to £1,250 for large items.", "The council\u{2019}s \u{201C}green\u{201D} bin \u{2013} every week\u{2026}",
            "Caf\u{e9} opening times: 9am\u{2014}5pm", "€10 NOTICE for BINS and bins", "e\u{301}cole and \u{e9}cole and ECOLE",
            "Ffordd y Cyngor, Caerdydd \u{2013} ffôn", "£\u{301}x abc", "A\u{a0}B CAT\u{a0}DOG", "Stra\u{df}e STRASSE", "",
        ]
        for count in 1...texts.count {
            let slice = Array(texts.prefix(count))
            let entry = SearchEntry(
                title: "", url: "/", description: "",
                blocks: slice.map { TextBlock(kind: .paragraph, text: $0, line: 1) })
            XCTAssertEqual(entry.words, byCharacters(slice), slice.last ?? "")
        }
        // Many random blocks of ASCII words (mixed case, digits, punctuation, repeats across
        // blocks, enough distinct words to grow the table), some with a symbol split on bytes.
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "Bin", "bins", "BINS", "Council", "tax", "2026", "a1b2", "x", "of", "the", "THE", "Mon-Fri", "e.g.",
            "£25", "\u{2019}s", "caf\u{e9}", "9am\u{2014}5pm", "1,250", "word", "Words", "WORDS", "ab", "abc", "ABC",
        ]
        for _ in 0..<200 {
            var blocks: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                var text = ""
                for _ in 0..<Int.random(in: 0...80, using: &generator) {
                    if Bool.random(using: &generator) {
                        text += pieces.randomElement(using: &generator)!
                    } else {
                        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                        text += String((0..<Int.random(in: 1...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
                    }
                    text += [" ", ", ", ". ", "-", "/", "(", ") ", "\n", "'"].randomElement(using: &generator)!
                }
                blocks.append(text)
            }
            let entry = SearchEntry(title: "", url: "/", description: "", blocks: blocks.map { TextBlock(kind: .paragraph, text: $0, line: 1) })
            XCTAssertEqual(entry.words, byCharacters(blocks), blocks.joined(separator: " | "))
        }
    }

    func testJSONForHTMLEscapesWhatCouldEndAScriptAndStillReadsTheSame() throws {
        let value: [String: Any] = ["t": "a</script><!--b & \u{2028}c\u{2029}>"]
        let text = FastJSON.forHTML(FastJSON.encode(typed(value)))
        XCTAssertEqual(text, #"{"t":"a\u003c/script\u003e\u003c!--b \u0026 \u2028c\u2029\u003e"}"#)
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        XCTAssertEqual(back?["t"], value["t"] as? String)
    }
}
