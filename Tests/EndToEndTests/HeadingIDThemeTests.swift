import Foundation
import XCTest

/// Headings' ids never repeat an id of the theme's own (such as the skip link's target
/// "main-content"), through the real `plainsite` with the built-in council theme.
final class HeadingIDThemeTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws {
        project = try TestProject()
        // No theme folder: the built-in council theme.
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("themes"))
        // The theme's accessibility statement needs these facts.
        try project.write(
            "plainsite.yml",
            """
            accessibility_statement:
              contact_email: access@t.example
              last_tested: 2026-10-01
              tested_by: the web team
              prepared: 2026-10-15
            sites:
              - id: main
                title: Test
                base_url: https://t.example/
            """)
    }

    override func tearDownWithError() throws { project.remove() }

    func testAHeadingCalledMainContentGetsASuffix() throws {
        try project.write(
            "content/main/help.md",
            """
            ---
            title: Help with this website
            description: How to find your way around this website.
            ---
            Use the links at the top of each page.

            ## Main content

            The main content of each page comes after the menu.

            ## Main content 1

            A heading whose words make the suffixed id moves on to the next number.

            ## Documents

            Only the accessibility statement's layout has an element with this id, so this heading keeps it.
            """)
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertFalse(result.err.contains("main-content"), result.err)
        let html = try project.read("site/main/help/index.html")
        XCTAssertEqual(html.components(separatedBy: "id=\"main-content\"").count, 2, "one element with the theme's id")
        XCTAssertTrue(html.contains("<h2 id=\"main-content-1\">Main content</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"main-content-1-1\">Main content 1</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"documents\">Documents</h2>"), html)
        XCTAssertTrue(html.contains("href=\"#main-content\""), "the skip link still goes to the main content")
    }
}
