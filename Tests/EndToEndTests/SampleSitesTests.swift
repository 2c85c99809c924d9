import Foundation
import HTML
import Markdown
import Project
import SiteBuilder
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builds the repository's own content/ into a temporary folder and inspects the result.
final class SampleSitesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func buildSamples(into output: URL) throws -> BuildReport {
        let (loaded, diagnostics) = ProjectConfiguration.load(from: Self.root.appendingPathComponent("plainsite.yml"))
        XCTAssertEqual(diagnostics, [])
        let configuration = try XCTUnwrap(loaded)
        return Builder(configuration: configuration).build(BuildOptions(outputFolder: output))
    }

    func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-\(name)-\(UUID().uuidString)")
    }

    /// Every file under a folder, as relative path → contents.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    func testFourSitesBuildCleanWithTitlesAsHeadingsAndWorkingLinks() throws {
        let output = temporaryFolder("samples")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try buildSamples(into: output)
        XCTAssertEqual(report.diagnostics, [], "The sample content must build without any diagnostic")
        XCTAssertTrue(report.published)
        XCTAssertEqual(Set(report.pageCounts.keys), ["council", "townhall", "directservices", "partnership"])
        XCTAssertGreaterThanOrEqual(report.pageCounts["council"] ?? 0, 20)
        for site in ["townhall", "directservices", "partnership"] {
            XCTAssertGreaterThanOrEqual(report.pageCounts[site] ?? 0, 8, site)
        }

        let baseURLs = [
            "https://www.kestrelford.example/": "council",
            "https://townhall.kestrelford.example/": "townhall",
            "https://directservices.kestrelford.example/": "directservices",
            "https://partnership.kestrelford.example/": "partnership",
        ]
        var checkedLinks = 0
        for site in report.pageCounts.keys.sorted() {
            let contentFolder = Self.root.appendingPathComponent("content/\(site)")
            let pages = FileManager.default.enumerator(atPath: contentFolder.path)!.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") }
            XCTAssertEqual(pages.count, report.pageCounts[site], site)
            for relative in pages.sorted() {
                let text = try String(contentsOf: contentFolder.appendingPathComponent(relative), encoding: .utf8)
                let title = try XCTUnwrap(PageSource(text: text, file: relative).frontMatter.title, relative)
                var urlPath = String(relative.dropLast(3))
                urlPath = urlPath == "index" ? "" : urlPath.hasSuffix("/index") ? String(urlPath.dropLast(5)) : urlPath + "/"
                let built = output.appendingPathComponent("\(site)/\(urlPath)index.html")
                let html = try String(contentsOf: built, encoding: .utf8)
                let document = HTMLDocument(html: html)
                let headings = document.elements("//h1")
                XCTAssertEqual(headings.map(\.normalizedText), [title], "\(site)/\(relative)")
                XCTAssertEqual(document.root?.attribute("lang"), "en-GB")
                XCTAssertEqual(document.elements("//main").count, 1)

                for element in document.elements("//a[@href] | //link[@href] | //img[@src] | //script[@src]") {
                    let address = element.attribute("href") ?? element.attribute("src") ?? ""
                    var target: (site: String, path: String)?
                    if address.hasPrefix("/") && !address.hasPrefix("//") {
                        target = (site, address)
                    } else if let base = baseURLs.keys.first(where: { address.hasPrefix($0) }) {
                        target = (baseURLs[base]!, "/" + address.dropFirst(base.count))
                    }
                    guard let (targetSite, targetPath) = target else { continue }
                    if element.name == "link" && element.attribute("rel") == "canonical" { continue }
                    var path = String(targetPath.prefix { $0 != "#" && $0 != "?" })
                    if path.hasSuffix("/") { path += "index.html" }
                    let file = output.appendingPathComponent(targetSite + path)
                    XCTAssertTrue(
                        FileManager.default.fileExists(atPath: file.path),
                        "\(site)/\(relative): link to \(address) has no built file")
                    checkedLinks += 1
                }
            }
        }
        XCTAssertGreaterThan(checkedLinks, 200)
    }

    func testTwoBuildsAreByteIdentical() throws {
        let first = temporaryFolder("first"), second = temporaryFolder("second")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        XCTAssertTrue(try buildSamples(into: first).published)
        XCTAssertTrue(try buildSamples(into: second).published)
        let a = snapshot(first), b = snapshot(second)
        XCTAssertGreaterThan(a.count, 50)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for key in a.keys where a[key] != b[key] {
            XCTFail("\(key) differs between two builds of the same content")
        }
    }

    func testSharedContactDetailsAppearOnEverySite() throws {
        let output = temporaryFolder("shared")
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertTrue(try buildSamples(into: output).published)
        for site in ["council", "townhall", "directservices", "partnership"] {
            let pages = snapshot(output.appendingPathComponent(site)).filter { $0.key.hasSuffix(".html") }
            let withPhone = pages.values.filter { String(decoding: $0, as: UTF8.self).contains("01632 960000") }
            XCTAssertFalse(withPhone.isEmpty, "\(site) shows the council's phone number from content/_data")
            XCTAssertFalse(pages.values.contains { String(decoding: $0, as: UTF8.self).contains("{{") }, site)
            XCTAssertFalse(pages.values.contains { String(decoding: $0, as: UTF8.self).contains("href=\"mailto:\"") }, site)
        }
        // The organisation's own site is not "run by" itself; its partner sites are.
        let footers = try ["council", "townhall"].map { try String(contentsOf: output.appendingPathComponent("\($0)/index.html"), encoding: .utf8) }
        XCTAssertTrue(footers[0].contains("<p>This website is run by Kestrelford City Council.</p>"), footers[0])
        XCTAssertFalse(footers[0].contains("Kestrelford City Council is run by"), footers[0])
        XCTAssertTrue(footers[1].contains("<p>Kestrelford Town Hall is run by Kestrelford City Council.</p>"), footers[1])
    }

    func testLayoutsListNewsShowEventDatesAndWriteA404Page() throws {
        let output = temporaryFolder("layouts")
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertTrue(try buildSamples(into: output).published)
        func page(_ path: String) throws -> HTMLDocument {
            HTMLDocument(html: try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8))
        }
        let news = try page("council/news/index.html")
        let stories = news.elements("//ul[@class='ps-list-of-pages']/li/a").map(\.normalizedText)
        XCTAssertEqual(stories.count, 4)
        XCTAssertEqual(stories.first, "Christmas and New Year bin collections", "newest first")
        XCTAssertEqual(news.elements("//ul[@class='ps-list-of-pages']/li/time").first?.attribute("datetime"), "2026-11-16")
        let event = try page("townhall/events/christmas-concert/index.html")
        XCTAssertEqual(
            event.elements("//dl[@class='ps-event__summary']/div").map { $0.children.map(\.normalizedText).joined(separator: " ") },
            [
                "Date Saturday 19 December 2026", "Time 7pm to 9:15pm", "Venue Great Hall, Kestrelford Town Hall",
                "Access Step-free access, a hearing loop and 4 wheelchair spaces",
            ])
        let missing = try page("council/404.html")
        XCTAssertEqual(missing.elements("//h1").map(\.normalizedText), ["Page not found"])
        XCTAssertEqual(missing.elements("//title").first?.normalizedText, "Page not found - Kestrelford City Council")
        // Every site has its own footer over the shared theme.
        let footers = try ["council", "townhall", "directservices", "partnership"].map {
            try page("\($0)/index.html").elements("//footer").first?.normalizedText ?? ""
        }
        XCTAssertEqual(Set(footers).count, 4, footers.description)
        // Scripts only enhance: read-aloud starts hidden, the menu is visible until JavaScript runs.
        let content = try page("council/parking/index.html")
        XCTAssertNotNil(content.elements("//div[@class='ps-read-aloud']").first?.attribute("hidden"))
        XCTAssertNil(content.elements("//nav[@id='ps-nav']").first?.attribute("hidden"))
        XCTAssertTrue(
            content.elements("//script").allSatisfy { $0.attribute("src") != nil || $0.attribute("type") == "application/ld+json" },
            "no inline scripts, only JSON-LD data")
    }

    func testAToZBreadcrumbsAndSearchIndex() throws {
        let output = temporaryFolder("indexes")
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertTrue(try buildSamples(into: output).published)
        let aToZ = HTMLDocument(html: try String(contentsOf: output.appendingPathComponent("council/a-to-z/index.html"), encoding: .utf8))
        XCTAssertEqual(aToZ.elements("//nav[@aria-label='Letters']//li").count, 26)
        XCTAssertEqual(aToZ.elements("//h2[@id='letter-m']/following-sibling::ul[1]/li/a").map(\.normalizedText), ["Missed bins"])
        XCTAssertEqual(aToZ.elements("//span[@class='ps-a-to-z__empty']").first?.normalizedText, "A (no services)")
        let page = HTMLDocument(
            html: try String(contentsOf: output.appendingPathComponent("council/bins-and-recycling/missed-bin/index.html"), encoding: .utf8))
        XCTAssertEqual(page.elements("//nav[@aria-label='Breadcrumb']//a").map(\.normalizedText), ["Home", "Bins and recycling"])
        let index = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("council/search-index.json"))) as? [[String]])
        XCTAssertEqual(index.count, 35, "every council page is in the search index")
        let missed = try XCTUnwrap(index.first { $0[1] == "/bins-and-recycling/missed-bin/" })
        XCTAssertEqual(missed[0], "Report a missed bin")
        XCTAssertTrue(missed[3].split(separator: " ").contains("collection"), missed[3])
    }

    func testSitemapFeedsCalendarStructuredDataAndOpenData() throws {
        let output = temporaryFolder("files")
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertTrue(try buildSamples(into: output).published)
        func xml(_ path: String) throws -> XMLDocument {
            try XMLDocument(contentsOf: output.appendingPathComponent(path), options: [])
        }
        // The sitemap lists every page once, with absolute addresses.
        let sitemap = try xml("council/sitemap.xml")
        let locations = try sitemap.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        XCTAssertEqual(locations.count, Set(locations).count)
        XCTAssertEqual(locations.count, 36, "35 pages and the A to Z")
        XCTAssertTrue(locations.contains("https://www.kestrelford.example/parking/visitor-permits/"))
        XCTAssertEqual(
            try String(contentsOf: output.appendingPathComponent("council/robots.txt"), encoding: .utf8),
            "User-agent: *\nAllow: /\n\nSitemap: https://www.kestrelford.example/sitemap.xml\n")
        // Feeds parse as XML and list the news, newest first.
        let rss = try xml("council/news.xml")
        let rssTitles = try rss.nodes(forXPath: "/rss/channel/item/title").compactMap(\.stringValue)
        XCTAssertEqual(rssTitles.first, "Christmas and New Year bin collections")
        XCTAssertEqual(rssTitles.count, 4)
        XCTAssertEqual(try rss.nodes(forXPath: "/rss/channel/item/pubDate").first?.stringValue, "Mon, 16 Nov 2026 00:00:00 +0000")
        let atom = try xml("partnership/news.atom")
        XCTAssertEqual(try atom.nodes(forXPath: "//*[local-name()='entry']").count, 3)
        // Each dated event has a calendar file with the required fields.
        let ics = try String(contentsOf: output.appendingPathComponent("townhall/events/christmas-concert/event.ics"), encoding: .utf8)
        for field in [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "UID:", "DTSTAMP:20261113T000000Z",
            "DTSTART;VALUE=DATE:20261219", "SUMMARY:", "LOCATION:Great Hall\\, Kestrelford Town Hall", "END:VEVENT", "END:VCALENDAR",
        ] {
            XCTAssertTrue(ics.contains(field), field)
        }
        XCTAssertTrue(ics.contains("\r\n"))
        // JSON-LD parses and says what the page is.
        func jsonLD(_ path: String) throws -> [[String: Any]] {
            let page = HTMLDocument(html: try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8))
            let text = try XCTUnwrap(page.elements("//script[@type='application/ld+json']").first?.text)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try XCTUnwrap(object["@graph"] as? [[String: Any]])
        }
        XCTAssertEqual(try jsonLD("council/index.html").compactMap { $0["@type"] as? String }, ["GovernmentOrganization"])
        XCTAssertEqual(try jsonLD("council/news/riverside-parking-zone/index.html").compactMap { $0["@type"] as? String }, ["BreadcrumbList", "NewsArticle"])
        XCTAssertEqual(try jsonLD("townhall/events/christmas-concert/index.html").compactMap { $0["@type"] as? String }, ["BreadcrumbList", "Event"])
        XCTAssertEqual(
            try jsonLD("council/bins-and-recycling/missed-bin/index.html").compactMap { $0["@type"] as? String }, ["BreadcrumbList", "GovernmentService"])
        // Open data.
        let pages = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("council/data/pages.json"))) as? [[String: Any]])
        XCTAssertEqual(pages.count, 36)
        XCTAssertNotNil(pages.first { $0["url"] as? String == "https://www.kestrelford.example/parking/" }?["reading_age"] as? Double)
        let csv = try String(contentsOf: output.appendingPathComponent("council/data/pages.csv"), encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("title,url,summary,updated,review_by,reading_age\r\n"))
        let services = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("council/data/services.json"))) as? [[String: String]])
        XCTAssertTrue(services.contains { $0["name"] == "Missed bins" })
    }
}
