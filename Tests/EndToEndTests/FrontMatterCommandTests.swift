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
        try project.write("content/main/bins.md", "---\ntitle: [unbalanced\ndescription: Bins.\n---\nText about bins.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(report(of: "content/main/bins.md", in: result.err), [
            "  2:8  error  The YAML is not valid here: this list starts with '[' but is never closed with ']'.  front-matter/yaml",
            "      → Add ']' at the end of the list, or put the whole value in quotes if it is text that holds '['.",
        ], result.err)
        // Nothing else in the build: no missing title, no empty heading blamed on the theme.
        XCTAssertTrue(result.err.contains("\n1 error, 0 warnings, 0 suggestions.\n"), result.err)
    }
}
