import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `plainsite build --ci-artifacts DIR`: the files CI reads, written before the exit code.
final class CIArtifactsTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws {
        project = try TestProject()
    }

    override func tearDownWithError() throws {
        project.remove()
    }

    func url(_ path: String) -> URL { project.root.appendingPathComponent(path) }

    func sarifResults(_ path: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: url(path))
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(document["runs"] as? [[String: Any]])
        return try XCTUnwrap(runs.first?["results"] as? [[String: Any]])
    }

    func findings(_ path: String) throws -> [[String: Any]] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url(path))) as? [[String: Any]])
    }

    func testCleanBuildWritesEveryFileEmptyOfFindings() throws {
        let result = try project.run(["build", "--ci-artifacts", "ci"], environment: ["GITHUB_ACTIONS": "true"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertFalse(result.out.contains("::"), "no findings, so no annotations: \(result.out)")
        XCTAssertEqual(try sarifResults("ci/report.sarif").count, 0)
        let junit = try XMLDocument(contentsOf: url("ci/junit.xml"))
        let cases = try junit.nodes(forXPath: "//testcase")
        XCTAssertEqual(cases.map { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }, ["content/main/index.md"])
        XCTAssertEqual(try junit.nodes(forXPath: "//failure").count, 0)
        XCTAssertEqual(try findings("ci/findings.json").count, 0)
        XCTAssertTrue(try project.read("ci/report/index.html").contains("<html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("site/main/index.html").path))
    }

    func testContentErrorWritesTheFilesThenExitsOne() throws {
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\norder: first\n---\nHello.\n")
        let result = try project.run(["build", "--ci-artifacts", "ci"], environment: ["GITHUB_ACTIONS": "true"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.out.hasPrefix("::error file=content/main/index.md,line=4,col=1,"), result.out)
        XCTAssertTrue(result.err.contains("4:1  error  'order' must be a whole number."), "the text report stays in the log: \(result.err)")
        let found = try sarifResults("ci/report.sarif")
        XCTAssertEqual(found.map { $0["ruleId"] as? String }, ["front-matter/type"])
        let failures = try XMLDocument(contentsOf: url("ci/junit.xml")).nodes(forXPath: "//testcase[failure]")
        XCTAssertEqual(failures.map { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }, ["content/main/index.md"])
        XCTAssertEqual(try findings("ci/findings.json").map { $0["rule"] as? String }, ["front-matter/type"])
        XCTAssertTrue(try project.read("ci/report/index.html").contains("front-matter/type"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("site/main").path), "nothing is published with errors")
    }

    func testAnnotationsOnlyOnGitHubActionsAndNeverTwice() throws {
        try project.write("content/main/index.md", "---\ntitle: Home\norder: first\n---\nHello.\n")
        let elsewhere = try project.run(["build", "--ci-artifacts", "ci"], environment: ["GITHUB_ACTIONS": ""])
        XCTAssertEqual(elsewhere.status, 1)
        XCTAssertEqual(elsewhere.out, "")
        let github = try project.run(["build", "--ci-artifacts", "ci", "--format", "github"], environment: ["GITHUB_ACTIONS": "true"])
        XCTAssertEqual(github.out.components(separatedBy: "::error file=content/main/index.md,line=3,").count, 2, github.out)
    }

    func testACachedRebuildKeepsTheFindingsOfUnchangedPages() throws {
        try project.write("content/main/bins.md", "---\ntitle: Bins\n---\nWe collect bins every week.\n")
        let first = try project.run(["build", "--ci-artifacts", "ci", "--fail-on", "warning"])
        XCTAssertEqual(first.status, 1, "a warning fails with --fail-on warning")
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("site/main/bins/index.html").path), "warnings still publish")
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nHello again.\n")
        let rebuilt = try project.run(["build", "--ci-artifacts", "ci"])
        XCTAssertEqual(rebuilt.status, 0, rebuilt.err)
        XCTAssertEqual(try findings("ci/findings.json").map { $0["file"] as? String }, ["content/main/bins.md"])
        XCTAssertEqual(try sarifResults("ci/report.sarif").map { $0["ruleId"] as? String }, ["front-matter/description"])
        XCTAssertEqual(try XMLDocument(contentsOf: url("ci/junit.xml")).nodes(forXPath: "//testcase").count, 2)
    }

    func testMistakeInConfigurationWritesItsFindingsThenExitsTwo() throws {
        try project.write("plainsite.yml", "sites:\n  - id: main\n    title: Test\n    base_url: t.example\n")
        let result = try project.run(["build", "--ci-artifacts", "ci"])
        XCTAssertEqual(result.status, 2, result.err)
        let found = try sarifResults("ci/report.sarif")
        let location = (found.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        XCTAssertEqual((location?["artifactLocation"] as? [String: Any])?["uri"] as? String, "plainsite.yml")
        XCTAssertEqual((location?["region"] as? [String: Any])?["startLine"] as? Int, 4)
        XCTAssertTrue(try project.read("ci/junit.xml").contains("<testcase classname=\"plainsite.build\" name=\"plainsite.yml\"><failure"))
        XCTAssertTrue(try project.read("ci/report/index.html").contains("config/base-url"))
    }

    func testLinkedFolderIsRefusedBeforeBuildingAndNothingIsWrittenThroughIt() throws {
        let elsewhere = project.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url("ci").path, withDestinationPath: elsewhere.path)
        let result = try project.run(["build", "--ci-artifacts", "ci"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("symbolic link"), result.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("site").path), "refused before the build")
    }

    func testFolderOfOtherFilesIsRefusedAndLeftAlone() throws {
        try project.write("ci/report.sarif", "my own file\n")
        let result = try project.run(["build", "--ci-artifacts", "ci"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("--ci-artifacts"), result.err)
        XCTAssertEqual(try project.read("ci/report.sarif"), "my own file\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url("ci").path), ["report.sarif"])
    }

    func testContentFolderIsRefused() throws {
        let result = try project.run(["build", "--ci-artifacts", "content/ci"])
        XCTAssertEqual(result.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("content/ci").path))
    }
}
