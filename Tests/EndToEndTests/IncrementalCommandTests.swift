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

    /// An edit to one page's text is a quick rebuild: `--verbose` lists its stages, and the
    /// findings it prints, the edited page's new one among them, are a clean build's exactly.
    func testAOnePageEditIsAQuickRebuildThatPrintsWhatACleanBuildPrints() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe collect two bins.\n")
        try project.write("content/main/tax.md", "---\ntitle: Tax\ndescription: Council tax.\n---\nWe utilise your payment.\n")
        XCTAssertEqual(try project.run(["build", "--date", "2026-11-25"]).status, 0)
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe collect two bins. Please note the van.\n")
        let quick = try project.run(["build", "--date", "2026-11-25", "--verbose"])
        XCTAssertEqual(quick.status, 0, quick.err)
        for stage in [
            "quick: read the state, list and sign the content, open the caches", "quick: (core time) check the published files",
            "quick: rebuild the changed pages", "quick: write the changed files", "quick: save the cache index and the state",
        ] {
            XCTAssertTrue(quick.err.contains(stage), quick.err)
        }
        XCTAssertFalse(quick.err.contains("pages: plain English and readability"), "no full build")
        XCTAssertTrue(quick.err.contains("\n  5:22  warning  'Please note' adds words but no meaning.  courtesy/please-note\n"), quick.err)
        let clean = try project.run(["build", "--date", "2026-11-25", "--no-cache", "--output", "clean"])
        XCTAssertEqual(clean.status, 0, clean.err)
        XCTAssertTrue(quick.err.hasSuffix(clean.err), "quick:\n\(quick.err)\nclean:\n\(clean.err)")
        XCTAssertEqual(try project.read("site/main/bins/index.html"), try project.read("clean/main/bins/index.html"))
        // The next quick rebuild prints the other files' lines from the report the first saved.
        XCTAssertTrue(
            try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent(".plainsite-cache").path)
                .contains { $0.hasPrefix("report-") })
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe collect two bins. We endeavour to come.\n")
        let again = try project.run(["build", "--date", "2026-11-25", "--verbose"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.err.contains("quick: rebuild the changed pages"), again.err)
        XCTAssertTrue(again.err.contains("endeavour"), again.err)
        let cleanAgain = try project.run(["build", "--date", "2026-11-25", "--no-cache", "--output", "clean"])
        XCTAssertTrue(again.err.hasSuffix(cleanAgain.err), "quick:\n\(again.err)\nclean:\n\(cleanAgain.err)")
        XCTAssertTrue(again.err.contains("content/main/tax.md\n"), again.err)
    }

    /// A quick rebuild reports its findings from the build state without decoding them for the
    /// text report: the pages past their review date, `--fail-on` and every other format still
    /// give exactly what a clean build gives.
    func testAQuickRebuildsReviewDatesFailLevelAndJSONAreACleanBuilds() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\nreview_by: 2021-06-01\n---\nWe collect two bins.\n")
        try project.write("content/main/tax.md", "---\ntitle: Tax\ndescription: Council tax.\n---\nWe utilise your payment.\n")
        XCTAssertEqual(try project.run(["build", "--date", "2026-11-25"]).status, 0)
        try project.write("content/main/tax.md", "---\ntitle: Tax\ndescription: Council tax.\n---\nWe utilise your payment. Please note the date.\n")
        let quick = try project.run(["build", "--date", "2026-11-25", "--fail-on", "warning", "--verbose"])
        XCTAssertTrue(quick.err.contains("quick: rebuild the changed pages"), quick.err)
        let clean = try project.run(["build", "--date", "2026-11-25", "--fail-on", "warning", "--no-cache", "--output", "clean"])
        XCTAssertEqual(quick.status, 1, quick.err)
        XCTAssertEqual(clean.status, 1, clean.err)
        XCTAssertTrue(quick.err.hasSuffix(clean.err), "quick:\n\(quick.err)\nclean:\n\(clean.err)")
        XCTAssertTrue(quick.out.hasPrefix("1 page is past its review date:\n  content/main/bins.md (due 1 June 2021)\n"), quick.out)
        XCTAssertEqual(quick.out.replacingOccurrences(of: "/site.", with: "/clean."), clean.out)
        // Nothing changed: a quick rebuild with nothing to rebuild, in JSON.
        let json = try project.run(["build", "--date", "2026-11-25", "--format", "json"])
        let cleanJSON = try project.run(["build", "--date", "2026-11-25", "--format", "json", "--no-cache", "--output", "clean"])
        XCTAssertEqual(json.status, 0, json.err)
        XCTAssertEqual(json.out, cleanJSON.out)
        XCTAssertTrue(json.out.contains("courtesy/please-note"), json.out)
    }
}
