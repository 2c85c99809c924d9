import HTML
import XCTest

final class HTMLDocumentTests: XCTestCase {
    func testXPathFindsElementsWithAttributesTextAndLines() {
        let document = HTMLDocument(
            html: "<!DOCTYPE html>\n<html lang=\"en-GB\"><body>\n<h1>Pay <em>council</em> tax</h1>\n<a href=\"/a/\">A</a><a href=\"#x\">B</a>\n</body></html>")
        XCTAssertEqual(document.root?.attribute("lang"), "en-GB")
        let heading = document.elements("//h1")
        XCTAssertEqual(heading.count, 1)
        XCTAssertEqual(heading[0].normalizedText, "Pay council tax")
        XCTAssertEqual(heading[0].line, 3)
        XCTAssertEqual(document.elements("//a").map { $0.attribute("href") }, ["/a/", "#x"])
        XCTAssertEqual(heading[0].children.map(\.name), ["em"])
    }
}
