import Foundation
import SiteBuilder
import Support
import XCTest

/// Runs the real `plainsite` executable and checks its output and exit codes.
final class CommandLineTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws {
        project = try TestProject()
    }

    override func tearDownWithError() throws {
        project.remove()
    }

    func write(_ path: String, _ text: String) throws { try project.write(path, text) }
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) { try project.run(arguments) }

    func testCleanBuildExitsZero() throws {
        let result = try run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, "Built 1 pages (main 1) into \(project.root.standardizedFileURL.path)/site.\n")
        let html = try String(contentsOf: project.root.appendingPathComponent("site/main/index.html"), encoding: .utf8)
        XCTAssertEqual(
            html,
            "<!DOCTYPE html><html lang=\"en\"><head><title>Home</title></head><body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>Home</h1><p>Hello.</p>\n</main></body></html>"
        )
    }

    func testContentErrorExitsOneAndKeepsTheLastBuild() throws {
        XCTAssertEqual(try run(["build"]).status, 0)
        try write("content/main/index.md", "---\ntitle: Home\norder: first\n---\nChanged.\n")
        let result = try run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.contains("content/main/index.md\n  1:1  warning  This page has no description"), result.err)
        XCTAssertTrue(
            result.err.contains("  3:1  error  'order' must be a whole number.  front-matter/type\n      → Write it like this: order: 2\n"), result.err)
        XCTAssertTrue(result.err.contains("Nothing was published"), result.err)
        let html = try String(contentsOf: project.root.appendingPathComponent("site/main/index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Hello."))
    }

    func testConfigurationErrorExitsTwoNamingKeyAndLine() throws {
        try write("plainsite.yml", "sites:\n  - id: main\n    title: Test\n    base_url: t.example\n")
        let result = try run(["build"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(
            result.err.contains(
                "4:5  error  'base_url' of site 'main' is 't.example', which is not a full web address starting with https://.  config/base-url"), result.err)
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try run(["build", "--site", "nowhere"]).status, 2)
        let unknown = try run(["build", "--colour"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.err.contains("Unknown option '--colour'"), unknown.err)
        let badDate = try run(["build", "--date", "2026-13-01"])
        XCTAssertEqual(badDate.status, 2)
        XCTAssertTrue(badDate.err.contains("'2026-13-01' is not a date. Write it as year-month-day"), badDate.err)
    }

    func testHelpHasExamplesAndVersionPrints() throws {
        let help = try run(["build", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("plainsite build --site council --site townhall"), help.out)
        for command in ["build", "lint", "check", "rules", "new", "report", "serve"] {
            let text = try run([command, "--help"])
            XCTAssertEqual(text.status, 0, command)
            XCTAssertTrue(text.out.contains("Examples:\n  plainsite \(command)"), "\(command) --help has no examples: \(text.out)")
        }
        let version = try run(["--version"])
        XCTAssertEqual(version.out.trimmingCharacters(in: .whitespacesAndNewlines), PlainsiteVersion.current)
    }

    func testVerbosePrintsTimePerStageAndProgressIsSilentWhenNotATerminal() throws {
        let result = try run(["build", "--verbose"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.hasPrefix("Time per stage:\n"), result.err)
        for stage in [
            "read content and theme", "pages: Markdown to HTML", "pages: plain English and readability",
            "pages: accessibility checks", "publish the new sites", "whole build",
        ] {
            XCTAssertTrue(result.err.contains("  \(stage)"), "missing \(stage) in \(result.err)")
        }
        // Standard error is a pipe here, not a terminal: no progress line or control characters.
        XCTAssertFalse(result.err.contains("Building main"), result.err)
        XCTAssertFalse(result.err.contains("\u{1B}"), result.err)
        XCTAssertFalse(try run(["build"]).err.contains("Time per stage"))
    }

    func testAFolderWhereTheBaselineGoesIsRefusedPlainly() throws {
        try FileManager.default.createDirectory(
            at: project.root.appendingPathComponent(".plainsite-baseline.json"),
            withIntermediateDirectories: true)
        let result = try run(["lint", "--write-baseline"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(
            result.err,
            "plainsite: \(project.root.path)/.plainsite-baseline.json is not a regular file, so Plainsite will not write there. Move it away, or choose another place.\n"
        )
    }

    func testProgressIsShownOnATerminal() throws {
        // `script` runs the build with a pseudo-terminal as its standard error.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("util-linux's script is not installed") }
        for index in 1...3 { try write("content/main/page-\(index).md", "---\ntitle: Page \(index)\ndescription: A page.\n---\nHello.\n") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(TestProject.executable.path)' build", "/dev/null"]
        process.currentDirectoryURL = project.root
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("\r\u{1B}[KBuilding main: 4 of 4 pages"), text)
        // The line is cleared before the summary.
        XCTAssertTrue(text.contains("\r\u{1B}[KBuilt 4 pages (main 4)"), text)
    }

    func testReportCommandWritesTheHTMLReportWithoutTouchingTheSite() throws {
        XCTAssertEqual(try run(["build"]).status, 0)
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe will endeavour to collect your bins.\n")
        let result = try run(["report", "--date", "2026-11-25"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, "Wrote the report of 2 pages (0 errors, 1 warnings) to \(project.root.standardizedFileURL.path)/site/_report/index.html.\n")
        let index = try project.read("site/_report/index.html")
        XCTAssertTrue(index.contains(", built on 25 November 2026.</p>"), index)
        XCTAssertTrue(index.contains("<a href=\"source/content/main/bins.md.html#line-5\">content/main/bins.md, line 5, column 9</a>"), index)
        let source = try project.read("site/_report/source/content/main/bins.md.html")
        XCTAssertTrue(source.contains("<li id=\"line-5\" class=\"has-problem\"><code>We will endeavour to collect your bins.</code>"), source)
        // The published site was not rebuilt: the new page is not in it.
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site/main/bins/index.html").path))
        XCTAssertEqual(try run(["report", "--fail-on", "warning"]).status, 1)
    }

    func testBuildWritesTheReportWhenAskedEvenWhenTheBuildFails() throws {
        try write("content/main/index.md", "---\ntitle: Home\norder: first\n---\nHello.\n")
        let result = try run(["build", "--report"])
        XCTAssertEqual(result.status, 1)
        let index = try project.read("site/_report/index.html")
        XCTAssertTrue(index.contains("&#39;order&#39; must be a whole number."), index)
        XCTAssertTrue(index.contains("<li><strong>1</strong> error</li>"), index)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site/main/index.html").path))
    }
}
