import Foundation
import XCTest

/// The council theme is carried inside the binary: a project needs no theme folder, a project
/// file replaces one built-in file, and `plainsite theme copy` brings a file out to edit.
final class BuiltInThemeTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let builtIn = repository.appendingPathComponent("Sources/BuiltIn/theme/council")
    var project: TestProject!

    /// A one-site project with the statement's facts and no themes/ folder at all.
    override func setUpWithError() throws {
        project = try TestProject()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("themes"))
        try project.write(
            "plainsite.yml",
            """
            organisation: Test District Council
            accessibility_statement:
              contact_email: access@test.example
              last_tested: 2026-10-01
              tested_by: the web team
              prepared: 2026-10-15
            sites:
              - id: main
                title: Test District Council
                base_url: https://test.example/
            """)
        try project.write(
            "content/main/index.md",
            "---\ntitle: Test District Council\ndescription: Council services in the district.\n---\nFind out about bins and parking.\n")
    }

    override func tearDown() { project.remove() }

    func builtInText(_ file: String) throws -> String {
        try String(contentsOf: Self.builtIn.appendingPathComponent(file), encoding: .utf8)
    }

    func testAProjectWithoutAThemeFolderBuildsWithTheBuiltInTheme() throws {
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(try project.read("site/main/assets/plainsite.css"), try builtInText("assets/plainsite.css"))
        XCTAssertEqual(try project.read("site/main/assets/search.js"), try builtInText("assets/search.js"))
        let home = try project.read("site/main/index.html")
        XCTAssertTrue(home.contains("<h1"), home)
        XCTAssertTrue(home.contains("Find out about bins and parking."), home)
        XCTAssertTrue(home.contains("href=\"/assets/plainsite.css\"") || home.contains("assets/plainsite.css"), home)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("themes").path))
    }

    func testAProjectFileReplacesOneBuiltInFileOnly() throws {
        try project.write("themes/council/assets/plainsite.css", "/* The council's own stylesheet. */\n")
        try project.write("themes/main/assets/search.js", "// The site's own search.\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertEqual(try project.read("site/main/assets/plainsite.css"), "/* The council's own stylesheet. */\n")
        XCTAssertEqual(try project.read("site/main/assets/search.js"), "// The site's own search.\n")
        XCTAssertEqual(try project.read("site/main/assets/plainsite.js"), try builtInText("assets/plainsite.js"))
    }

    func testAnUnknownThemeNamesTheBuiltInOnes() throws {
        try project.write("plainsite.yml", (try project.read("plainsite.yml")) + "\n    theme: civic\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("The theme 'civic' of site 'main' is not built into Plainsite and has no folder themes/civic/."), result.err)
        XCTAssertTrue(result.err.contains("Set 'theme:' to a built-in theme ('council') or to a folder under themes/."), result.err)
    }

    func testCopyBringsOutAFileThatThenReplacesTheBuiltInOne() throws {
        let result = try project.run(["theme", "copy", "templates/base.mustache"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.contains("Copied templates/base.mustache to themes/council/templates/base.mustache."), result.out)
        XCTAssertEqual(try project.read("themes/council/templates/base.mustache"), try builtInText("templates/base.mustache"))
        // The copy is what the build uses.
        let base = try project.read("themes/council/templates/base.mustache")
        try project.write("themes/council/templates/base.mustache", base.replacingOccurrences(of: "</body>", with: "<p>Our own note.</p></body>"))
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertTrue(try project.read("site/main/index.html").contains("<p>Our own note.</p>"))
        let list = try project.run(["theme", "list"])
        XCTAssertTrue(list.out.contains("templates/base.mustache  (replaced by themes/council/templates/base.mustache)\n"), list.out)
        XCTAssertTrue(list.out.contains("templates/layouts/page.mustache\n"), list.out)
    }

    func testCopyNeverOverwritesAndWritesNothingWhenOneFileIsThere() throws {
        try project.write("themes/main/components/header/header.mustache", "<header>Ours</header>")
        let result = try project.run(["theme", "copy", "themes/council/components/header", "--site", "main"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertTrue(result.err.contains("themes/main/components/header/header.mustache already there, so nothing was copied."), result.err)
        XCTAssertEqual(try project.read("themes/main/components/header/header.mustache"), "<header>Ours</header>")
        let folder = project.root.appendingPathComponent("themes/main/components/header")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["header.mustache"])
    }

    func testCopyOfAFolderCopiesItsFiles() throws {
        let result = try project.run(["theme", "copy", "components/header", "--site", "main"])
        XCTAssertEqual(result.status, 0, result.err)
        let expected = try FileManager.default.contentsOfDirectory(atPath: Self.builtIn.appendingPathComponent("components/header").path).sorted()
        let copied = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("themes/main/components/header").path).sorted()
        XCTAssertEqual(copied, expected)
    }

    func testAnUnknownFileSuggestsNearOnes() throws {
        let result = try project.run(["theme", "copy", "templates/bse.mustache"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(
            result.err.contains("the built-in council theme has no file or folder 'templates/bse.mustache'. Run 'plainsite theme list' to see them."),
            result.err)
        let near = try project.run(["theme", "copy", "header.mustache"])
        XCTAssertTrue(near.err.contains("Did you mean components/header/header.mustache?"), near.err)
    }

    /// A themes/ folder that is a link to somewhere else is never written through.
    func testCopyNeverWritesThroughALink() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createSymbolicLink(at: project.root.appendingPathComponent("themes"), withDestinationURL: elsewhere)
        let result = try project.run(["theme", "copy", "templates/base.mustache"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.err.contains("link"), result.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    }
}
