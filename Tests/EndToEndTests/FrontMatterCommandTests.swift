import Foundation
import XCTest

/// Front matter, shared data and snippets through the real `plainsite`: each mistake is reported
/// once, at its own line and column, with nothing that merely follows from it.
final class FrontMatterCommandTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    /// The lines of standard error that belong to `file`, up to the next blank line.
    func report(of file: String, in err: String) -> [String] {
        let lines = err.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: file) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    func testYAMLMistakeIsTheOnlyErrorForItsPage() throws {
        try project.write("content/main/bins.md", "---\ntitle: [unbalanced\ndescription: Bins.\nlint: { disable: [govuk-words] }\n---\nWe utilise two bins.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(
            report(of: "content/main/bins.md", in: result.err),
            [
                "  2:8  error  The YAML is not valid here: this list starts with '[' but is never closed with ']'.  front-matter/yaml",
                "      → Add ']' at the end of the list, or put the whole value in quotes if it is text that holds '['.",
            ], result.err)
        // Nothing else in the build: no missing title, no empty heading blamed on the theme, no
        // plain-English finding the page's unread settings may have turned off.
        XCTAssertTrue(result.err.contains("\n1 error, 0 warnings, 0 suggestions.\n"), result.err)
        let lint = try project.run(["lint", "content/main/bins.md"])
        XCTAssertEqual(report(of: "content/main/bins.md", in: lint.out).count, 2, lint.out)
    }

    func testManyUnknownKeysGiveTwentyWarningsAndOneSummary() throws {
        let keys = (1...10_000).map { "extra\($0): value" }.joined(separator: "\n")
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n\(keys)\n---\nText about bins.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        let lines = report(of: "content/main/bins.md", in: result.err)
        XCTAssertEqual(lines.count, 42, result.err)
        XCTAssertEqual(lines.first, "  4:1  warning  'extra1' is not a setting Plainsite knows, so it is ignored.  front-matter/unknown-key")
        XCTAssertEqual(
            lines[40],
            "  24:1  warning  'extra21' and 9,979 more settings after it are not settings Plainsite knows, so they are ignored.  front-matter/unknown-key")
        XCTAssertTrue(result.err.contains("\n0 errors, 21 warnings, 0 suggestions.\n"), result.err)
    }

    func testEmptySharedDataIsAWarningNamingTheDataFile() throws {
        try project.write("content/_data/contact.yml", "phone: 01632 960000\nemail: contact@t.example\n\nfax: ~\n")
        try project.write(
            "content/main/contact.md", "---\ntitle: Contact us\ndescription: How to contact us.\n---\nCall {{ contact.phone }}.\n\nFax {{ contact.fax }}.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(
            report(of: "content/main/contact.md", in: result.err),
            [
                "  7:5  warning  fax in content/_data/contact.yml (line 4) is empty, so content/main/contact.md line 7 shows nothing.  markdown/empty-data",
                "      → Give it a value in content/_data/contact.yml, or remove '{{ contact.fax }}' from the page.",
            ], result.err)
        XCTAssertFalse(try project.read("site/main/contact/index.html").contains("~"))
    }

    func testSnippetPlacesAnotherSnippet() throws {
        try project.write("content/_snippets/phone.md", "Call us on 01632 960000.\n")
        try project.write("content/_snippets/contact.md", "Write to 1 Market Street.\n\n{{> phone }}\n")
        try project.write("content/main/contact.md", "---\ntitle: Contact us\ndescription: How to contact us.\n---\nHello.\n\n{{> contact }}\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.err, "")
        XCTAssertTrue(try project.read("site/main/contact/index.html").contains("<p>Write to 1 Market Street.</p>\n<p>Call us on 01632 960000.</p>"))
    }

    func testSnippetLoopIsOneErrorNamingTheChain() throws {
        try project.write("content/_snippets/opening-hours.md", "We open at 9am.\n\n{{> contact }}\n")
        try project.write("content/_snippets/contact.md", "Write to 1 Market Street.\n\n{{> opening-hours }}\n")
        try project.write("content/main/contact.md", "---\ntitle: Contact us\ndescription: How to contact us.\n---\nHello.\n\n{{> contact }}\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(
            report(of: "content/_snippets/opening-hours.md", in: result.err),
            [
                "  3:1  error  The snippet 'contact' uses itself through other snippets: contact → opening-hours → contact, so it would never end.  markdown/snippet-loop",
                "      → Remove '{{> contact }}' from this snippet, or copy the words you need into it.",
            ], result.err)
        XCTAssertTrue(result.err.contains("\n1 error, 0 warnings, 0 suggestions.\n"), result.err)
        let lint = try project.run(["lint"])
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(
            lint.out.contains(
                "content/_snippets/opening-hours.md\n  3:1  error  The snippet 'contact' uses itself through other snippets: contact → opening-hours → contact, so it would never end.  markdown/snippet-loop\n"
            ), lint.out)
    }

    func testTitleAndDescriptionGetThePlainEnglishChecksAtTheirValues() throws {
        try project.write(
            "content/main/parking.md", "---\ntitle: \"We utilise permits\"\ndescription: >\n  Residents must\n  utilise the permit.\n---\nPark here.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(
            report(of: "content/main/parking.md", in: result.err),
            [
                "  2:12  warning  Use 'use' instead of 'utilise'.  govuk-words/utilise",
                "      → \"Use\" is shorter and means the same.",
                "  5:3  warning  Use 'use' instead of 'utilise'.  govuk-words/utilise",
                "      → \"Use\" is shorter and means the same.",
            ], result.err)
    }

    func testMistakeInADataFileIsOneErrorNotOnePerPage() throws {
        try project.write("content/_data/contact.yml", "phone: 01632 960000\nemail: [broken\n")
        try project.write("content/main/contact.md", "---\ntitle: Contact us\ndescription: How to contact us.\n---\nCall {{ contact.phone }}.\n")
        let expected = [
            "  2:8  error  The YAML is not valid here: this list starts with '[' but is never closed with ']'.  data/yaml",
            "      → Add ']' at the end of the list, or put the whole value in quotes if it is text that holds '['.",
        ]
        let build = try project.run(["build"])
        XCTAssertEqual(build.status, 1)
        XCTAssertEqual(report(of: "content/_data/contact.yml", in: build.err), expected, build.err)
        XCTAssertTrue(build.err.contains("\n1 error, 0 warnings, 0 suggestions.\n"), build.err)
        let lint = try project.run(["lint"])
        XCTAssertEqual(lint.status, 1)
        XCTAssertEqual(report(of: "content/_data/contact.yml", in: lint.out), expected, lint.out)
        XCTAssertTrue(lint.out.contains("\n1 error, 0 warnings, 0 suggestions."), lint.out)
    }
}
