@testable import HTML
import XCTest

/// Names and attributes read once after parsing give what libxml2's own reads give.
final class ElementRecordTests: XCTestCase {
    let html = """
    <!DOCTYPE html>
    <html lang="en-GB"><head><title> A  page </title></head><body>
    <p id="one" class="x" hidden aria-label="Label" aria-labl="typo" aria-label="second">Own <b>bold</b> text<!-- c --> more</p>
    <input type="checkbox" checked disabled value="a&amp;b">
    <div data-x="1"><span aria-hidden="true"><em>deep</em></span></div>
    </body></html>
    """

    func testAttributesAndNames() throws {
        let document = HTMLDocument(html: html)
        let paragraph = try XCTUnwrap(document.elements("//p").first)
        XCTAssertEqual(paragraph.name, "p")
        XCTAssertEqual(paragraph.attribute("id"), "one")
        XCTAssertEqual(paragraph.attribute("hidden"), "", "an attribute without a value reads as empty")
        XCTAssertNil(paragraph.attribute("title"))
        XCTAssertEqual(paragraph.attribute("aria-label"), "Label", "the first of a repeated attribute")
        XCTAssertEqual(paragraph.attributeNames(withPrefix: "aria-"), ["aria-label", "aria-labl"])
        XCTAssertEqual(paragraph.attributes, ["id": "one", "class": "x", "hidden": "", "aria-label": "Label", "aria-labl": "typo"])
        let input = try XCTUnwrap(document.elements("//input").first)
        XCTAssertEqual(input.attribute("value"), "a&b")
        XCTAssertEqual(input.attribute("checked"), input.libxmlAttribute("checked"))
        XCTAssertTrue(input.hasAttribute("disabled"))
        XCTAssertEqual(paragraph.ownText, "Own  text more")
        var bytes: [UInt8] = []
        paragraph.appendOwnText(to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), paragraph.ownText)
        XCTAssertEqual(document.elements("//title").first?.normalizedText, "A page")
    }

    func testEveryAttributeReadsAsLibxml2ReadsIt() {
        let messy = html + """
        <select><option selected>One<option value='two' disabled>Two</select><a href="/x?a=1&b=2" title="&lt;T&gt; &#233;"
        data-empty="" noresize compact nowrap ismap declare defer readonly multiple nohref noshade>x</a>
        <svg viewBox="0 0 1 1"><title>T</title><use xlink:href="#i" xml:lang="en"/></svg><td colspan=2 rowspan=x>y</td>
        <img alt=café src=x.png ALT="upper"><p CLASS="Upper" Id=mixed>z</p>
        """
        let document = HTMLDocument(html: messy)
        for element in document.allElements {
            XCTAssertEqual(element.name, String(cString: element.node.pointee.name))
            for name in element.attributeNames + ["absent", "class", "alt", "href", "selected", "xlink:href", "lang"] {
                XCTAssertEqual(element.attribute(name), element.libxmlAttribute(name), "\(element.name) \(name)")
            }
        }
    }

    func testDocumentOrderAndFamily() throws {
        let document = HTMLDocument(html: html)
        let all = document.allElements
        XCTAssertEqual(all.map(\.name), ["html", "head", "title", "body", "p", "b", "input", "div", "span", "em"])
        XCTAssertEqual(all.map(\.documentIndex), Array(0..<all.count))
        XCTAssertEqual(document.elements("//em").first?.documentIndex, 9)
        let em = try XCTUnwrap(document.elements("//em").first)
        XCTAssertTrue(em.selfOrAncestor { $0.attribute("aria-hidden") == "true" })
        XCTAssertFalse(em.selfOrAncestor { $0.name == "p" })
        XCTAssertEqual(em.ancestorsAndSelf.map(\.name), ["em", "span", "div", "body", "html"])
        XCTAssertEqual(document.elements("//p").first?.firstChild(named: "b")?.name, "b")
        XCTAssertNil(document.elements("//p").first?.firstChild(named: "i"))
    }

    func testDeepPagesDoNotOverflowTheStack() {
        let document = HTMLDocument(html: "<html><body>" + String(repeating: "<div>", count: 20_000) + "x" + "</body></html>")
        XCTAssertGreaterThan(document.allElements.count, 2)
        XCTAssertEqual(document.allElements.map(\.documentIndex), Array(0..<document.allElements.count))
    }
}
