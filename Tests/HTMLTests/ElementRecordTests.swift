import XCTest

@testable import HTML

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
        let messy =
            html + """
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

    /// Attributes found by their names' keys are those found by comparing every name as a
    /// String (the first whose UTF-8 length and text are equal): long names sharing their first
    /// bytes, names beyond ASCII, empty and absent names, many distinct names on one page.
    func testAttributesFoundByKeyAgreeWithStringComparison() {
        var page =
            html + """
                <p aria-labelledby="a" aria-label="b" aria-labelledbyx="c" aria-describedby="d" data-sourcepos="1:1-1:5" café="1" cafe="2"
                caf\u{e9}s="3" K="4" k="5" \u{212A}="6" data-a1="7" data-a2="8" a.b="9" a:b="10" a_b="11" abcdefg="12" abcdefgh="13">x</p>
                """
        for number in 0..<200 { page += "<span data-n\(number)=\"\(number)\" n\(number % 7)=\"v\"></span>" }
        let document = HTMLDocument(html: page)
        var queries = [
            "", "K", "k", "\u{212A}", "aria-labe", "aria-labelledby", "aria-labelledbyx", "aria-label", "abcdefg", "abcdefgh",
            "abcdefgx", "café", "cafe\u{301}", "cafés", "data-a1", "data-a2", "data-a3", "a.b", "a:b", "a_b", "a-b", "n3", "data-n199",
        ]
        for element in document.allElements { queries += element.attributeNames }
        for element in document.allElements {
            let names = element.attributeNames
            for query in queries {
                let reference = names.firstIndex { $0.utf8.count == query.utf8.count && $0 == query }
                XCTAssertEqual(element.attribute(query) != nil, reference != nil, "\(element.name) \(query)")
                if reference != nil { XCTAssertEqual(element.attribute(query), element.libxmlAttribute(query), "\(element.name) \(query)") }
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
