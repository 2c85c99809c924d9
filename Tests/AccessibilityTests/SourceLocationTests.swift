import HTML
import XCTest

@testable import Accessibility

/// Where findings are placed: the byte-level template search, the `data-sourcepos` reading and
/// the marker stripping give what the character-level versions give.
final class SourceLocationTests: XCTestCase {
    static let template = """
        <header class="ps-header">
        <nav aria-label="Main"><ul class="ps-menu">
        <li><a href="/" class="ps-menu__link">Home</a></li>
        <li><a href="/bins/" class="ps-menu__link ps-menu__link--current" id="bins">Bins</a></li>
        </ul></nav>
        <a href="/search/">Search</a><img src="x.png">
        <p>Closing <a
        href="/x/">split tag</a></p>
        </header>
        """

    func testLineTableFindsTheLineOfAnOffset() {
        let text = TemplateText("ab\ncd\n\nef")
        XCTAssertEqual(text.lineStarts, [0, 3, 6, 7])
        XCTAssertEqual((0..<9).map { text.line(at: $0) }, [1, 1, 1, 2, 2, 2, 3, 4, 4])
        XCTAssertEqual(TemplateText("").line(at: 0), 1)
        XCTAssertNil(TemplateText("a\r\nb").bytes, "carriage returns are left to characters")
        XCTAssertNil(TemplateText("café").bytes, "non-ASCII is left to characters")
    }

    func testTemplateLinesOnBytesAgreeWithCharacters() {
        let tags = ["<a", "<li", "<img", "<nav", "<ul", "<p", "<header", "<span", "<h"]
        let markers: [String?] = [
            nil, "class=\"ps-menu__link", "id=\"bins\"", "class=\"ps-menu", "id=\"nope\"", "class=\"ps-header\"",
            "class=\"x\ny", "id=\"\"",
        ]
        let templates = [
            Self.template, "", "\n", "<a>\n<a href>", "<a\n", "x<a", "<a class=\"ps-menu__link\">\n<a id=\"bins\">",
            "<li>é</li>\n<a href=\"/\">", "<a\r\nhref>\n<a >", "<li class=\"ps-menu__link\"><a>\n<a class=\"ps-menu__link\">",
        ]
        for template in templates {
            let text = TemplateText(template)
            for tag in tags {
                for marker in markers {
                    XCTAssertEqual(
                        text.line(tag: tag, marker: marker), TemplateRanges.line(tag: tag, marker: marker, in: template),
                        "\(tag) \(marker ?? "-") in \(template.debugDescription)")
                }
            }
        }
    }

    func testTemplateLinesOnRandomTemplates() {
        let pieces = ["<a", "<a ", "<a>", "<li", " class=\"m", " id=\"b\"", "\n", "x", " ", ">", "<", "\"", "é", "\r\n"]
        let markers: [String?] = [nil, "class=\"m", "id=\"b\""]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let template = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let text = TemplateText(template)
            for tag in ["<a", "<li"] {
                for marker in markers {
                    XCTAssertEqual(
                        text.line(tag: tag, marker: marker), TemplateRanges.line(tag: tag, marker: marker, in: template),
                        "\(tag) \(marker ?? "-") in \(template.debugDescription)")
                }
            }
        }
    }

    func testTheCacheGivesTheLinesOfEachTemplateText() throws {
        let page = HTMLDocument(
            html: "<html><body><a href=\"/\" class=\"ps-menu__link\">Home</a><a id=\"bins\" href=\"/bins/\">B</a><img src=\"x.png\"></body></html>")
        let cache = TemplateLineCache()
        for _ in 0..<2 {
            for element in page.elements("//a | //img") {
                XCTAssertEqual(
                    cache.line(of: element, in: "header.mustache", text: Self.template),
                    TemplateRanges.line(of: element, in: Self.template))
                XCTAssertEqual(
                    cache.line(of: element, in: "header.mustache", text: "\n" + Self.template),
                    TemplateRanges.line(of: element, in: "\n" + Self.template), "another text under the same name")
            }
        }
    }

    func testTheCacheKeepsAnswersRightWhenTextsUnderOneNameChange() throws {
        let page = HTMLDocument(html: "<html><body><a id=\"bins\" href=\"/bins/\">B</a></body></html>")
        let link = try XCTUnwrap(page.elements("//a").first)
        let cache = TemplateLineCache()
        for round in 0..<2 {
            for blank in 0..<(TemplateLineCache.textsPerName + 3) {
                let text = String(repeating: "\n", count: blank) + Self.template
                XCTAssertEqual(cache.line(of: link, in: "header.mustache", text: text), TemplateRanges.line(of: link, in: text), "\(round) \(blank)")
            }
        }
    }

    func testSourcePositionsAreReadAsBySplitting() {
        func bySplitting(_ position: String) -> (Int, Int)? {
            let start = position.split(separator: "-").first?.split(separator: ":") ?? []
            if start.count == 2, let line = Int(start[0]), let column = Int(start[1]) { return (line, column) }
            return nil
        }
        let samples = [
            "3:1-5:12", "12:7", "0:0-0:0", "-3:4-5:6", "3::4-1:1", "3:4:5-1:1", "+3:4-1:1", "a:1-1:1", "1:b", "", ":", "3:",
            "1234567890:1-2:2", "123456789:987654321-1:1", "99999999999999999999:1", "007:08-1:1", "3:1 -5:2", "٣:1-1:1",
        ]
        for sample in samples {
            let start = SourceLocator.start(of: sample)
            let expected = bySplitting(sample)
            XCTAssertEqual(start?.line, expected?.0, sample)
            XCTAssertEqual(start?.column, expected?.1, sample)
        }
    }

    func testStripRemovesPositionsAndMarkersAsBefore() {
        /// The byte loop as first written.
        func reference(_ html: String) -> String {
            let bytes = Array(html.utf8)
            var output: [UInt8] = []
            let position = Array(" data-sourcepos=\"".utf8), open = Array("<!--ps:".utf8), close = Array("<!--/ps:".utf8), end = Array("-->".utf8)
            func matches(_ pattern: [UInt8], at index: Int) -> Bool {
                index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20, matches(position, at: index) {
                    var next = index + position.count
                    while next < bytes.count && bytes[next] != 0x22 { next += 1 }
                    index = next + 1
                    continue
                }
                if byte == 0x3C, matches(open, at: index) || matches(close, at: index) {
                    var next = index + 4
                    while next < bytes.count && !matches(end, at: next) { next += 1 }
                    index = next + end.count
                    continue
                }
                output.append(byte)
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
        let samples = [
            "", "plain", SourceLocator.mark("<p data-sourcepos=\"1:1-1:5\">Hi ‘there’</p>", template: "base.mustache"),
            "<p data-sourcepos=\"1:1", "<!--ps:unclosed", "<!--/ps:x--", " data-sourcepos=\"", "<!--ps:a--><!--ps:b-->x<!--/ps:b-->",
            "<h2 data-sourcepos=\"3:1-3:9\" id=\"x\">Café</h2> data-sourcepos=\"9:9\"", "<!-- not ours -->",
        ]
        for sample in samples { XCTAssertEqual(SourceLocator.strip(sample), reference(sample), sample.debugDescription) }
        // Random texts of the patterns' pieces, whole and cut, in every order.
        let pieces = [
            " data-sourcepos=\"", "1:2-3:4\"", "<!--ps:", "<!--/ps:", "-->", "<!--", "--", ">", "<p", " ", "\"", "x", "é", "d",
            " data-sourcepos", "<!--ps", "layouts/page", "<!-- c -->", "\n",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let sample = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(SourceLocator.strip(sample), reference(sample), sample.debugDescription)
        }
    }

    func testInnermostRangeIsTheFirstOfTheSmallest() throws {
        var ranges = TemplateRanges(page: CheckedPage(html: "<p>x</p>"))
        ranges.ranges = [("base", 1, 50), ("a", 10, 20), ("b", 12, 22), ("c", 15, 16)]
        XCTAssertEqual(ranges.innermost(at: 5), "base")
        XCTAssertEqual(ranges.innermost(at: 11), "a")
        XCTAssertEqual(ranges.innermost(at: 13), "a", "a and b are the same size: the first")
        XCTAssertEqual(ranges.innermost(at: 15), "c")
        XCTAssertNil(ranges.innermost(at: 60))
    }
}
