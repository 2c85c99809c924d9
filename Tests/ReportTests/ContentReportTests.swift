import Accessibility
import Diagnostics
import Foundation
import HTML
import Report
import SiteBuilder
import Support
import XCTest

final class ContentReportTests: XCTestCase {
    let bins = "---\ntitle: Bins\n---\nWe will endeavour to collect your bins.\n\nA <second> line.\n"
    var report: ContentReport {
        ContentReport(
            organisation: "Kestrelford City Council", date: "25 November 2026",
            pages: [
                PageSummary(site: "council", urlPath: "bins/", sourcePath: "content/council/bins.md", title: "Bins", layout: "page", readingAge: 11.04),
                PageSummary(site: "council", urlPath: "tax/", sourcePath: "content/council/tax.md", title: "Council Tax", layout: "page", readingAge: nil),
                PageSummary(site: "townhall", urlPath: "", sourcePath: "content/townhall/index.md", title: "Town Hall", layout: "home", readingAge: 9.5),
            ],
            diagnostics: [
                Diagnostic(
                    rule: "plain-english/words", severity: .warning, file: "content/council/bins.md", line: 4, column: 9,
                    message: "'endeavour' is a complicated word.", suggestion: "Write 'try' instead."),
                Diagnostic(
                    rule: "a11y/image-alt", severity: .error, file: "content/council/bins.md", line: 6, column: 3,
                    message: "The <img> has no alt text.", suggestion: "Describe the image."),
                Diagnostic(
                    rule: "front-matter/description", severity: .suggestion, file: "content/townhall/index.md", line: 1,
                    message: "No description."),
            ],
            sources: ["content/council/bins.md": bins])
    }

    func testIndexListsEveryPageWithReadingAgeAndCountsWorstFirst() throws {
        let html = report.files()["index.html"]!
        let document = HTMLDocument(html: html)
        let rows = document.elements("//table[@id='pages-table']/tbody/tr")
        XCTAssertEqual(
            document.elements("//table[@id='pages-table']/tbody/tr/th").map(\.text),
            [
                "Binscontent/council/bins.md", "Town Hallcontent/townhall/index.md", "Council Taxcontent/council/tax.md",
            ])
        XCTAssertEqual(
            document.elements("//table[@id='pages-table']/tbody/tr/td").map(\.text),
            [
                "council", "11.0", "1", "1", "0", "townhall", "9.5", "0", "0", "1", "council", "not measured", "0", "0", "0",
            ])
        XCTAssertEqual(rows.map { $0.attribute("data-worst") }, ["error", "suggestion", "none"])
        XCTAssertTrue(html.contains("<li><strong>3</strong> pages</li>\n<li><strong>1</strong> error</li>\n<li><strong>1</strong> warning</li>"), html)
        XCTAssertTrue(html.contains("Average reading age <strong>10.3</strong>"), html)
        // Each problem links to its line in the file's page, with what to do.
        let links = document.elements("//section[@data-site='council']//a").map { $0.attribute("href") ?? "" }
        XCTAssertEqual(links, ["source/content/council/bins.md.html#line-4", "source/content/council/bins.md.html#line-6"])
        XCTAssertTrue(html.contains("<p class=\"suggestion\">What to do: Write &#39;try&#39; instead.</p>"), html)
        // Messages are escaped, never markup.
        XCTAssertTrue(html.contains("The &lt;img&gt; has no alt text."), html)
        XCTAssertFalse(html.contains("<img"), html)
    }

    func testSourcePageShowsEachProblemUnderItsLine() throws {
        let html = try XCTUnwrap(report.files()["source/content/council/bins.md.html"])
        let document = HTMLDocument(html: html)
        let line4 = try XCTUnwrap(document.elements("//li[@id='line-4']").first)
        XCTAssertEqual(line4.attribute("class"), "has-problem")
        XCTAssertEqual(document.elements("//li[@id='line-4']/code").first?.text, "We will endeavour to collect your bins.")
        XCTAssertTrue(line4.text.contains("'endeavour' is a complicated word."))
        XCTAssertEqual(document.elements("//ol[@class='source']/li").count, 6)
        XCTAssertEqual(document.elements("//li[@id='line-6']/code").first?.text, "A <second> line.")
        XCTAssertTrue(html.contains("<link rel=\"stylesheet\" href=\"../../../report.css\">"), html)
        XCTAssertTrue(html.contains("href=\"../../../index.html#file-content-council-bins-md\""), html)
        // A file without its text (not readable) gets no page, and its problems no link.
        XCTAssertNil(report.files()["source/content/townhall/index.md.html"])
    }

    func testReportPassesTheAccessibilityChecks() {
        let checker = AccessibilityChecker()
        for (path, html) in report.files() where path.hasSuffix(".html") {
            let result = checker.check(html: html, file: path)
            XCTAssertEqual(result.diagnostics, [], path)
        }
        let empty = ContentReport(organisation: "A council", date: "1 January 2027", pages: [], diagnostics: [], sources: [:])
        XCTAssertEqual(checker.check(html: empty.files()["index.html"]!, file: "index.html").diagnostics, [])
        XCTAssertTrue(empty.files()["index.html"]!.contains("<p>No problems were found.</p>"))
    }

    func testWriteReplacesTheOldReportWholeAndLeavesOtherFiles() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        let folder = project.appendingPathComponent("site/_report")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("source/old"), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: folder.appendingPathComponent("source/old/gone.md.html"))
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let owned = try OwnedFolder.claim(folder, projectRoot: project, force: true)
        try report.write(to: owned)
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains(".") }.sorted()
        XCTAssertEqual(
            written, [".plainsite-output", "favicon.svg", "index.html", "notes.txt", "report.css", "report.js", "source/content/council/bins.md.html"])
    }
}
