import Foundation
import Mustache
import Project
import XCTest

@testable import SiteBuilder

/// The compiled templates must render exactly what swift-mustache renders.
final class TemplateRendererTests: XCTestCase {
    /// swift-mustache's output for the templates (registered under their names) and a context.
    func mustache(_ templates: [String: String], _ context: [String: Any], main: String) throws -> String {
        var library = MustacheLibrary()
        for (name, text) in templates { library.register(try MustacheTemplate(string: ScalarHTMLEscaping.prefixed(text)), named: name) }
        return library.render(context, withTemplate: main) ?? ""
    }

    func assertSame(
        _ templates: [String: String], _ context: [String: Any], main: String = "main",
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let expected = try mustache(templates, context, main: main)
        guard let compiled = CompiledTemplates(templates) else {
            return XCTFail("Not compiled: \(templates)", file: file, line: line)
        }
        guard let output = compiled.render(main, context) else {
            return XCTFail("Not rendered: \(templates)", file: file, line: line)
        }
        XCTAssertEqual(Array(output.utf8), Array(expected.utf8), "\(templates) \(context)", file: file, line: line)
    }

    func assertSame(
        _ template: String, _ context: [String: Any], partials: [String: String] = [:],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var templates = partials
        templates["main"] = template
        try assertSame(templates, context, file: file, line: line)
    }

    let context: [String: Any] = [
        "title": "Bins & <recycling> \"collections\" 'today'",
        "name": "Ada",
        "empty": "",
        "yes": true,
        "no": false,
        "zero": 0,
        "count": 42,
        "negative": -7,
        "ratio": 2.5,
        "whole": 3.0,
        "tiny": 0.00001,
        "site": ["title": "Kestrelford", "base_path": "/town/", "meta": ["year": 2026, "lang": "en"] as [String: Any]] as [String: Any],
        "t": ["next": "Next", "previous": "Previous & back"] as [String: String],
        "items": [["title": "One", "url": "/one/"], ["title": "Two & two", "url": "/two/", "flag": true]] as [[String: Any]],
        "mixed": ["a", 1, 2.5, true, false, ["title": "map"] as [String: Any], [String]()] as [Any],
        "words": ["alpha", "<beta>", ""] as [String],
        "scalars": ["a<", 1, 2.5, true, false, ""] as [Any],
        "none": [] as [Any],
        "noMaps": [] as [[String: Any]],
        "noWords": [] as [String],
        "nested": ["items": [["title": "Inner"]] as [[String: Any]], "title": "Outer"] as [String: Any],
        "unicode": "é<\u{301}>x<y>\u{0600}&",
        "crlf": "a\r\nb",
    ]

    func testVariablesAndEscaping() throws {
        for template in [
            "{{title}}", "{{{title}}}", "{{&title}}", "{{ title }}", "{{{ title }}}", "{{& title}}",
            "{{name}}{{missing}}!", "{{zero}} {{count}} {{negative}} {{ratio}} {{whole}} {{tiny}}",
            "{{yes}} {{no}} {{{yes}}}", "{{empty}}|", "{{unicode}}", "{{{unicode}}}", "{{crlf}}",
            "{{site.title}} {{site.meta.year}} {{site.meta.lang}} {{site.missing.x}} {{missing.title}}",
            "{{t.next}} {{t.previous}} {{{t.previous}}} {{t.missing}}", "{{site..title}} {{site.title.}}",
            "a {{! comment }} b", "{{!comment}}", "x { y {z} }} { .", "<{{name}}>",
        ] {
            try assertSame(template, context)
        }
    }

    func testSections() throws {
        for template in [
            "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^yes}}notY{{/yes}}{{^no}}notN{{/no}}",
            "{{#missing}}M{{/missing}}{{^missing}}notM{{/missing}}",
            "{{#empty}}[{{.}}]{{/empty}}{{^empty}}E{{/empty}}",
            "{{#zero}}[{{.}}]{{/zero}}{{^zero}}Z{{/zero}}{{#ratio}}[{{.}}]{{/ratio}}",
            "{{#name}}{{.}} {{name}} {{title}}{{/name}}",
            "{{#items}}<a href=\"{{url}}\">{{title}}</a>{{#flag}}!{{/flag}}{{name}}{{/items}}",
            "{{#items}}{{title}}{{/items}}{{^items}}none{{/items}}",
            "{{#none}}x{{/none}}{{^none}}empty{{/none}}{{^noMaps}}E2{{/noMaps}}{{^noWords}}E3{{/noWords}}",
            "{{#words}}({{.}}){{/words}}{{^words}}none{{/words}}",
            "{{#mixed}}[{{title}}|{{name}}]{{/mixed}}",
            "{{#scalars}}[{{.}}|{{{.}}}|{{#.}}y{{/.}}{{^.}}n{{/.}}|{{name}}]{{/scalars}}",
            "{{#site}}{{title}} {{base_path}}{{#meta}}{{year}}{{title}}{{/meta}}{{/site}}",
            "{{#site.meta}}{{lang}}{{/site.meta}}{{^site.meta}}no{{/site.meta}}",
            "{{#nested}}{{#items}}{{title}}/{{.title}}/{{nested.title}}{{/items}}{{/nested}}",
            "{{#site}}{{.title}}{{.name}}{{name}}{{/site}}",
            "{{#t}}{{next}}{{name}}{{/t}}",
            "{{#items}}{{#site}}{{title}}{{/site}}{{/items}}",
            "{{#yes}}{{#items}}{{title}}{{/items}}{{/yes}}",
        ] {
            try assertSame(template, context)
        }
    }

    func testStandaloneLinesAndWhitespace() throws {
        for template in [
            "a\n{{#yes}}\nin\n{{/yes}}\nb\n",
            "a\n  {{#yes}}  \n  in\n  {{/yes}}\t\nb",
            "a\r\n{{#items}}\r\n  {{title}}\r\n{{/items}}\r\nb\r\n",
            "  {{#no}}\n  x\n  {{/no}}\n  y\n",
            "| {{#yes}} |\n{{/yes}} |",
            "  {{! standalone comment }}\nx\n  {{! inline }} y\n",
            "{{! a }}\n{{! b }}",
            "  {{^missing}}\n  m\n  {{/missing}}  ",
            "\t{{#yes}}\t\n\tx\n\t{{/yes}}",
            "{{#yes}}\n{{/yes}}",
            "x{{#yes}}\n{{/yes}}\ny",
            "  {{name}}\n  {{{name}}}  \n",
            "a\n{{#yes}}b{{/yes}}\n{{#yes}}\nc\n{{/yes}} tail\n",
            "\n\n  \n{{#yes}}\n\n{{/yes}}\n",
            "a\r{{#yes}}\rb\r{{/yes}}\rc",
            "{{#yes}} \r\nx\r\n{{/yes}}",
            "end {{",
            "{{\nname}}",
        ] {
            try assertSame(template, context)
        }
    }

    func testPartials() throws {
        let partials = [
            "lines": "one {{name}}\ntwo\n{{#items}}\n- {{title}}\n{{/items}}\nend",
            "inline": "<{{name}}>",
            "nested": "start\n  {{> lines}}\nstop\n",
            "crlf": "a\r\nb\r\n{{name}}\r\n",
            "empty": "",
            "section": "{{#items}}\n{{title}}\n{{> inline}}\n{{/items}}\n",
        ]
        for template in [
            "{{> inline}}|{{>inline}}|{{> missing}}|",
            "  {{> lines}}\n",
            "\t{{> lines}}  \nafter",
            "x {{> lines}}\n",
            "  {{> nested}}\n",
            "    {{> crlf}}\n",
            "  {{> empty}}\n",
            "{{#items}}\n  {{> inline}}\n{{/items}}",
            "  {{> section}}\n",
            "{{#yes}}\n    {{> nested}}\n{{/yes}}",
            "  {{> lines}}",
        ] {
            try assertSame(template, context, partials: partials)
        }
    }

    func testThemeStyleTemplates() throws {
        let templates = [
            "base":
                "<!--ps:base-->\n<html lang=\"{{lang}}\">\n<head><title>{{title}} - {{site.title}}</title></head>\n<body>\n  {{> header}}\n  <main>\n    {{{content}}}\n  </main>\n</body>\n</html>\n<!--/ps:base-->",
            "header":
                "<header>\n  <a href=\"{{site.base_path}}\">{{site.title}}</a>\n  {{#items}}\n  <a href=\"{{url}}\">{{title}}</a>\n  {{/items}}\n</header>\n",
        ]
        var full = context
        full["content"] = "<p>Body & more</p>\n<p>Two</p>"
        full["lang"] = "en"
        try assertSame(templates, full, main: "base")
        try assertSame(templates, full, main: "missing-template")
    }

    /// Random templates from the supported tags, against swift-mustache.
    func testRandomTemplates() throws {
        var random = SeededRandom(seed: 12345)
        let plain = ["x", " ", "  ", "\t", "\n", "\r\n", "<&>", "é", "{", "}", "a b", "\n  ", "\r", "<\u{301}", "\u{600}&", "{{!x}}", "}}"]
        let names = [
            "name", "scalars", "title", "yes", "no", "items", "mixed", "words", "none", "site", "site.meta", "site.title",
            "t.next", "zero", "ratio", "empty", "missing", ".", "nested.items", ".title", "unicode",
        ]
        func makeTemplate(depth: Int, partials: Bool) -> String {
            var text = ""
            for _ in 0..<random.next(12) {
                switch random.next(10) {
                case 0, 1, 2: text += plain[random.next(plain.count)]
                case 3: text += "{{\(names[random.next(names.count)])}}"
                case 4: text += "{{{\(names[random.next(names.count)])}}}"
                case 5 where depth < 3:
                    let name = names[random.next(names.count)]
                    let open = random.next(2) == 0 ? "#" : "^"
                    let pad = [" ", "", "\n", "  ", "\r\n"]
                    text +=
                        pad[random.next(pad.count)] + "{{\(open)\(name)}}" + pad[random.next(pad.count)]
                        + makeTemplate(depth: depth + 1, partials: partials)
                        + pad[random.next(pad.count)] + "{{/\(name)}}" + pad[random.next(pad.count)]
                case 6 where partials: text += ["\n  {{> p}}\n", "{{> p}}", "\n{{> q}}\n", "\t{{>q}} \n"][random.next(4)]
                case 7: text += ["{{! c }}", "\n  {{! c }}\n", "{{&name}}"][random.next(3)]
                default: text += "\n"
                }
            }
            return text
        }
        var compared = 0
        for _ in 0..<4000 {
            let templates = [
                "main": makeTemplate(depth: 0, partials: true),
                "p": makeTemplate(depth: 0, partials: false) + "\n{{> q}}\n" + makeTemplate(depth: 1, partials: false),
                "q": makeTemplate(depth: 1, partials: false),
            ]
            guard let expected = try? mustache(templates, context, main: "main") else { continue }
            guard let compiled = CompiledTemplates(templates) else { return XCTFail("Not compiled: \(templates)") }
            // A value the compiled templates do not print (a map or list as {{.}}) leaves the page to swift-mustache.
            guard let output = compiled.render("main", context) else { continue }
            XCTAssertEqual(Array(output.utf8), Array(expected.utf8), "\(templates)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 1000)
    }

    func testUnsupportedTemplatesAreLeftToSwiftMustache() throws {
        for template in [
            "{{=<% %>=}}<% name %>", "{{<parent}}{{$block}}x{{/block}}{{/parent}}", "{{$block}}default{{/block}}",
            "{{uppercased(name)}}", "{{#reversed(items)}}{{title}}{{/reversed(items)}}", "{{% CONTENT_TYPE: TEXT }}{{title}}",
            "{{>*dynamic}}", "{{#items}}{{index()}}{{/items}}",
        ] {
            XCTAssertNoThrow(try MustacheTemplate(string: template), template)
            XCTAssertNil(CompiledTemplates(["main": template, "other": "{{name}}"]), template)
        }
        XCTAssertNotNil(CompiledTemplates(["main": "{{name}}", "other": "{{#a}}{{/a}}"]))
    }

    func testUnknownValuesAreLeftToSwiftMustache() throws {
        let compiled = try XCTUnwrap(CompiledTemplates(["main": "{{#value}}x{{/value}}", "plain": "{{name}}"]))
        let lambda = MustacheLambda { "<b>\($0)</b>" }
        for value: Any in [
            lambda, NSNull(), Optional<String>.some("a") as Any, Optional<String>.none as Any,
            Set(["a"]), ["a": 1] as [String: Int], [1, 2] as [Int], Float(1.5), Date(), "s" as Substring,
        ] {
            XCTAssertNil(compiled.render("main", ["value": value]), "\(type(of: value))")
        }
        XCTAssertEqual(compiled.render("plain", ["name": "Ada", "other": NSNull()]), "Ada")
        // A map or list printed as a variable.
        let printing = try XCTUnwrap(CompiledTemplates(["main": "{{value}}"]))
        XCTAssertNil(printing.render("main", ["value": ["a": 1] as [String: Any]]))
        XCTAssertNil(printing.render("main", ["value": [1] as [Any]]))
    }

    /// Values other than maps have no named children: swift-mustache looks into them with Mirror.
    func testKnownScalarsHaveNoNamedChildren() {
        let values: [Any] = ["text", true, 1, 2.5, [1] as [Any], [["a": 1]] as [[String: Any]], ["a"] as [String]]
        for value in values {
            XCTAssertTrue(Mirror(reflecting: value).children.allSatisfy { $0.label == nil }, "\(type(of: value))")
        }
    }

    func testThemeFallsBackForTheWholeLibrary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tmpl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let templates = root.appendingPathComponent("themes/plain/templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("layouts"), withIntermediateDirectories: true)
        try "<p>{{{content}}}</p>{{> footer}}".write(to: templates.appendingPathComponent("base.mustache"), atomically: true, encoding: .utf8)
        try "{{title}}".write(to: templates.appendingPathComponent("layouts/page.mustache"), atomically: true, encoding: .utf8)
        let site = try XCTUnwrap(
            ProjectConfiguration.parse(
                """
                organisation: Test
                theme: plain
                sites:
                  - id: plain
                    title: Plain
                    base_url: https://example.org/
                    theme: plain
                """, file: "plainsite.yml", root: root
            ).0?.sites.first)
        let theme = Theme(site: site, root: root)
        XCTAssertNotNil(theme.compiled)
        let page: [String: Any] = ["title": "A & B", "content": "<i>x</i>"]
        for name in ["base", "layouts/page", "missing"] {
            XCTAssertEqual(theme.render(name, page), theme.library.render(page, withTemplate: name) ?? "")
        }
        XCTAssertTrue(theme.render("layouts/page", page).contains("A &amp; B"))
        let partials = root.appendingPathComponent("themes/plain/templates/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "{{=<% %>=}}<% title %>".write(to: partials.appendingPathComponent("footer.mustache"), atomically: true, encoding: .utf8)
        let fallback = Theme(site: site, root: root)
        XCTAssertNil(fallback.compiled)
        XCTAssertTrue(fallback.render("base", ["title": "A & B", "content": "<i>x</i>"]).contains("<p><i>x</i></p>"))
        XCTAssertTrue(fallback.render("base", ["title": "A & B", "content": "<i>x</i>"]).contains("A &amp; B"))
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be reproduced.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
