import Foundation
import Markdown
import PageBuild
import Project
import Support
import XCTest

@testable import Site

/// Calendar files (RFC 5545) and sitemaps (sitemaps.org), byte for byte.
final class SiteFilesTests: XCTestCase {
    func files(_ pages: [PageInfo]) throws -> SiteFiles {
        let (configuration, _) = ProjectConfiguration.parse(
            "sites:\n  - id: main\n    title: \"Test, Council; Hall\"\n    base_url: \"https://www.test.example/\"\n", file: "plainsite.yml",
            root: FileManager.default.temporaryDirectory)
        return SiteFiles(site: try XCTUnwrap(configuration?.sites.first), organisation: "Test Council", pages: pages)
    }

    func event(_ title: String, description: String = "", venue: String? = nil) -> PageInfo {
        PageInfo(
            title: title, urlPath: "events/carols/", description: description, layout: "event", date: SimpleDate("2026-12-19"),
            updated: SimpleDate("2026-11-13"), reviewBy: nil, services: [], venue: venue, readingAge: nil, sourcePath: "")
    }

    func page(_ number: Int, updated: String? = nil) -> PageInfo {
        PageInfo(
            title: "Page \(number)", urlPath: "p\(number)/", description: "", layout: "page", date: nil,
            updated: updated.flatMap(SimpleDate.init), reviewBy: nil, services: [], readingAge: nil, sourcePath: "")
    }

    func testCalendarTextValuesAreEscaped() throws {
        let carols = event(
            "Carols; mince pies, and a \\ backslash\nSecond line", description: "Bring a torch.\r\nDoors 6pm.\rEnd\u{7}.",
            venue: "Neuadd y Dref, Stryd Fawr")
        XCTAssertEqual(
            try files([carols]).calendar(for: carols),
            """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Plainsite//Test\\, Council\\; Hall//EN\r
            CALSCALE:GREGORIAN\r
            BEGIN:VEVENT\r
            UID:events-carols-20261219@www.test.example\r
            DTSTAMP:20261113T000000Z\r
            DTSTART;VALUE=DATE:20261219\r
            SUMMARY:Carols\\; mince pies\\, and a \\\\ backslash\\nSecond line\r
            DESCRIPTION:Bring a torch.\\nDoors 6pm.\\nEnd.\r
            LOCATION:Neuadd y Dref\\, Stryd Fawr\r
            URL:https://www.test.example/events/carols/\r
            END:VEVENT\r
            END:VCALENDAR\r\n
            """)
    }

    func testLongCalendarLinesAreFoldedAt75OctetsBetweenCharacters() throws {
        let long = event("Cyngerdd Nadolig Côr Meibion Llanfairpwllgwyngyll: caneuon, carolau a chân i’r teulu i gyd")
        let text = try XCTUnwrap(try files([long]).calendar(for: long))
        XCTAssertTrue(text.contains("\r\nSUMMARY:Cyngerdd Nadolig Côr Meibion Llanfairpwllgwyngyll: caneuon\\, carol\r\n au a chân i’r teulu i gyd\r\n"), text)
        // A two-byte letter that would end at octet 76 starts the next line instead.
        XCTAssertEqual(
            ICalendar.fold("DESCRIPTION:" + String(repeating: "a", count: 62) + "é"),
            "DESCRIPTION:" + String(repeating: "a", count: 62) + "\r\n é\r\n")
        XCTAssertEqual(ICalendar.fold(String(repeating: "b", count: 75)), String(repeating: "b", count: 75) + "\r\n")
        XCTAssertEqual(
            ICalendar.fold(String(repeating: "b", count: 150)),
            String(repeating: "b", count: 75) + "\r\n " + String(repeating: "b", count: 74) + "\r\n b\r\n")
        for line in text.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 75, line)
            XCTAssertFalse(line.contains("\r") || line.contains("\n"), line)
        }
    }

    func testASiteOverTheLimitGetsASitemapIndex() throws {
        let pages = (1...7).map { page($0, updated: $0 == 2 ? "2026-01-02" : $0 == 3 ? "2026-03-04" : nil) }
        let sitemaps = try files(pages).sitemaps(limit: 3)
        XCTAssertEqual(sitemaps.map(\.path), ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        XCTAssertEqual(
            sitemaps[0].text,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://www.test.example/sitemap-1.xml</loc><lastmod>2026-03-04</lastmod></sitemap>
            <sitemap><loc>https://www.test.example/sitemap-2.xml</loc></sitemap>
            <sitemap><loc>https://www.test.example/sitemap-3.xml</loc></sitemap>
            </sitemapindex>\n
            """)
        // Addresses in order: p1, p2, p3 | p4, p5, p6 | p7.
        XCTAssertEqual(
            sitemaps[1].text,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://www.test.example/p1/</loc></url>
            <url><loc>https://www.test.example/p2/</loc><lastmod>2026-01-02</lastmod></url>
            <url><loc>https://www.test.example/p3/</loc><lastmod>2026-03-04</lastmod></url>
            </urlset>\n
            """)
        XCTAssertEqual(sitemaps[3].text.components(separatedBy: "<url>").count, 2)
        // At the limit, one sitemap.
        let three = try files(Array(pages.prefix(3))).sitemaps(limit: 3)
        XCTAssertEqual(three.map(\.path), ["sitemap.xml"])
        XCTAssertEqual(three[0].text, sitemaps[1].text)
    }

    func testTheRealLimitIsFiftyThousandAddresses() throws {
        let pages = (1...50_001).map { page($0) }
        let at = try files(Array(pages.prefix(50_000))).sitemaps()
        XCTAssertEqual(at.map(\.path), ["sitemap.xml"])
        XCTAssertEqual(at[0].text.components(separatedBy: "<url>").count - 1, 50_000)
        let over = try files(pages).sitemaps()
        XCTAssertEqual(over.map(\.path), ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"])
        XCTAssertEqual(over[1].text.components(separatedBy: "<url>").count - 1, 50_000)
        XCTAssertEqual(over[2].text.components(separatedBy: "<url>").count - 1, 1)
        XCTAssertEqual(try files(pages).robots(), "User-agent: *\nAllow: /\n\nSitemap: https://www.test.example/sitemap.xml\n")
    }
}
