import Foundation
import XCTest

/// `plainsite check` on a folder of pages that each have one known fault.
final class CheckCommandTests: XCTestCase {
    func testEveryBrokenPageIsReportedWithItsCriterionAndTheCleanOneIsNot() throws {
        let project = try TestProject()
        defer { project.remove() }
        let fixtures = SampleSitesTests.root.appendingPathComponent("Tests/Fixtures/broken-pages").path
        let result = try project.run(["check", "--format", "json", fixtures])
        XCTAssertEqual(result.status, 1, result.err)
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        var rulesByFile: [String: [String]] = [:]
        for item in array {
            let file = URL(fileURLWithPath: item["file"] as! String).lastPathComponent
            rulesByFile[file, default: []].append(item["rule"] as! String)
        }
        let expected = [
            "missing-alt.html": "a11y/image-alt", "vague-link.html": "a11y/link-purpose", "skipped-heading.html": "a11y/heading-order",
            "unlabelled-field.html": "a11y/form-label", "table-without-headers.html": "a11y/table-headers",
            "broken-link.html": "links/broken", "missing-fragment.html": "links/fragment", "autoplay.html": "a11y/autoplay",
            "positive-tabindex.html": "a11y/tabindex", "empty-button.html": "a11y/button-name",
            "iframe-without-title.html": "a11y/iframe-title", "no-lang.html": "a11y/html-lang",
            "zoom-disabled.html": "a11y/viewport-zoom", "no-skip-link.html": "a11y/main-landmark",
            "low-contrast.html": "a11y/text-contrast", "meta-refresh.html": "a11y/meta-refresh",
            "video-without-captions.html": "a11y/video-captions", "list-structure.html": "a11y/list-structure",
        ]
        for (file, rule) in expected {
            XCTAssertEqual(rulesByFile[file], [rule], file)
        }
        XCTAssertNil(rulesByFile["clean.html"])
        let text = try project.run(["check", fixtures + "/missing-alt.html"])
        XCTAssertTrue(text.out.contains("This image has no alt text. (WCAG 2.2 1.1.1 Non-text Content)"), text.out)
        XCTAssertEqual(try project.run(["check", fixtures + "/clean.html"]).status, 0)
    }
}
