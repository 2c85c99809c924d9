import Foundation
import Project
import XCTest

@testable import Theme

/// The templates render Mustache's exact output; most cases are from the Mustache spec
/// (interpolation, sections, inverted sections, partials, comments).
final class TemplateRendererTests: XCTestCase {
    func assertRenders(
        _ template: String, _ context: TemplateContext, _ expected: String, partials: [String: String] = [:],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var templates = partials
        templates["main"] = template
        let compiled = try CompiledTemplates(templates)
        XCTAssertEqual(compiled.render("main", context), expected, template.debugDescription, file: file, line: line)
    }

    func testInterpolation() throws {
        try assertRenders("Hello, {{subject}}!", ["subject": "world"], "Hello, world!")
        try assertRenders("{{forbidden}}", ["forbidden": "& \" < > '"], "&amp; &quot; &lt; &gt; &#39;")
        try assertRenders("{{{forbidden}}}", ["forbidden": "& \" < >"], "& \" < >")
        try assertRenders("{{&forbidden}}|{{& forbidden }}", ["forbidden": "& \" < >"], "& \" < >|& \" < >")
        try assertRenders("{{mph}} miles an hour", ["mph": 85], "85 miles an hour")
        try assertRenders("{{yes}} {{no}}", ["yes": true, "no": false], "true false")
        try assertRenders("I ({{cannot}}) be seen!", [:], "I () be seen!")
        try assertRenders("|{{ string }}|{{{ string }}}|", ["string": "---"], "|---|---|")
        try assertRenders("  {{string}}\n", ["string": "---"], "  ---\n")
        // Lists and objects have no text of their own.
        try assertRenders("[{{list}}{{object}}]", ["list": ["a"], "object": ["a": "b"]], "[]")
    }

    func testEscapingIsByCodePoint() throws {
        // A quote followed by a combining accent is one character to Swift, still a quote to a browser.
        try assertRenders("{{title}}", ["title": "é\"\u{301}<x>\u{600}&"], "é&quot;\u{301}&lt;x&gt;\u{600}&amp;")
    }

    func testDottedNamesAndTheContextStack() throws {
        let person: TemplateValue = ["name": "Joe"]
        try assertRenders("\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"", ["person": person], "\"Joe\" == \"Joe\"")
        try assertRenders("{{a.b.c.d}}|{{a.x.y}}|{{z.a}}", ["a": ["b": ["c": ["d": "Phil"]]]], "Phil||")
        // Dotted names resolve against the first object holding their first part.
        try assertRenders("{{#a}}{{b.c}}{{/a}}", ["a": ["b": [:]], "b": ["c": "ERROR"]], "")
        try assertRenders("{{#a}}{{.b}}|{{b}}{{/a}}", ["a": [:], "b": "outer"], "|outer")
        try assertRenders("{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}", ["a": "foo", "b": "wrong", "sec": ["b": "bar"], "c": ["d": "baz"]], "foo, bar, baz")
        try assertRenders(
            "{{#items}}{{title}} in {{site.title}}; {{/items}}", ["items": [["title": "A"], ["title": "B"]], "site": ["title": "S"]], "A in S; B in S; ")
    }

    func testSections() throws {
        try assertRenders("\"{{#boolean}}This should be rendered.{{/boolean}}\"", ["boolean": true], "\"This should be rendered.\"")
        try assertRenders("\"{{#boolean}}Not rendered.{{/boolean}}\"", ["boolean": false], "\"\"")
        try assertRenders("\"{{#missing}}Not rendered.{{/missing}}\"", [:], "\"\"")
        try assertRenders("{{#context}}Hi {{name}}.{{/context}}", ["context": ["name": "Joe"]], "Hi Joe.")
        try assertRenders("{{#foo}}{{.}} is {{foo}}{{/foo}}", ["foo": "bar"], "bar is bar")
        try assertRenders("{{#list}}{{item}}{{/list}}", ["list": [["item": 1], ["item": 2], ["item": 3]]], "123")
        try assertRenders("\"{{#list}}Yay lists!{{/list}}\"", ["list": []], "\"\"")
        try assertRenders("\"{{#list}}({{.}}){{/list}}\"", ["list": ["a", "b", "c"]], "\"(a)(b)(c)\"")
        try assertRenders("{{#a.b.c}}Here{{/a.b.c}}", ["a": ["b": ["c": true]]], "Here")
        try assertRenders("|{{# boolean }}={{/ boolean }}|", ["boolean": true], "|=|")
        try assertRenders("{{#bool}}A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E{{/bool}}", ["bool": true], "A B C D E")
        // Text and numbers (even empty text and 0) render once, as the current object.
        try assertRenders("{{#empty}}[{{.}}]{{/empty}}{{#zero}}[{{.}}]{{/zero}}", ["empty": "", "zero": 0], "[][0]")
    }

    func testInvertedSections() throws {
        try assertRenders("\"{{^boolean}}This should be rendered.{{/boolean}}\"", ["boolean": false], "\"This should be rendered.\"")
        try assertRenders("\"{{^boolean}}Not rendered.{{/boolean}}\"", ["boolean": true], "\"\"")
        try assertRenders("\"{{^missing}}Rendered.{{/missing}}\"", [:], "\"Rendered.\"")
        try assertRenders("\"{{^context}}Hi {{name}}.{{/context}}\"", ["context": ["name": "Joe"]], "\"\"")
        try assertRenders("\"{{^list}}Yay lists!{{/list}}\"", ["list": []], "\"Yay lists!\"")
        try assertRenders("\"{{^list}}No.{{/list}}\"", ["list": ["a"]], "\"\"")
        try assertRenders("\"{{^text}}No.{{/text}}\"", ["text": ""], "\"\"")
        try assertRenders("{{^a.b.c}}Not Here{{/a.b.c}}", ["a": [:]], "Not Here")
    }

    func testStandaloneLines() throws {
        let yes: TemplateContext = ["boolean": true]
        try assertRenders("| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", yes, "| This Is\n|\n| A Line\n")
        try assertRenders(" {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", yes, " YES\n GOOD\n")
        try assertRenders("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", yes, "| This Is\n|\n| A Line\n")
        try assertRenders("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", yes, "|\r\n|")
        try assertRenders("  {{#boolean}}\n#{{/boolean}}\n/", yes, "#\n/")
        try assertRenders("#{{#boolean}}\n/\n  {{/boolean}}", yes, "#\n/\n")
        try assertRenders("| This Is\n  {{^missing}}\n|\n  {{/missing}}\n| A Line\n", [:], "| This Is\n|\n| A Line\n")
        try assertRenders(" | {{#boolean}}\t|\t{{/boolean}} | \n", yes, " | \t|\t | \n")
    }

    func testComments() throws {
        try assertRenders("12345{{! Comment Block! }}67890", [:], "1234567890")
        try assertRenders("12345{{!\n  This is a\n  multi-line comment...\n}}67890", [:], "1234567890")
        try assertRenders("Begin.\n{{! Comment Block! }}\nEnd.", [:], "Begin.\nEnd.")
        try assertRenders("Begin.\n  {{! Indented Comment Block! }}\nEnd.", [:], "Begin.\nEnd.")
        try assertRenders("|\r\n{{! Standalone Comment }}\r\n|", [:], "|\r\n|")
        try assertRenders("  12 {{! 34 }}\n", [:], "  12 \n")
    }

    func testPartials() throws {
        try assertRenders("\"{{>text}}\"", [:], "\"from partial\"", partials: ["text": "from partial"])
        try assertRenders("\"{{>text}}\"", [:], "\"\"")
        try assertRenders("\"{{>partial}}\"", ["text": "content"], "\"*content*\"", partials: ["partial": "*{{text}}*"])
        try assertRenders(
            "{{>node}}", ["content": "X", "nodes": [["content": "Y", "nodes": []]]], "X<Y<>>",
            partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"])
        try assertRenders("| {{>partial}} |", [:], "| \t|\t |", partials: ["partial": "\t|\t"])
        try assertRenders("  {{data}}  {{> partial}}\n", ["data": "|"], "  |  >\n>\n", partials: ["partial": ">\n>"])
        try assertRenders("|\r\n{{>partial}}\r\n|", [:], "|\r\n>|", partials: ["partial": ">"])
        try assertRenders("  {{>partial}}\n>", [:], "  >\n  >>", partials: ["partial": ">\n>"])
        try assertRenders(">\n  {{>partial}}", [:], ">\n  >\n  >", partials: ["partial": ">\n>"])
        try assertRenders(
            "\\\n {{>partial}}\n/\n", ["content": "<\n->"], "\\\n |\n <\n->\n |\n/\n",
            partials: ["partial": "|\n{{{content}}}\n|\n"])
        try assertRenders("|{{> partial }}|", [:], "|[]|", partials: ["partial": "[]"])
        // A partial's name may hold a slash, as the theme's templates do.
        try assertRenders("{{> partials/footer}}", [:], "F", partials: ["partials/footer": "F"])
    }

    func testNestedStandalonePartialsAddTheirIndentation() throws {
        let partials = ["outer": "start\n  {{> inner}}\nstop\n", "inner": "a\nb\n"]
        try assertRenders("  {{> outer}}\n", [:], "  start\n    a\n    b\n  stop\n", partials: partials)
    }

    func testAMissingTemplateRendersNothing() throws {
        let compiled = try CompiledTemplates(["main": "x"])
        XCTAssertEqual(compiled.render("other", [:]), "")
    }
}
