import CCmarkGFM
import Diagnostics
import Foundation

/// Snippets (`{{> name }}`) and shared data (`{{ file.key }}`) in a page's Markdown.
extension Transformer {
    /// False when a literal cannot be a snippet line: after spaces and tabs it does not start
    /// "{{>" (tested on the C string, before making a String of every paragraph).
    static func mayBeSnippet(_ literal: UnsafePointer<CChar>) -> Bool {
        var pointer = literal
        while pointer.pointee == 0x20 || pointer.pointee == 0x09 { pointer += 1 }
        return pointer[0] == 0x7B && pointer[1] == 0x7B && pointer[2] == 0x3E
    }

    static func snippetName(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: " \t")
        guard trimmed.hasPrefix("{{>"), trimmed.hasSuffix("}}") else { return nil }
        return trimmed.dropFirst(3).dropLast(2).trimmingCharacters(in: " \t")
    }

    mutating func placeSnippet(_ paragraph: OpaquePointer) {
        guard let child = cmark_node_first_child(paragraph), cmark_node_next(child) == nil,
            cmark_node_get_type(child) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(child),
            Transformer.mayBeSnippet(literal),
            let name = Transformer.snippetName(String(cString: literal))
        else { return }
        let (line, column) = position(paragraph)
        snippetUses.append(SnippetUse(name: name, line: line, column: column))
        guard let html = context.snippets[name] else {
            let known = context.snippets.keys.sorted()
            diagnostics.append(
                Diagnostic(
                    rule: "markdown/unknown-snippet", severity: .error, file: file, line: line, column: column,
                    message: "There is no snippet called '\(name)'.",
                    suggestion: known.isEmpty
                        ? "Add the file content/_snippets/\(name).md, or remove this line."
                        : "Use one of: \(known.joined(separator: ", ")); or add content/_snippets/\(name).md."))
            return
        }
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        cmark_node_replace(paragraph, block)
        cmark_node_free(paragraph)
    }

    mutating func fillData(_ node: OpaquePointer) {
        // (Most text has no "{{": look in the C string before making a String of it.)
        guard let literal = cmark_node_get_literal(node), strstr(literal, "{{") != nil else { return }
        let text = String(cString: literal)
        guard text.containsBytes("{{"), Transformer.snippetName(text) == nil else { return }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let placeholder = String(rest[open.lowerBound..<close.upperBound])
            let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " \t")
            if let value = context.data.lookup(key), !key.isEmpty {
                output += value.inlineText
                if case let .empty(dataFile, dataLine) = value { warnEmpty(placeholder, key: key, file: dataFile, line: dataLine, node: node) }
            } else {
                let found = place(of: placeholder, in: node)
                diagnostics.append(
                    Diagnostic(
                        rule: "markdown/unknown-data", severity: .error, file: file,
                        line: found.line, column: found.column, endColumn: found.column + placeholder.count,
                        message: "'\(placeholder)' does not match any shared data, so it would appear on the page as written.",
                        suggestion: "Check the spelling against the files in content/_data/ (for example '{{ council.phone }}' reads 'phone' from council.yml)."
                    ))
                output += placeholder
            }
            rest = rest[close.upperBound...]
        }
        output += rest
        cmark_node_set_literal(node, output)
    }

    /// Where `placeholder` is written in the file: in the text node's block or up to 50 lines below it.
    func place(of placeholder: String, in node: OpaquePointer) -> (line: Int, column: Int) {
        let block = position(node)
        return source.find(placeholder, from: block.line, to: block.line + 50) ?? block
    }

    /// A placeholder whose data value is empty shows nothing: warn, naming the data file and line.
    mutating func warnEmpty(_ placeholder: String, key: String, file dataFile: String, line dataLine: Int, node: OpaquePointer) {
        let found = place(of: placeholder, in: node)
        let name = key.split(separator: ".").dropFirst().joined(separator: ".")
        diagnostics.append(
            Diagnostic(
                rule: "markdown/empty-data", severity: .warning, file: file,
                line: found.line, column: found.column, endColumn: found.column + placeholder.count,
                message: "\(name) in \(dataFile) (line \(dataLine)) is empty, so \(file) line \(found.line) shows nothing.",
                suggestion: "Give it a value in \(dataFile), or remove '\(placeholder)' from the page."))
    }
}
