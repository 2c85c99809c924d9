import XCTest

@testable import Theme

/// How the template checks read a theme: the partials each template includes, with their
/// places, loops among them, and the ids the templates give their own elements.
final class TemplateChecksTests: XCTestCase {
    func testIncludesAreFoundWithTheirLinesAndColumnsOutsideComments() {
        let text = "<p>{{title}}</p>\n  {{> header }}{{{body}}}\n{{! a comment {{> not-this}}\n{{>footer}}\n{{>*dynamic}}{{> layouts/page}}"
        XCTAssertEqual(
            TemplateChecks.includes(in: text),
            [
                .init(name: "header", line: 2, column: 3), .init(name: "footer", line: 4, column: 1),
                .init(name: "layouts/page", line: 5, column: 14),
            ])
        // Delimiters the template sets are followed; an empty tag is passed over.
        XCTAssertEqual(
            TemplateChecks.includes(in: "{{> a}}{{=<% %>=}}<%> b%>{{> c}}<%={{ }}=%>{{}}\n{{>d}}"),
            [
                .init(name: "a", line: 1, column: 1), .init(name: "b", line: 1, column: 19), .init(name: "d", line: 2, column: 1),
            ])
    }

    func testLoopsAreReportedOnceEachAndMissingPartialsAtTheirTag() {
        let sources = ["base": "t/base.mustache", "partials/a": "t/a.mustache", "partials/b": "t/b.mustache", "layouts/404": "t/404.mustache"]
        let texts = ["t/base.mustache": "{{> a}}{{> b}}", "t/a.mustache": "{{> b}}", "t/b.mustache": "\n{{> a}} {{> c}}", "t/404.mustache": ""]
        let found = TemplateChecks(sources: sources, texts: texts).diagnostics(theme: "council")
        XCTAssertEqual(
            found.map { "\($0.rule) \($0.file) \($0.line):\($0.column)" },
            ["theme/partial-missing t/b.mustache 2:9", "theme/partial-loop t/b.mustache 2:1"])
        XCTAssertEqual(
            found[1].message, "Templates include each other in a loop that never ends: t/a.mustache includes t/b.mustache, which includes t/a.mustache again.")
        XCTAssertEqual(
            found[0].suggestion,
            "Check the spelling: did you mean 'a' or 'b'? A partial is a file components/<name>/<name>.mustache or templates/partials/<name>.mustache in the theme."
        )
    }

    func testEachLayoutKnowsTheIdsOfItsOwnTemplates() {
        let sources = [
            "base": "base.mustache", "partials/skip": "skip.mustache", "partials/list": "list.mustache",
            "layouts/page": "page.mustache", "layouts/statement": "statement.mustache",
        ]
        let texts = [
            "base.mustache": "{{> skip}}<main id=\"main-content\">{{{content}}}</main>", "skip.mustache": "<a id=\"skip\">",
            "page.mustache": "<p id=\"intro\">", "statement.mustache": "{{#x}}{{> list}}{{/x}}", "list.mustache": "<h2 id=\"documents\">",
        ]
        XCTAssertEqual(
            TemplateChecks(sources: sources, texts: texts).idsByLayout(),
            ["page": ["main-content", "skip", "intro"], "statement": ["main-content", "skip", "documents"]])
    }

    func testTheThemesOwnIdsAreKnown() {
        XCTAssertEqual(
            TemplateChecks.ids(in: ["<main id=\"main-content\"><a id=\"{{page.id}}\"></a><div data-id=\"x\" id=\"\">", "<input id=\"search\">"]),
            ["main-content", "search"])
    }
}
