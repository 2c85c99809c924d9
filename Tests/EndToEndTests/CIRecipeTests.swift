import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs the GitHub Actions and GitLab CI recipes of docs/ci.md as written, so the documentation
/// and the behaviour cannot drift apart: on the sample project, clean and with a broken link.
final class CIRecipeTests: XCTestCase {
    var runner: CIRecipeRunner!
    var recipes: [String: String] = [:]

    override func setUpWithError() throws {
        recipes = try CIRecipeRunner.recipes()
        let workflow = try CIRecipeRunner.parse(try XCTUnwrap(recipes["GitHub Actions"]))
        runner = try CIRecipeRunner(version: try XCTUnwrap(CIRecipeRunner.map(workflow["env"])["PLAINSITE_VERSION"] as? String))
    }

    override func tearDownWithError() throws {
        runner?.remove()
    }

    /// The broken link added to a sample page, and the line it is on.
    static let brokenPage = "content/council/contact-us.md"
    func breakLink(in project: URL) throws -> Int {
        let file = project.appendingPathComponent(Self.brokenPage)
        var text = try String(contentsOf: file, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        let line = text.filter { $0 == "\n" }.count + 2
        try Data((text + "\n[The old complaints form](/no-such-page/)\n").utf8).write(to: file)
        return line
    }

    func file(_ path: String, in project: URL) -> URL { project.appendingPathComponent(path) }

    /// The SARIF file's results, after checking it is SARIF 2.1.0.
    func sarifResults(_ url: URL) throws -> [[String: Any]] {
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        return try XCTUnwrap((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
    }

    /// The files and lines of the SARIF file's errors, as "file:line".
    func sarifErrors(_ url: URL) throws -> [String] {
        try sarifResults(url).filter { $0["level"] as? String == "error" }.compactMap { result in
            let location = CIRecipeRunner.map(CIRecipeRunner.map((result["locations"] as? [Any])?.first)["physicalLocation"])
            let uri = CIRecipeRunner.map(location["artifactLocation"])["uri"] as? String
            let line = CIRecipeRunner.map(location["region"])["startLine"] as? Int
            return uri.map { "\($0):\(line ?? 0)" }
        }
    }

    /// The names of the JUnit file's failing test cases (the file must be well-formed XML).
    func junitFailures(_ url: URL) throws -> [String] {
        try XMLDocument(contentsOf: url).nodes(forXPath: "//testcase[failure]").compactMap {
            ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue
        }
    }

    /// Every file under a folder, as relative path → contents.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let paths = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let path as String in paths {
            if let data = FileManager.default.contents(atPath: folder.path + "/" + path) { files[path] = data }
        }
        return files
    }

    func step(_ steps: [[String: Any]], using action: String) throws -> [String: Any] {
        try XCTUnwrap(steps.first { ($0["uses"] as? String)?.hasPrefix(action) == true }, "a step uses \(action)")
    }

    func testGitHubActionsRecipe() throws {
        let workflow = try CIRecipeRunner.parse(try XCTUnwrap(recipes["GitHub Actions"]))
        let triggers = CIRecipeRunner.map(workflow["on"] ?? workflow["true"])
        XCTAssertNotNil((triggers["schedule"] as? [Any]).flatMap { CIRecipeRunner.map($0.first)["cron"] }, "a daily build")
        let build = CIRecipeRunner.map(CIRecipeRunner.map(workflow["jobs"])["build"])
        XCTAssertEqual(CIRecipeRunner.map(build["permissions"])["security-events"] as? String, "write")
        let steps = (build["steps"] as? [Any] ?? []).map(CIRecipeRunner.map)
        XCTAssertFalse(steps.contains { ($0["run"] as? String)?.contains("swift") == true }, "CI does not compile Swift")
        XCTAssertEqual(CIRecipeRunner.map(try step(steps, using: "actions/cache@")["with"])["path"] as? String, ".plainsite-bin")
        let sarifStep = try step(steps, using: "github/codeql-action/upload-sarif@")
        let reportStep = try step(steps, using: "actions/upload-artifact@")
        XCTAssertEqual([sarifStep["if"] as? String, reportStep["if"] as? String], ["always()", "always()"])
        let sarif = try XCTUnwrap(CIRecipeRunner.map(sarifStep["with"])["sarif_file"] as? String)
        let report = try XCTUnwrap(CIRecipeRunner.map(reportStep["with"])["path"] as? String)
        let pagesStep = try step(steps, using: "actions/upload-pages-artifact@")
        XCTAssertEqual(pagesStep["if"] as? String, "github.ref == 'refs/heads/main'", "Pages only from the default branch")
        let pages = try XCTUnwrap(CIRecipeRunner.map(pagesStep["with"])["path"] as? String)
        let deploy = CIRecipeRunner.map(CIRecipeRunner.map(workflow["jobs"])["deploy"])
        XCTAssertEqual(deploy["needs"] as? String, "build", "deployed only when the build passed")
        XCTAssertEqual(CIRecipeRunner.map(deploy["permissions"])["pages"] as? String, "write")

        let project = try runner.sampleProject("github")
        let clean = try runner.runGitHubJob(workflow, job: "build", in: project)
        XCTAssertEqual(clean.status, 0, clean.err)
        XCTAssertEqual(try sarifResults(file(sarif, in: project)).count, 0)
        XCTAssertEqual(try junitFailures(file(report + "junit.xml", in: project)), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: file(report + "report/index.html", in: project).path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: file(pages + "/index.html", in: project).path))
        let published = snapshot(file("site", in: project))

        let line = try breakLink(in: project)
        let broken = try runner.runGitHubJob(workflow, job: "build", in: project)
        XCTAssertEqual(broken.status, 1, broken.err)
        XCTAssertEqual(try sarifErrors(file(sarif, in: project)), ["\(Self.brokenPage):\(line)"])
        XCTAssertEqual(try junitFailures(file(report + "junit.xml", in: project)), [Self.brokenPage])
        XCTAssertTrue(try String(contentsOf: file(report + "report/index.html", in: project), encoding: .utf8).contains(Self.brokenPage))
        XCTAssertTrue(broken.out.contains("::error file=\(Self.brokenPage),line=\(line),"), broken.out)
        XCTAssertTrue(broken.err.contains("Nothing was published"), broken.err)
        XCTAssertEqual(snapshot(file("site", in: project)), published, "the failing run leaves the published site untouched")
    }

    func testGitLabRecipe() throws {
        let pipeline = try CIRecipeRunner.parse(try XCTUnwrap(recipes["GitLab CI"]))
        let pagesJob = CIRecipeRunner.map(pipeline["pages"])
        let artifacts = CIRecipeRunner.map(pagesJob["artifacts"])
        XCTAssertEqual(artifacts["when"] as? String, "always")
        let junit = try XCTUnwrap(CIRecipeRunner.map(artifacts["reports"])["junit"] as? String)
        XCTAssertEqual((artifacts["paths"] as? [String])?.first, "public/")
        let checkJob = CIRecipeRunner.map(pipeline["check"])
        XCTAssertEqual((checkJob["script"] as? [String])?.first, (pagesJob["script"] as? [String])?.first, "both jobs check alike")

        let clean = try runner.sampleProject("gitlab-clean")
        let passed = try runner.runGitLabJob(pipeline, job: "pages", in: clean)
        XCTAssertEqual(passed.status, 0, passed.err)
        XCTAssertEqual(try junitFailures(file(junit, in: clean)), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: file("public/index.html", in: clean).path))
        XCTAssertFalse(passed.out.contains("::"), "no GitHub annotations on GitLab")

        let project = try runner.sampleProject("gitlab-broken")
        _ = try breakLink(in: project)
        let failed = try runner.runGitLabJob(pipeline, job: "pages", in: project)
        XCTAssertEqual(failed.status, 1, failed.err)
        XCTAssertEqual(try junitFailures(file(junit, in: project)), [Self.brokenPage])
        XCTAssertTrue(FileManager.default.fileExists(atPath: file("ci-artifacts/report/index.html", in: project).path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: file("public", in: project).path), "nothing for GitLab Pages to publish")
    }
}
