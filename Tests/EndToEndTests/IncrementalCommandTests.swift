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
}
