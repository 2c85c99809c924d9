import Markdown
import Prose
import XCTest

/// Runs every rule's own examples: `passes` must give no finding of that rule, and `fails`
/// must give findings starting exactly where the `↓` marks are.
final class RuleExamplesTests: XCTestCase {
    static func document(_ markdown: String) -> ProseDocument {
        ProseDocument(file: "example.md", blocks: MarkdownRenderer.render(markdown, file: "example.md").textBlocks)
    }

    /// Where each finding of `rule` starts, as a character offset in the example's plain text blocks joined by "\n".
    static func markedOffsets(_ example: String) -> (markdown: String, marks: [Int]) {
        var markdown = "", marks: [Int] = []
        for character in example {
            if character == "↓" { marks.append(markdown.count) } else { markdown.append(character) }
        }
        return (markdown, marks)
    }

    func check(_ rule: any ProseRule, file: StaticString = #filePath, line: UInt = #line) {
        let description = rule.description
        XCTAssertFalse(description.passes.isEmpty, "\(description.id) has no passing examples", file: file, line: line)
        XCTAssertFalse(description.fails.isEmpty, "\(description.id) has no failing examples", file: file, line: line)
        for example in description.passes {
            var findings: [Finding] = []
            rule.check(Self.document(example), settings: ProseSettings(), into: &findings)
            XCTAssertEqual(findings.map(\.message), [], "\(description.id) must not flag: \(example)", file: file, line: line)
        }
        for example in description.fails {
            let (markdown, marks) = Self.markedOffsets(example)
            let document = Self.document(markdown)
            var findings: [Finding] = []
            rule.check(document, settings: ProseSettings(), into: &findings)
            // Map each finding to a character offset in the Markdown source via its block's source map.
            let lines = SourceLines(markdown)
            let offsets = findings.map { finding -> Int in
                let block = document.blocks[finding.block].source
                let position = block.sourcePosition(ofByte: finding.range.lowerBound)
                let column = lines.characterColumn(line: position.line, byteColumn: position.byteColumn)
                let before = lines.lines.prefix(position.line - 1).map { $0.count + 1 }.reduce(0, +)
                return before + column - 1
            }.sorted()
            XCTAssertEqual(offsets, marks, "\(description.id) findings in: \(example) — \(findings.map(\.message))", file: file, line: line)
            XCTAssertTrue(
                findings.allSatisfy { $0.rule == description.id || $0.rule.hasPrefix(description.id + "/") },
                "\(description.id) reports under its own id", file: file, line: line)
        }
    }

    func testEveryRuleHonoursItsExamples() {
        for rule in RuleRegistry.all { check(rule) }
    }

    func testRuleIDsAreUnique() {
        let ids = RuleRegistry.all.flatMap(\.ruleIDs)
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        XCTAssertGreaterThanOrEqual(RuleRegistry.all.count, 30)
    }
}
