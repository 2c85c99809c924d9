import Diagnostics
import Foundation
import LinkCheck
import Markdown
import PageBuild
import XCTest

@testable import PageCache

/// A cache entry's encoding on disk.
final class PageEntryCodingTests: XCTestCase {
    /// An entry written to its file reads back the same; under another key it is refused.
    func testAnEntryReadsBackFromItsFile() throws {
        let key = CacheKey(high: 1, low: 2)
        var outcome = PageOutcome()
        outcome.diagnostics = [
            Diagnostic(rule: "courtesy/please", severity: .suggestion, file: "content/a.md", line: 3, column: 7, message: "M \"q\"\n", suggestion: "S"),
            Diagnostic(rule: "a11y/alt", severity: .error, file: "themes/x/base.mustache", line: 1, message: "No alt."),
        ]
        outcome.built = BuiltPage(
            site: "main", urlPath: "a/", sourcePath: "content/a.md", titleLine: 2, title: "T", anchors: ["top", "a b"],
            links: [.init(url: "/b/#x", file: "content/a.md", line: 4, column: 1)])
        outcome.searchEntry = SearchEntry(title: "T", url: "/a/", description: "D", words: ["bins", "caf\u{e9}", "\u{301}x", "2026"])
        outcome.documents = [NonAccessibleDocument(file: "a.pdf", page: "content/a.md", reason: nil)]
        outcome.info = PageInfo(
            title: "T", urlPath: "a/", description: "D", layout: "page", date: SimpleDate("2026-01-02"), updated: nil,
            reviewBy: nil, services: ["bins"], readingAge: 9.123456789, sourcePath: "content/a.md")
        outcome.shape = .init(headings: 2, links: 3)
        let entry = PageEntry(
            outcome: outcome, files: [PageFile(path: "a/index.html", html: Data("<p>é\n</p>".utf8)), PageFile(path: "a/page/2/index.html", html: Data())])
        let bytes = [UInt8](try XCTUnwrap(DiskPageStore.encode(entry, key: key)))
        let read = try XCTUnwrap(DiskPageStore.decode(bytes, key: key))
        XCTAssertEqual(read.files, entry.files)
        XCTAssertEqual(read.outcome.diagnostics, outcome.diagnostics)
        XCTAssertEqual(read.outcome.info?.readingAge, 9.123456789)
        XCTAssertEqual(read.outcome.info?.date, SimpleDate("2026-01-02"))
        XCTAssertEqual(read.outcome.shape, outcome.shape)
        XCTAssertEqual(read.outcome.built?.anchors, ["top", "a b"])
        XCTAssertEqual(read.outcome.built?.links, outcome.built?.links)
        XCTAssertEqual(read.outcome.searchEntry?.words, ["bins", "caf\u{e9}", "\u{301}x", "2026"])
        XCTAssertEqual(read.outcome.documents.map(\.file), ["a.pdf"])
        XCTAssertNil(read.outcome.documents.first?.reason)
        XCTAssertNil(DiskPageStore.decode(bytes, key: CacheKey(high: 1, low: 3)))
        XCTAssertNil(DiskPageStore.decode(Array(bytes.dropLast()), key: key))
        XCTAssertEqual(CacheKey(hex: key.hex), key)
        XCTAssertNil(CacheKey(hex: "x" + key.hex.dropFirst()))
    }
}
