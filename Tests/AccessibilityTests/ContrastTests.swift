import Accessibility
import XCTest

final class ContrastTests: XCTestCase {
    func testKnownPairs() {
        XCTAssertEqual(Contrast.ratio("#767676", "#ffffff")!, 4.54, accuracy: 0.01)
        XCTAssertEqual(Contrast.ratio("#000000", "#ffffff")!, 21, accuracy: 0.001)
        XCTAssertEqual(Contrast.ratio("#ffffff", "#ffffff")!, 1, accuracy: 0.001)
        XCTAssertEqual(Contrast.ratio("#1d70b8", "#ffffff")!, 5.17, accuracy: 0.02)
        XCTAssertEqual(Contrast.ratio("#777", "#fff")!, Contrast.ratio("#777777", "#ffffff")!)
    }

    func testNearestPassingShade() throws {
        let shade = try XCTUnwrap(Contrast.nearestPassingShade("#ff9900", against: "#ffffff", target: 4.5))
        XCTAssertGreaterThanOrEqual(Contrast.ratio(shade, "#ffffff")!, 4.5)
        // One step less of the same mix does not pass, so it is the nearest.
        XCTAssertLessThan(Contrast.ratio("#ff9900", "#ffffff")!, 4.5)
    }

    func testFailingBrandColourNamesBothColoursRatioAndShade() throws {
        let colours = [
            "text": "#0b0c0c", "background": "#ffffff", "link": "#1d70b8", "link_visited": "#4c2c92",
            "brand": "#ffcc00", "brand_text": "#ffffff", "focus": "#ffdd00",
        ]
        let diagnostics = Contrast.check(colours: colours, site: "partnership", file: "plainsite.yml", lines: ["brand_text": 30, "brand": 29])
        let header = try XCTUnwrap(diagnostics.first { $0.message.contains("brand_text #ffffff on brand #ffcc00") })
        XCTAssertEqual(header.line, 30)
        XCTAssertEqual(header.severity, .error)
        XCTAssertTrue(header.message.contains("1.5"), header.message)
        XCTAssertTrue(header.message.contains("at least 4.5:1 is needed (WCAG 2.2 1.4.3 Contrast (Minimum))"), header.message)
        XCTAssertTrue(header.suggestion?.hasPrefix("The nearest shade of brand_text that passes is #") ?? false)
        XCTAssertEqual(
            Contrast.check(
                colours: [
                    "text": "#0b0c0c", "background": "#ffffff", "link": "#1d70b8", "link_visited": "#4c2c92",
                    "brand": "#1d4f91", "brand_text": "#ffffff", "focus": "#ffdd00",
                ],
                site: "council", file: "plainsite.yml", lines: [:]), [])
    }

    func testStripRemovesPositionsAndMarkers() {
        let html =
            "<!--ps:themes/a.mustache--><p data-sourcepos=\"3:1-3:9\">Hi <em data-sourcepos=\"3:4-3:8\">there</em></p><!--/ps:themes/a.mustache--> <!-- kept -->"
        XCTAssertEqual(SourceLocator.strip(html), "<p>Hi <em>there</em></p> <!-- kept -->")
    }
}
