import Foundation
import XCTest

/// `plainsite lint` and `plainsite rules` as an editor and CI use them.
final class LintCommandTests: XCTestCase {
    var cli: TestProject!

    override func setUpWithError() throws {
        cli = try TestProject()
        try cli.write(
            "content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe utilise green bins.\n\nClick [here](/x/) to see `utilise` code.\n")
    }

    override func tearDownWithError() throws {
        cli.remove()
    }

    func testTextReportGivesPositionsAndExitsOneOnErrors() throws {
        let result = try cli.run(["lint", "content/main/bins.md"])
        XCTAssertEqual(result.status, 1, result.out + result.err)
        XCTAssertTrue(result.out.contains("content/main/bins.md\n"), result.out)
        XCTAssertTrue(result.out.contains("  5:4  warning  Use 'use' instead of 'utilise'.  govuk-words/utilise"), result.out)
        XCTAssertTrue(result.out.contains("  7:8  error  The link text 'here' does not say where the link goes.  link-text/vague"), result.out)
        XCTAssertFalse(result.out.contains("\u{1B}["), "no colour when NO_COLOR is set")
    }

    func testJSONIsAnArrayOfDiagnostics() throws {
        let result = try cli.run(["lint", "--format", "json", "content/main/bins.md"])
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        let utilise = try XCTUnwrap(array.first { $0["rule"] as? String == "govuk-words/utilise" })
        XCTAssertEqual(utilise["line"] as? Int, 5)
        XCTAssertEqual(utilise["column"] as? Int, 4)
        XCTAssertEqual(utilise["endColumn"] as? Int, 11)
        XCTAssertEqual(utilise["severity"] as? String, "warning")
        XCTAssertEqual(utilise["file"] as? String, "content/main/bins.md")
    }

    func testFixRewritesOnlySafeSwapsAndReportsThem() throws {
        let result = try cli.run(["lint", "--fix", "content/main/bins.md"])
        XCTAssertTrue(result.out.contains("Fixed 1 problem:\ncontent/main/bins.md:5: 'utilise' → 'use' (govuk-words/utilise)"), result.out)
        let text = try String(contentsOf: cli.root.appendingPathComponent("content/main/bins.md"), encoding: .utf8)
        XCTAssertEqual(text, "---\ntitle: Bins\ndescription: Bin days.\n---\nWe use green bins.\n\nClick [here](/x/) to see `utilise` code.\n")
        XCTAssertFalse(result.out.contains("govuk-words/utilise\n"), "the fixed finding is no longer reported")
    }

    func testBaselineHidesOldFindingsButNotNewOnes() throws {
        let written = try cli.run(["lint", "--write-baseline"])
        XCTAssertEqual(written.status, 0, written.err)
        XCTAssertTrue(written.out.hasPrefix("Recorded "), written.out)
        XCTAssertEqual(try cli.run(["lint"]).status, 0)
        // Editing elsewhere on the page keeps old findings hidden; a new finding shows.
        try cli.write(
            "content/main/bins.md",
            "---\ntitle: Bins\ndescription: Bin days.\n---\nA new first line.\n\nWe utilise green bins.\n\nClick [here](/x/) to see `utilise` code.\n\nStaff utilise vans.\n"
        )
        let after = try cli.run(["lint", "--format", "json"])
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(after.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["line"] as? Int }, [11], after.out)
        XCTAssertEqual(try cli.run(["lint", "--no-baseline", "--format", "json"]).out.components(separatedBy: "\"rule\"").count - 1, 3)
    }

    func testUnknownRuleInConfigurationIsAnError() throws {
        try cli.write(
            "plainsite.yml", "lint:\n  rules:\n    pasive-voice: off\ntheme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        let result = try cli.run(["lint"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("3:5  error  There is no rule called 'pasive-voice'."), result.err)
    }

    func testLintsFilesOutsideAProject() throws {
        try FileManager.default.removeItem(at: cli.root.appendingPathComponent("plainsite.yml"))
        try cli.write("notes/draft.md", "We commence work on Monday.\n")
        let result = try cli.run(["lint", "notes"])
        XCTAssertTrue(result.out.contains("notes/draft.md\n  1:4  warning  Use 'start' instead of 'commence'."), result.out)
        XCTAssertEqual(try cli.run(["lint", "nowhere"]).status, 2)
    }

    func testStatsShowReadabilityPerPage() throws {
        let table = try cli.run(["lint", "--stats", "content/main/bins.md"])
        let lines = table.out.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("page"), table.out)
        XCTAssertTrue(lines[0].contains("reading age"), table.out)
        XCTAssertTrue(lines[1].hasPrefix("content/main/bins.md"), table.out)
        let json = try cli.run(["lint", "--stats", "--format", "json", "content/main/bins.md"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let files = try XCTUnwrap(object["files"] as? [[String: Any]])
        let readability = try XCTUnwrap(files.first?["readability"] as? [String: Any])
        XCTAssertEqual(readability["words"] as? Int, 9)
        XCTAssertEqual(readability["sentences"] as? Int, 2)
        XCTAssertNotNil(readability["fleschKincaidGrade"] as? Double)
        XCTAssertNotNil(object["diagnostics"] as? [[String: Any]])
    }

    func testCIFormatsAndFailLevels() throws {
        let github = try cli.run(["lint", "--format", "github", "content/main/bins.md"])
        XCTAssertTrue(github.out.contains("::warning file=content/main/bins.md,line=5,col=4,endLine=5,endColumn=11,title=govuk-words/utilise::"), github.out)
        XCTAssertTrue(github.out.contains("::error file=content/main/bins.md,line=7,col=8"), github.out)
        let sarif = try cli.run(["lint", "--format", "sarif", "content/main/bins.md"])
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(sarif.out.utf8)) as? [String: Any])?["version"] as? String, "2.1.0")
        let junit = try cli.run(["lint", "--format", "junit"])
        XCTAssertTrue(junit.out.contains("<testcase classname=\"plainsite.lint\" name=\"content/main/index.md\"></testcase>"), junit.out)
        XCTAssertEqual(try cli.run(["lint", "--fail-on", "never", "content/main/bins.md"]).status, 0)
        try cli.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe utilise green bins.\n")
        XCTAssertEqual(try cli.run(["lint", "content/main/bins.md"]).status, 0, "warnings do not fail by default")
        XCTAssertEqual(try cli.run(["lint", "--fail-on", "warning", "content/main/bins.md"]).status, 1)
        let build = try cli.run(["build", "--format", "github", "--fail-on", "warning"])
        XCTAssertEqual(build.status, 1)
        XCTAssertTrue(build.out.hasPrefix("::warning file=content/main/bins.md"), build.out)
        XCTAssertTrue(build.err.contains("Built 2 pages"), build.err)
    }

    func testNewWritesFrontMatterAndRefusesToOverwrite() throws {
        let made = try cli.run(["new", "news", "--site", "main", "--folder", "news", "--date", "2027-02-14", "Libraries open late in February"])
        XCTAssertEqual(made.status, 0, made.err)
        XCTAssertEqual(
            made.out,
            "Wrote content/main/news/libraries-open-late-in-february.md. Replace each '[Replace: …]' with your own words, then run 'plainsite lint content/main/news/libraries-open-late-in-february.md'.\n"
        )
        let text = try cli.read("content/main/news/libraries-open-late-in-february.md")
        XCTAssertTrue(text.hasPrefix("---\ntitle: \"Libraries open late in February\"\n"), text)
        XCTAssertTrue(text.contains("layout: news\ndate: 2027-02-14\n"), text)
        XCTAssertTrue(text.contains("\nreview_by: "), text)
        let again = try cli.run(["new", "news", "--site", "main", "--folder", "news", "Libraries open late in February"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.err.contains("already exists, so nothing was written"), again.err)
        XCTAssertEqual(try cli.run(["new", "page", "--site", "nowhere", "A page"]).status, 2)
        let lint = try cli.run(["lint", "content/main/news/libraries-open-late-in-february.md"])
        XCTAssertEqual(lint.status, 0, "a new page has no errors as it is: " + lint.out)
        XCTAssertTrue(lint.out.contains("3:15  warning  '[Replace: one sentence saying what this page helps people do]' is a placeholder"), lint.out)
        XCTAssertTrue(lint.out.contains("0 errors, 2 warnings"), "its description and text are placeholders, warned about until replaced: " + lint.out)
    }

    func testRulesListsEveryRuleWithExamples() throws {
        let result = try cli.run(["rules"])
        XCTAssertEqual(result.status, 0)
        for id in ["sentence-length", "passive-voice", "link-text/vague", "govuk-words", "plain-words", "times/format", "numbers/comma"] {
            XCTAssertTrue(result.out.contains("\(id)  ["), "missing \(id)")
        }
        XCTAssertTrue(result.out.contains("✗ "))
    }
}
