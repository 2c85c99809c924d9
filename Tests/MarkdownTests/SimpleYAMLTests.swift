import XCTest
import Yams

@testable import Markdown

/// The hand-written front-matter reader must give exactly Yams's nodes, or nothing (so Yams reads it).
final class SimpleYAMLTests: XCTestCase {
    /// Every property Plainsite reads from a node: text, style, tag, position; lists and mappings in order.
    func describe(_ node: Node?) -> String {
        guard let node else { return "nil" }
        let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
        switch node {
        case let .scalar(scalar):
            return "scalar(\(scalar.string.debugDescription) \(scalar.style) tag=\(scalar.tag.description) @\(mark))"
        case let .sequence(sequence):
            return "sequence(tag=\(sequence.tag.description) @\(mark) [" + sequence.map(describe).joined(separator: ", ") + "])"
        case let .mapping(mapping):
            return "mapping(tag=\(mapping.tag.description) @\(mark) {" + mapping.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ")
                + "})"
        }
    }

    /// Asserts the simple reader either declines or agrees with Yams in every detail.
    @discardableResult
    func check(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let simple = SimpleYAML.compose(yaml) else { return false }
        let yams: Node?
        do {
            yams = try Yams.compose(yaml: yaml, Resolver.basic)
        } catch {
            XCTFail("Yams refuses what the simple reader read: \(yaml.debugDescription): \(error)", file: file, line: line)
            return true
        }
        XCTAssertEqual(describe(simple), describe(yams), yaml.debugDescription, file: file, line: line)
        // The same node in Yams's own sense too (text and resolved tag, recursively).
        XCTAssertEqual(simple, yams, yaml.debugDescription, file: file, line: line)
        return true
    }

    func testReadsTheCommonFrontMatter() {
        let read = [
            "title: Weddings service 2705\ndescription: How to use the weddings service 2705.\nupdated: 2026-10-01\nreview_by: 2027-10-01\ntags: [weddings]",
            "title: Pay your council tax",
            "title: Pay your council tax\n",
            "title: Pay your council tax\n\n",
            "title:   Lots of spaces   \nlayout: page",
            "title: \"Quoted: with a colon # and a hash\"\nlayout: 'single'",
            "title: \"\"\ndescription: ''",
            "title: Café opening times – Kestrelford’s libraries\nvenue: Great Hall, Kestrelford Town Hall",
            "tags: []\nservices: [  ]\naliases: [/old-address/, /older/]",
            "tags: [bins, recycling, garden waste]\nservices: [Missed bins,Bulky waste ,  Clinical waste]",
            "tags: [café, naïve, 日本語, bins]",
            "title: é [x] {y} a, b\nthing: 7:30pm to 9pm",
            "order: 2\nreadability_x: true\nlayout: ~\ndate: null\nupdated: NULL",
            "title: C-sharp - a language ? yes\nunknown_key: value",
            "title: a\n\n   \ndescription: b",
            "title: 😀 emoji title\ntags: [😀, b]",
            "title: x\u{A0}y\u{A0}",
            "a-b_c: 1\nA: 2\n_x: 3",
            "time: 7pm to 9:15pm\nvenue: Great Hall\naccess: Step-free access and a hearing loop",
        ]
        for yaml in read {
            XCTAssertTrue(check(yaml), "should be read without Yams: \(yaml.debugDescription)")
        }
    }

    func testLeavesEverythingElseToYams() {
        let declined = [
            "", "\n", "   ", "\ntitle: starts with a blank line",
            "# a comment\ntitle: x", "title: x # a comment", "title: C#",
            "title: &anchor x\nother: *anchor", "title: !!str x", "title: !custom x",
            "title: |\n  block", "title: >\n  folded", "title:\n  multi\n  line", "title: one\n  two",
            "title:", "title: ", "title:x", "title : x", "- a\n- b", "[a, b]", "{a: b}",
            "title: {a: b}", "tags:\n  - a\n  - b", "tags: [a, [b]]", "tags: [a,]", "tags: [a,, b]", "tags: [a", "tags: [a] b",
            "tags: ['a', b]", "tags: [\"a\"]", "tags: [a: b]", "tags: [a#b]", "tags: [-a]", "tags: [*a]",
            "title: \"escaped \\\" quote\"", "title: \"back\\\\slash\"", "title: 'it''s'", "title: \"a\" b", "title: 'a' # c",
            "title: \"unclosed", "title: 'unclosed",
            "title: a: b", "title: ends with colon:", "title: -a", "title: ? x", "title: %x", "title: @x", "title: `x`",
            "title: ,x", "title: ]x", "title: *x", "title: |x", "title: >x", "title: !x",
            "title: a\ntitle: b", "title: tab\there", "\ttitle: x", "title: x\r\ndescription: y", "title: x\u{0}y",
            "title: next\u{85}line", "title: line\u{2028}separator", "title: para\u{2029}graph", "title: bom\u{FEFF}here",
            "title: x\u{7F}", "title: x\u{9F}", "title: x\u{FFFE}",
            "1title: x", "tïtle: x", "\"title\": x", "'title': x", "? title\n: x",
            "---\ntitle: x", "title: x\n---\nother: y", "title: x\n...", "%YAML 1.1\n---\ntitle: x",
            "lint: { disable: [sentence-length] }", "documents:\n  - file: /a.pdf\n    html: /a/",
            "a: b\n c: d", "a: b\nc",
            String(repeating: "k", count: 65) + ": long key",
        ]
        for yaml in declined {
            XCTAssertNil(SimpleYAML.compose(yaml), "should be left to Yams: \(yaml.debugDescription)")
        }
    }

    /// Many front matters made from pieces, some that the reader takes and some it must not:
    /// whatever it takes must equal Yams's reading.
    func testGeneratedFrontMatterAgreesWithYams() {
        let keys = ["title", "description", "layout", "date", "tags", "review_by", "a-b", "x"]
        let values = [
            "Pay your council tax", "  spaced  ", "2026-11-25", "7:30pm", "a: b", "a:b", "C#", "a #b", "\"quoted\"", "'single'",
            "\"with 'inner' quotes\"", "'with \"inner\" quotes'", "[a, b]", "[]", "[ a ]", "[a,b , c d]", "[a, b", "[a]]",
            "~", "null", "true", "-1", "- a", "?", "?x", "café", "Kestrelford’s", "x\u{A0}", "[é, ü]", "{a: b}", "&a x", "*a",
            "!!str x", "|", ">", "", "'it''s'", "\"a\\tb\"", "50%", "a, b, c", "a [b]", "a]", "a}", "x,", "@x", "`x`", "=x", "<x>",
            ".5", "...",
        ]
        var generator = SystemRandomNumberGenerator()
        var read = 0
        for _ in 0..<3000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let key = keys.randomElement(using: &generator)!
                let value = values.randomElement(using: &generator)!
                let spaces = String(repeating: " ", count: Int.random(in: 0...2, using: &generator))
                lines.append(Int.random(in: 0..<12, using: &generator) == 0 ? "" : "\(key):\(spaces)\(value)")
            }
            if check(lines.joined(separator: "\n")) { read += 1 }
        }
        XCTAssertGreaterThan(read, 100)
    }

    /// The front matter is the same whether the simple reader or Yams reads it: values, key lines,
    /// value positions and diagnostics.
    func testFieldsAreTheSameWithEitherReader() {
        let fronts = [
            "title: \"Pay your council tax\"\ndescription: 'How to pay.'\ndate: 2026-02-30\norder: two\ntags: [a, b]\ntitel: x",
            "title: Café – Kestrelford’s\nservices: Missed bins\naliases: []\nupdated: 2026-11-25\nlayout: news\norder: 3",
            "title: x\nreview_by: soon\ntime: 7pm\nvenue: Hall\naccess: Step-free\ntags: [é, b]\n",
        ]
        for yaml in fronts {
            XCTAssertNotNil(SimpleYAML.compose(yaml), yaml)
            var simple = YAMLFields(yaml: yaml, file: "page.md", lineOffset: 1, rulePrefix: "front-matter", simple: true)
            var yams = YAMLFields(yaml: yaml, file: "page.md", lineOffset: 1, rulePrefix: "front-matter")
            XCTAssertEqual(simple.keys, yams.keys)
            XCTAssertEqual(simple.line(of: "absent"), yams.line(of: "absent"))
            for key in simple.keys {
                XCTAssertEqual(simple.line(of: key), yams.line(of: key))
                XCTAssertEqual(simple.column(of: key), yams.column(of: key))
                XCTAssertEqual(describe(simple.node(key)), describe(yams.node(key)))
                XCTAssertEqual(simple.string(key, rule: "r"), yams.string(key, rule: "r"))
                XCTAssertEqual(simple.strings(key, rule: "r"), yams.strings(key, rule: "r"))
                XCTAssertEqual(simple.date(key, rule: "r"), yams.date(key, rule: "r"))
                XCTAssertEqual(simple.int(key, rule: "r"), yams.int(key, rule: "r"))
                XCTAssertEqual(simple.bool(key, rule: "r"), yams.bool(key, rule: "r"))
            }
            simple.warnUnknownKeys(known: FrontMatter.knownKeys, rule: "u")
            yams.warnUnknownKeys(known: FrontMatter.knownKeys, rule: "u")
            XCTAssertEqual(simple.diagnostics, yams.diagnostics)
        }
    }
}
