import Diagnostics
import Foundation
import Output
import Project
import XCTest

@testable import SiteBuilder

/// The preview's build session: what an update rebuilds, and that its site is always exactly
/// the site a full build makes from the same files.
final class BuildSessionTests: IncrementalTestCase {
    func session() throws -> BuildSession {
        let (loaded, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let configuration = try XCTUnwrap(loaded)
        let site = try XCTUnwrap(configuration.sites.first { $0.id == "council" })
        return BuildSession(configuration: configuration, site: site, today: today)
    }

    func path(_ relative: String) -> String { project.appendingPathComponent(relative).path }

    /// The session's site and findings are those of a full build of the site from an empty cache, byte for byte.
    func assertMatchesAFullBuild(_ built: SessionBuild, file: StaticString = #filePath, line: UInt = #line) throws {
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let report = Builder(configuration: try XCTUnwrap(configuration)).build(
            BuildOptions(siteIDs: ["council"], outputFolder: project.appendingPathComponent("clean"), today: today, useCache: false))
        XCTAssertEqual(built.diagnostics, report.diagnostics, file: file, line: line)
        XCTAssertEqual(built.pages, report.pages, file: file, line: line)
        let expected = try files(in: "clean/council")
        XCTAssertGreaterThan(expected.count, 50, file: file, line: line)
        XCTAssertEqual(Set(built.snapshot.files.keys), Set(expected.keys), "different files", file: file, line: line)
        for (path, data) in expected where built.snapshot.files[path]?.contents != data {
            XCTFail("\(path) differs", file: file, line: line)
        }
    }

    func html(_ built: SessionBuild, _ path: String) -> String {
        String(decoding: built.snapshot.files[path]?.contents ?? Data(), as: UTF8.self)
    }

    func testAOnePageEditRebuildsThatPageAlone() throws {
        let session = try session()
        let first = session.update(changed: [])
        XCTAssertGreaterThan(first.rebuiltPages, 20)
        XCTAssertEqual(first.reusedPages, 0)
        try replace("content/council/parking/visitor-permits.md", "\n---\n", with: "\n---\nA sentence added in the preview.\n\n")
        let second = session.update(changed: [path("content/council/parking/visitor-permits.md")])
        XCTAssertEqual(second.rebuiltPages, 1)
        XCTAssertEqual(second.reusedPages, first.rebuiltPages - 1)
        XCTAssertTrue(html(second, "parking/visitor-permits/index.html").contains("A sentence added in the preview."))
        try assertMatchesAFullBuild(second)
        // Nothing changed: nothing is built.
        XCTAssertEqual(session.update(changed: [path("content/council/parking/visitor-permits.md")]).rebuiltPages, 0)
    }

    func testATitleEditChangesOtherPagesMenus() throws {
        let session = try session()
        let first = session.update(changed: [])
        XCTAssertFalse(html(first, "contact-us/index.html").contains("Parking and permits"))
        try replace("content/council/parking/index.md", "title: Parking\n", with: "title: Parking and permits\n")
        let second = session.update(changed: [path("content/council/parking/index.md")])
        XCTAssertTrue(html(second, "contact-us/index.html").contains("Parking and permits"))
        try assertMatchesAFullBuild(second)
    }

    func testADeletedPageIsGone() throws {
        let session = try session()
        let first = session.update(changed: [])
        XCTAssertNotNil(first.snapshot.files["parking/warning-page/index.html"])
        try FileManager.default.removeItem(at: project.appendingPathComponent("content/council/parking/warning-page.md"))
        let second = session.update(changed: [path("content/council/parking/warning-page.md")])
        XCTAssertNil(second.snapshot.files["parking/warning-page/index.html"])
        XCTAssertFalse(second.snapshot.folders.contains("parking/warning-page"))
        try assertMatchesAFullBuild(second)
    }

    func testAThemeEditRebuildsEveryPage() throws {
        let session = try session()
        let first = session.update(changed: [])
        try replace("themes/council/templates/base.mustache", "</body>", with: "<!-- edited --></body>")
        let second = session.update(changed: [path("themes/council/templates")])
        XCTAssertEqual(second.rebuiltPages, first.rebuiltPages)
        XCTAssertTrue(html(second, "index.html").contains("<!-- edited --></body>"))
        try assertMatchesAFullBuild(second)
    }
}
