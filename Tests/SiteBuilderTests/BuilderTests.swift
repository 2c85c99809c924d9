import Diagnostics
import Foundation
import HTML
import SiteBuilder
import XCTest

/// Builds small projects written into a temporary folder.
final class BuilderTests: XCTestCase {
    var project: URL!

    override func setUpWithError() throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-builder-\(UUID().uuidString)")
        try write("plainsite.yml", """
        organisation: Test Council
        sites:
          - id: main
            title: Test Council
            base_url: https://www.test.example/
          - id: hall
            title: Test Hall
            base_url: https://www.test.example/hall/
            colours:
              brand: "#6b1d4a"
        """)
        try write("themes/council/templates/base.mustache", "<title>{{head_title}}</title><header>{{> header}}</header>{{{content}}}<footer>base footer</footer>")
        try write("themes/council/templates/partials/header.mustache", "base header {{site.title}}")
        try write("themes/council/templates/layouts/page.mustache", "<h1>{{page.title}}</h1>{{{page.body}}}")
        try write("themes/council/assets/site.css", "body{}")
        try write("themes/hall/templates/partials/header.mustache", "hall header")
        try write("themes/hall/assets/site.css", "hall{}")
        try write("content/_data/council.yml", "phone: 01632 960000\n")
        try write("content/_snippets/call.md", "Call {{ council.phone }}. See [contact](/contact/).\n")
        try write("content/main/index.md", "---\ntitle: Test Council\ndescription: Home.\n---\nWelcome. See [bins](bins.md).\n")
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\n---\n{{> call }}\n\n![Bin day map](map.png)\n")
        try write("content/main/map.png", "png")
        try write("content/hall/index.md", "---\ntitle: Test Hall\ndescription: Hall.\n---\n{{> call }}\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: project)
    }

    func write(_ path: String, _ text: String) throws {
        let file = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: project.appendingPathComponent(path), encoding: .utf8)
    }

    func build(_ sites: [String]? = nil) throws -> BuildReport {
        let (configuration, diagnostics) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        XCTAssertEqual(diagnostics, [])
        let builder = Builder(configuration: try XCTUnwrap(configuration))
        return builder.build(BuildOptions(siteIDs: sites, outputFolder: project.appendingPathComponent("site")))
    }

    func testPagesThemeOverridesDataAndSnippets() throws {
        let report = try build()
        XCTAssertEqual(report.diagnostics, [])
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.pageCounts, ["main": 2, "hall": 1])
        let bins = try XCTUnwrap(read("site/main/bins/index.html"))
        XCTAssertEqual(bins, """
        <title>Bins - Test Council</title><header>base header Test Council</header><h1>Bins</h1><p>Call 01632 960000. See <a href="/contact/">contact</a>.</p>
        <p><img src="/map.png" alt="Bin day map" /></p>
        <footer>base footer</footer>
        """)
        XCTAssertEqual(read("site/main/index.html")?.contains("<a href=\"/bins/\">bins</a>"), true)
        XCTAssertEqual(read("site/main/index.html")?.hasPrefix("<title>Test Council</title>"), true)
        // The hall site overrides only its header and stylesheet; the rest comes from the shared theme.
        let hall = try XCTUnwrap(read("site/hall/index.html"))
        XCTAssertTrue(hall.contains("<header>hall header</header>"), hall)
        XCTAssertTrue(hall.contains("<footer>base footer</footer>"), hall)
        XCTAssertTrue(hall.contains("See <a href=\"/hall/contact/\">contact</a>"), hall)
        XCTAssertEqual(read("site/hall/assets/site.css"), "hall{}")
        XCTAssertEqual(read("site/main/assets/site.css"), "body{}")
        XCTAssertEqual(read("site/main/map.png"), "png")
        XCTAssertTrue(read("site/hall/assets/brand.css")?.contains("--ps-brand: #6b1d4a;") ?? false)
    }

    func testContentErrorsPublishNothingAndKeepTheLastGoodBuild() throws {
        XCTAssertTrue(try build().published)
        try write("content/main/bins.md", "---\ntitle: Bins\nlayout: leaflet\n---\nNew text.\n")
        let report = try build()
        XCTAssertFalse(report.published)
        let error = try XCTUnwrap(report.diagnostics.first { $0.rule == "front-matter/layout" })
        XCTAssertEqual(error.file, "content/main/bins.md")
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.suggestion, "Use one of: page.")
        XCTAssertTrue(read("site/main/bins/index.html")?.contains("Call 01632 960000") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/.plainsite-staging").path))
    }

    func testDuplicateURLsNameBothFiles() throws {
        try write("content/main/bins/index.md", "---\ntitle: Bins again\n---\n")
        let report = try build(["main"])
        let duplicate = try XCTUnwrap(report.diagnostics.first { $0.rule == "content/duplicate-url" })
        XCTAssertTrue(duplicate.message.contains("content/main/bins.md"), duplicate.message)
        XCTAssertTrue(duplicate.file.hasPrefix("content/main/bins"))
    }

    func testMissingTitleAndUnknownSnippetAreErrorsWithLines() throws {
        try write("content/main/bins.md", "---\ndescription: Bins.\n---\n\n{{> phone }}\n")
        let report = try build(["main"])
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }.map { "\($0.rule)@\($0.line)" },
                       ["front-matter/title@1", "markdown/unknown-snippet@5"])
    }

    func testUnknownSiteIsASetupError() throws {
        let report = try build(["nowhere"])
        XCTAssertEqual(report.setupError, "There is no site called 'nowhere'. Sites in plainsite.yml: main, hall.")
    }

    func testRefusesToWriteIntoAFolderItDidNotCreate() throws {
        try write("site/notes.txt", "mine")
        let report = try build()
        XCTAssertNotNil(report.setupError)
        XCTAssertEqual(read("site/notes.txt"), "mine")
    }

    func testInvalidUTF8IsReportedAtItsLine() throws {
        let file = project.appendingPathComponent("content/main/bins.md")
        try Data("---\ntitle: Bins\n---\nCaf".utf8 + [0xE9] + Data(" menu\n".utf8)).write(to: file)
        let report = try build(["main"])
        let error = try XCTUnwrap(report.diagnostics.first { $0.rule == "content/encoding" })
        XCTAssertEqual(error.line, 4)
        XCTAssertEqual(error.column, 4)
    }
}
