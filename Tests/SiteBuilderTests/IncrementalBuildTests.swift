import Diagnostics
import Foundation
import Markdown
import XCTest

@testable import SiteBuilder

/// The page cache: after any edit, a build that takes unchanged pages from the cache writes
/// exactly what a clean build writes, and reports exactly the same problems.
final class IncrementalBuildTests: IncrementalTestCase {
    func testUnchangedProjectTakesEveryPageFromTheCacheAndReportsTheSameFindings() throws {
        let first = try build(into: "site")
        XCTAssertGreaterThan(first.cacheMisses, 30)
        XCTAssertEqual(first.cacheHits, 0)
        let second = try build(into: "site")
        XCTAssertEqual(second.cacheMisses, 0)
        XCTAssertEqual(second.cacheHits, first.cacheMisses)
        XCTAssertEqual(second.cacheWarnings, [])
        // A warning in a cached page is still reported on every build.
        XCTAssertTrue(second.diagnostics.contains { $0.file == "content/council/parking/warning-page.md" && $0.severity == .warning })
        assertSameReport(second, first)
        let clean = try build(into: "clean", cache: false)
        XCTAssertEqual(clean.cacheHits + clean.cacheMisses, 0)
        assertSameReport(second, clean)
        try assertSameOutput("site", "clean")
    }

    func testEditingOnePageRebuildsOnlyThatPage() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/warning-page.md", "in the city centre", with: "in the city centre and at the station")
        }
        XCTAssertEqual(report.cacheMisses, 1)
        XCTAssertGreaterThan(report.cacheHits, 30)
    }

    func testRenamingASectionUpdatesBreadcrumbsMenusAndListsElsewhere() throws {
        // A section's title appears in the menu of every page and in the breadcrumbs of its pages.
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/index.md", "title: Parking", with: "title: Parking and permits")
        }
        XCTAssertGreaterThan(report.cacheMisses, 1)
    }

    func testEditingANewsArticleUpdatesTheNewsList() throws {
        try assertIncrementalMatchesClean {
            try replace("content/council/news/free-food-caddy-liners.md", "date: 2026-10-05", with: "date: 2026-11-20")
        }
    }

    func testAddingAndRemovingPages() throws {
        try assertIncrementalMatchesClean {
            try write("content/council/parking/new-permit.md", "---\ntitle: New permits\ndescription: Apply for a new permit.\n---\nApply online.\n")
            try FileManager.default.removeItem(at: project.appendingPathComponent("content/council/parking/warning-page.md"))
        }
    }

    func testEditingATemplate() throws {
        let report = try assertIncrementalMatchesClean {
            let base = project.appendingPathComponent("themes/council/templates/base.mustache")
            var text = try String(contentsOf: base, encoding: .utf8)
            text = text.replacingOccurrences(of: "</body>", with: "<p>Edited footer note.</p></body>")
            try Data(text.utf8).write(to: base)
        }
        XCTAssertEqual(report.cacheHits, 0)
    }

    func testEditingAComponentTemplate() throws {
        let components = project.appendingPathComponent("themes/council/components")
        let names = try FileManager.default.contentsOfDirectory(atPath: components.path).sorted()
        let component = try XCTUnwrap(names.first { FileManager.default.fileExists(atPath: components.appendingPathComponent("\($0)/\($0).mustache").path) })
        try assertIncrementalMatchesClean {
            let file = components.appendingPathComponent("\(component)/\(component).mustache")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "\n<!-- edited -->\n").utf8).write(to: file)
        }
    }

    func testEditingSharedData() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/_data/council.yml", "01632 960000", with: "01632 960999")
        }
        XCTAssertEqual(report.cacheHits, 0)
    }

    func testEditingASnippet() throws {
        let snippets = project.appendingPathComponent("content/_snippets")
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: snippets.path).sorted().first)
        try assertIncrementalMatchesClean {
            let file = snippets.appendingPathComponent(name)
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "\nAsk at any library.\n").utf8).write(to: file)
        }
    }

    func testEditingTheConfiguration() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("plainsite.yml", "title: Kestrelford Town Hall", with: "title: Kestrelford Town Hall and Gardens")
        }
        XCTAssertEqual(report.cacheHits, 0)
    }

    func testADifferentDayMovesEvents() throws {
        // "today" decides which events are upcoming and which pages are past their review date.
        try assertIncrementalMatchesClean(date: SimpleDate("2027-06-01")!) {}
    }

    /// The cache keeps one entry per page: an edited page's old entry is dropped by the build
    /// that replaces it.
    func testEntriesOfPagesNoLongerBuiltAreDropped() throws {
        let first = try build(into: "site")
        let before = try entryFiles(site: "council")
        XCTAssertEqual(before.count, first.pages.filter { $0.site == "council" }.count)
        try replace("content/council/parking/warning-page.md", "in the city centre", with: "in the city centre and at the station")
        XCTAssertEqual(try build(into: "site").cacheMisses, 1)
        let after = try entryFiles(site: "council")
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(Set(after).subtracting(before).count, 1)
    }

    func testAnUnwritableCacheStillBuildsCorrectly() throws {
        // The cache folder is a file: nothing can be cached, and the build is still right.
        try write(".plainsite-cache", "not a folder")
        let report = try build(into: "site")
        XCTAssertTrue(report.published)
        XCTAssertFalse(report.cacheWarnings.isEmpty)
        let clean = try build(into: "clean", cache: false)
        assertSameReport(report, clean)
        try assertSameOutput("site", "clean")
    }
}
