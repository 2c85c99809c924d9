import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Theme templates that cannot make whole pages: partials that include themselves, misspelt
/// partials and missing templates are errors naming the template, through the real `plainsite`.
/// The build exits 1 with the message and publishes nothing.
final class TemplateErrorTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    let templates = "themes/plain/templates/"

    /// A first good build, so each test can show a failed build leaves the published site alone.
    func publishFirst() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
    }

    /// Exit 1, nothing crashed, and the site published before is still there unchanged.
    func assertRefused(_ result: (status: Int32, out: String, err: String), file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(result.status, 1, result.err, file: file, line: line)
        XCTAssertTrue(try project.read("site/main/index.html").contains("Hello."), file: file, line: line)
    }

    func testPartialsIncludingEachOtherAreALoopNamedWithItsChain() throws {
        try publishFirst()
        try project.write(templates + "base.mustache", "<!DOCTYPE html><html lang=\"en\"><body>{{> a}}<main>{{{content}}}</main></body></html>")
        try project.write(templates + "partials/a.mustache", "<p>A</p>\n{{> b}}\n")
        try project.write(templates + "partials/b.mustache", "<p>B</p>\n<p>{{> a }}</p>\n")
        let result = try project.run(["build"])
        try assertRefused(result)
        XCTAssertTrue(
            result.err.contains(
                """
                \(templates)partials/b.mustache
                  2:4  error  Templates include each other in a loop that never ends: \(templates)partials/a.mustache includes \(templates)partials/b.mustache, which includes \(templates)partials/a.mustache again.  theme/partial-loop
                      → Remove {{> a}} here, or change one of these templates so the loop is broken.\n
                """), result.err)
        XCTAssertEqual(result.err.components(separatedBy: "theme/partial-loop").count, 2, result.err)
    }

    func testATemplateThatCannotBeReadIsReportedAtItsOwnLine() throws {
        try project.write(templates + "partials/list.mustache", "<ul>\n<li>One</li>\n{{/items}}\n</ul>\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("themes/plain/templates/partials/list.mustache\n  3:"), result.err)
        XCTAssertTrue(result.err.contains("This template could not be read"), result.err)
    }

    func testAPartialIncludingItselfIsALoop() throws {
        try project.write(templates + "base.mustache", "<!DOCTYPE html><html lang=\"en\"><body>{{> header}}<main>{{{content}}}</main></body></html>")
        try project.write("themes/plain/components/header/header.mustache", "<header>\n  {{#page}}{{> header}}{{/page}}\n</header>\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(
            result.err.contains(
                """
                themes/plain/components/header/header.mustache
                  2:12  error  Templates include each other in a loop that never ends: themes/plain/components/header/header.mustache includes itself.  theme/partial-loop
                """), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site/main/index.html").path))
    }

    func testAMisspeltPartialIsAnErrorSuggestingTheNearestNames() throws {
        try publishFirst()
        try project.write(templates + "base.mustache", "<!DOCTYPE html><html lang=\"en\">\n<body>\n{{> headr}}\n<main>{{{content}}}</main></body></html>")
        try project.write("themes/plain/components/header/header.mustache", "<header>Test</header>")
        try project.write("themes/plain/components/footer/footer.mustache", "<footer>Test</footer>")
        let result = try project.run(["build"])
        try assertRefused(result)
        XCTAssertTrue(
            result.err.contains(
                """
                \(templates)base.mustache
                  3:1  error  This template includes a partial called 'headr' ({{> headr}}), but the theme has no template of that name, so nothing would be shown there.  theme/partial-missing
                      → Check the spelling: did you mean 'header'? A partial is a file components/<name>/<name>.mustache or templates/partials/<name>.mustache in the theme.\n
                """), result.err)
    }

    func testMissingBaseAnd404TemplatesAreErrors() throws {
        try publishFirst()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(templates + "layouts/404.mustache"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(templates + "base.mustache"))
        let result = try project.run(["build"])
        try assertRefused(result)
        XCTAssertTrue(
            result.err.contains(
                """
                \(templates)base.mustache
                  1:1  error  The theme has no base template, which every page is placed in.  theme/missing
                      → Add \(templates)base.mustache.\n
                """), result.err)
        XCTAssertTrue(
            result.err.contains(
                """
                \(templates)layouts/404.mustache
                  1:1  error  The theme has no 404 layout, which makes the page people see when an address is wrong.  theme/missing
                      → Add \(templates)layouts/404.mustache.\n
                """), result.err)
    }

    func testAFolderListingNeedsTheSectionLayout() throws {
        try publishFirst()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(templates + "layouts/section.mustache"))
        try project.write("content/main/bins/collection-days.md", "---\ntitle: Collection days\ndescription: When bins are collected.\n---\nEvery Monday.\n")
        let result = try project.run(["build"])
        try assertRefused(result)
        XCTAssertTrue(
            result.err.contains(
                """
                \(templates)layouts/section.mustache
                  1:1  error  The theme has no section layout, which makes the page listing the pages of content/main/bins/.  theme/missing
                      → Add \(templates)layouts/section.mustache, or add an index.md to content/main/bins/.\n
                """), result.err)
    }

    /// Changed delimiters are not supported: the tag is an error at its line and column.
    func testChangedDelimitersAreAnErrorAtTheTag() throws {
        try project.write(templates + "partials/a.mustache", "<p>\n  {{=<% %>=}}<p><% title %></p>")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(
            result.err.contains(
                """
                \(templates)partials/a.mustache
                  2:3  error  This template could not be read: Plainsite's templates do not support {{= }} tags (template inheritance, blocks, changed delimiters or pragmas).  theme/template
                      → Use sections, partials and variables instead: {{#name}}, {{> name}}, {{name}}.\n
                """), result.err)
    }

    /// The preview shows the error instead of the page, and keeps running.
    func testThePreviewShowsALoopAndKeepsRunning() async throws {
        try project.write(templates + "base.mustache", "<!DOCTYPE html><html lang=\"en\"><body>{{> a}}<main>{{{content}}}</main></body></html>")
        try project.write(templates + "partials/a.mustache", "{{> a}}")
        let process = Process()
        process.executableURL = TestProject.executable
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = project.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var text = ""
        while !text.contains("\n") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let address = try XCTUnwrap(text.split(separator: "\n").first?.split(separator: " ").last.map(String.init), text)
        let (data, response) = try await URLSession.shared.data(from: try XCTUnwrap(URL(string: address)))
        let body = String(decoding: data, as: UTF8.self)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 500)
        XCTAssertTrue(body.contains("<h1>The site could not be built</h1>"), body)
        XCTAssertTrue(
            body.contains(
                "<p><strong>Error</strong> in <code>\(templates)partials/a.mustache</code>, line 1, column 1</p>\n<p>Templates include each other in a loop that never ends: \(templates)partials/a.mustache includes itself.</p>"
            ), body)
        XCTAssertTrue(process.isRunning)
    }
}
