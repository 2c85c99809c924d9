import Diagnostics
import XCTest

@testable import Theme

/// A template with a mistake is an error naming its line and column and what to do.
final class TemplateParserTests: XCTestCase {
    func error(_ template: String, file: StaticString = #filePath, line: UInt = #line) -> TemplateSyntaxError? {
        do {
            _ = try TemplateParser.parse(template)
            XCTFail("No error for \(template.debugDescription)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testAClosingTagWithoutItsSection() {
        XCTAssertEqual(
            error("<ul>\n<li>One</li>\n{{/items}}\n</ul>\n"),
            TemplateSyntaxError(
                message: "{{/items}} closes a section that was never opened",
                suggestion: "Remove {{/items}}, or add {{#items}} where the section starts.", line: 3, column: 1))
    }

    func testAMismatchedClosingTag() {
        XCTAssertEqual(
            error("{{#a}}\nx\n  {{/b}}"),
            TemplateSyntaxError(
                message: "{{/b}} does not match the section {{#a}} opened at line 1",
                suggestion: "Close {{#a}} with {{/a}} before this tag, or correct the name.", line: 3, column: 3))
    }

    func testASectionNeverClosed() {
        XCTAssertEqual(
            error("a\n  {{#items}}x{{/b}}{{/b}}".replacingOccurrences(of: "{{/b}}{{/b}}", with: "")),
            TemplateSyntaxError(
                message: "the section {{#items}} is never closed", suggestion: "Add {{/items}} where the section ends.",
                line: 2, column: 3))
    }

    func testATagNotClosed() {
        XCTAssertEqual(error("é\r\nab {{name ")?.line, 2)
        XCTAssertEqual(error("é\r\nab {{name ")?.column, 4)
        XCTAssertEqual(error("{{name")?.message, "this tag is not closed with }}")
        XCTAssertEqual(error("{{{name}}")?.message, "{{{name}} is not closed with }}}")
        XCTAssertEqual(error("x {{! never")?.message, "this comment is not closed")
    }

    func testTagsPlainsiteDoesNotSupport() {
        for template in ["{{=<% %>=}}", "{{<parent}}{{/parent}}", "{{$block}}{{/block}}", "{{% CONTENT_TYPE: TEXT }}"] {
            let found = error("ab " + template)
            XCTAssertEqual(found?.column, 4, template)
            XCTAssertTrue(found?.message.hasPrefix("Plainsite's templates do not support {{") ?? false, template)
        }
        XCTAssertEqual(
            error("{{uppercased(name)}}"),
            TemplateSyntaxError(
                message: "'(' cannot be part of a name in a tag",
                suggestion: "Names are letters, digits and . - _ ? only, as in {{page.title}}.", line: 1, column: 13))
        XCTAssertEqual(error("{{>*dynamic}}")?.column, 4)
    }

    /// The theme reports a template's mistake at its own line and column, not the markers'.
    func testTheThemeNamesTheFileLineAndColumn() {
        var diagnostics: [Diagnostic] = []
        XCTAssertNil(Theme.parse("<p>{{#x}}</p>", file: "themes/t/templates/base.mustache", into: &diagnostics))
        XCTAssertNil(Theme.parse("<p>\n{{/x}}", file: "themes/t/templates/page.mustache", into: &diagnostics))
        XCTAssertEqual(
            diagnostics.map { "\($0.file):\($0.line):\($0.column) \($0.rule)" },
            [
                "themes/t/templates/base.mustache:1:4 theme/template", "themes/t/templates/page.mustache:2:1 theme/template",
            ])
        XCTAssertEqual(diagnostics.first?.message, "This template could not be read: the section {{#x}} is never closed.")
        XCTAssertEqual(diagnostics.first?.suggestion, "Add {{/x}} where the section ends.")
    }
}
