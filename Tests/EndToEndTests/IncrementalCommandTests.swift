import Foundation
import XCTest

/// `plainsite build` keeps its cache in .plainsite-cache/ beside plainsite.yml, and `--no-cache`
/// builds without it; both write the same site.
final class IncrementalCommandTests: XCTestCase {
    func testBuildUsesTheCacheAndNoCacheBuildsTheSameSite() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe utilise two bins.\n")
        let first = try project.run(["build", "--date", "2026-11-25"])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.err.contains("utilise"))
        let cache = project.root.appendingPathComponent(".plainsite-cache")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.path))
        let cached = try project.read("site/main/bins/index.html")
        // A warning in a page taken from the cache is still reported.
        let second = try project.run(["build", "--date", "2026-11-25"])
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertEqual(second.err, first.err)
        XCTAssertEqual(try project.read("site/main/bins/index.html"), cached)
        try FileManager.default.removeItem(at: cache)
        let fresh = try project.run(["build", "--date", "2026-11-25", "--no-cache"])
        XCTAssertEqual(fresh.status, 0, fresh.err)
        XCTAssertEqual(fresh.err, first.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path))
        XCTAssertEqual(try project.read("site/main/bins/index.html"), cached)
    }

    /// After an edit to one page, the findings printed (the edited page's new one among them,
    /// the other pages' from the cache) are a clean build's exactly.
    func testAOnePageEditPrintsWhatACleanBuildPrints() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe collect two bins.\n")
        try project.write("content/main/tax.md", "---\ntitle: Tax\ndescription: Council tax.\n---\nWe utilise your payment.\n")
        XCTAssertEqual(try project.run(["build", "--date", "2026-11-25"]).status, 0)
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe collect two bins. Please note the van.\n")
        let rebuilt = try project.run(["build", "--date", "2026-11-25"])
        XCTAssertEqual(rebuilt.status, 0, rebuilt.err)
        XCTAssertTrue(rebuilt.err.contains("\n  5:22  warning  'Please note' adds words but no meaning.  courtesy/please-note\n"), rebuilt.err)
        XCTAssertTrue(rebuilt.err.contains("content/main/tax.md\n"), rebuilt.err)
        let clean = try project.run(["build", "--date", "2026-11-25", "--no-cache", "--output", "clean"])
        XCTAssertEqual(clean.status, 0, clean.err)
        XCTAssertEqual(rebuilt.err, clean.err)
        XCTAssertEqual(try project.read("site/main/bins/index.html"), try project.read("clean/main/bins/index.html"))
    }

    /// A build that takes pages from the cache gives what a clean build gives: the pages past
    /// their review date, `--fail-on` and the JSON report.
    func testACachedBuildsReviewDatesFailLevelAndJSONAreACleanBuilds() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\nreview_by: 2021-06-01\n---\nWe collect two bins.\n")
        try project.write("content/main/tax.md", "---\ntitle: Tax\ndescription: Council tax.\n---\nWe utilise your payment.\n")
        XCTAssertEqual(try project.run(["build", "--date", "2026-11-25"]).status, 0)
        try project.write("content/main/tax.md", "---\ntitle: Tax\ndescription: Council tax.\n---\nWe utilise your payment. Please note the date.\n")
        let cached = try project.run(["build", "--date", "2026-11-25", "--fail-on", "warning"])
        let clean = try project.run(["build", "--date", "2026-11-25", "--fail-on", "warning", "--no-cache", "--output", "clean"])
        XCTAssertEqual(cached.status, 1, cached.err)
        XCTAssertEqual(clean.status, 1, clean.err)
        XCTAssertEqual(cached.err, clean.err)
        XCTAssertTrue(cached.out.hasPrefix("1 page is past its review date:\n  content/main/bins.md (due 1 June 2021)\n"), cached.out)
        XCTAssertEqual(cached.out.replacingOccurrences(of: "/site.", with: "/clean."), clean.out)
        // Nothing changed: every page from the cache, in JSON.
        let json = try project.run(["build", "--date", "2026-11-25", "--format", "json"])
        let cleanJSON = try project.run(["build", "--date", "2026-11-25", "--format", "json", "--no-cache", "--output", "clean"])
        XCTAssertEqual(json.status, 0, json.err)
        XCTAssertEqual(json.out, cleanJSON.out)
        XCTAssertTrue(json.out.contains("courtesy/please-note"), json.out)
    }
}
