/// A template's mistake: what is wrong, what to do, and where (1-based line and column, in
/// characters).
struct TemplateSyntaxError: Error, Equatable {
    let message: String
    let suggestion: String
    let line: Int
    let column: Int
}

/// Mustache's parser for the tags `CompiledTemplates` renders, with its rules for standalone
/// lines (a section, comment or partial tag alone on its line leaves no blank line) and for
/// the indentation of standalone partials. Any other tag is an error naming its position.
enum TemplateParser {
    typealias Node = CompiledTemplates.Node

    static func parse(_ text: String) throws(TemplateSyntaxError) -> [Node] {
        var reader = TemplateReader(text)
        return try parse(&reader, section: nil, newLine: true)
    }

    /// An open section: its name and where its tag starts, for the error when it is not closed.
    struct OpenSection {
        let name: String
        let tagStart: Int
    }

    static func parse(_ reader: inout TemplateReader, section: OpenSection?, newLine startNewLine: Bool) throws(TemplateSyntaxError) -> [Node] {
        var nodes: [Node] = []
        var newLine = startNewLine
        var whiteSpaceBefore = ""
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))) }
            whiteSpaceBefore = ""
        }
        while !reader.atEnd {
            if newLine { whiteSpaceBefore = reader.read(while: { $0 == " " || $0 == "\t" }) }
            let text = reader.readUntilTagOrNewline()
            if reader.current.isNewline {
                nodes.append(.text(Array((whiteSpaceBefore + text + String(reader.current)).utf8)))
                newLine = true
                reader.position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array((whiteSpaceBefore + text).utf8)))
                whiteSpaceBefore = ""
                newLine = false
            }
            if reader.atEnd { break }
            // The reader is just past "{{".
            let tagStart = reader.position - 2
            var setNewLine = false
            switch reader.current {
            case "#", "^":
                let inverted = reader.current == "^"
                reader.position += 1
                let name = try parseName(&reader, tagStart: tagStart)
                if isStandalone(&reader, newLine: newLine) { setNewLine = true } else { flushWhiteSpace() }
                let inner = try parse(&reader, section: OpenSection(name: name, tagStart: tagStart), newLine: setNewLine)
                let compiledName = CompiledTemplates.TemplateName(name)
                nodes.append(inverted ? .invertedSection(compiledName, inner) : .section(compiledName, inner))
            case "/":
                reader.position += 1
                let name = try parseName(&reader, tagStart: tagStart)
                guard let section else {
                    throw reader.error(
                        at: tagStart, "{{/\(name)}} closes a section that was never opened",
                        suggestion: "Remove {{/\(name)}}, or add {{#\(name)}} where the section starts.")
                }
                guard name == section.name else {
                    let opened = reader.location(of: section.tagStart)
                    throw reader.error(
                        at: tagStart, "{{/\(name)}} does not match the section {{#\(section.name)}} opened at line \(opened.line)",
                        suggestion: "Close {{#\(section.name)}} with {{/\(section.name)}} before this tag, or correct the name.")
                }
                if !isStandalone(&reader, newLine: newLine) { flushWhiteSpace() }
                return nodes
            case "!":
                reader.position += 1
                guard reader.skipComment() else {
                    throw reader.error(at: tagStart, "this comment is not closed", suggestion: "End the comment with }}.")
                }
                setNewLine = isStandalone(&reader, newLine: newLine)
            case "{", "&":
                let triple = reader.current == "{"
                flushWhiteSpace()
                reader.position += 1
                let name = try parseName(&reader, tagStart: tagStart)
                if triple {
                    guard reader.current == "}" else {
                        throw reader.error(at: tagStart, "{{{\(name)}} is not closed with }}}", suggestion: "Write {{{\(name)}}}.")
                    }
                    reader.position += 1
                }
                nodes.append(.variable(CompiledTemplates.TemplateName(name), escaped: false))
            case ">":
                reader.position += 1
                let name = try parseName(&reader, tagStart: tagStart, allowed: partialNameCharacters)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))) }
                if isStandalone(&reader, newLine: newLine) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: Array(whiteSpaceBefore.utf8)))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "<", "$", "=", "%":
                throw reader.error(
                    at: tagStart,
                    "Plainsite's templates do not support {{\(reader.current) }} tags (template inheritance, blocks, changed delimiters or pragmas)",
                    suggestion: "Use sections, partials and variables instead: {{#name}}, {{> name}}, {{name}}.")
            default:
                flushWhiteSpace()
                let name = try parseName(&reader, tagStart: tagStart)
                nodes.append(.variable(CompiledTemplates.TemplateName(name), escaped: true))
            }
            newLine = setNewLine
        }
        if let section {
            throw reader.error(
                at: section.tagStart, "the section {{#\(section.name)}} is never closed",
                suggestion: "Add {{/\(section.name)}} where the section ends.")
        }
        return nodes
    }

    static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?")
    static let partialNameCharacters = nameCharacters.union(["/"])

    /// A tag's name, then its closing "}}".
    static func parseName(
        _ reader: inout TemplateReader, tagStart: Int, allowed: Set<Character> = nameCharacters
    ) throws(TemplateSyntaxError) -> String {
        reader.read(while: \.isWhitespace)
        let name = reader.read(while: { allowed.contains($0) })
        reader.read(while: \.isWhitespace)
        guard reader.read("}}") else {
            if reader.atEnd || reader.current.isNewline || reader.current == "{" {
                throw reader.error(at: tagStart, "this tag is not closed with }}", suggestion: "End the tag with }} on the same line.")
            }
            throw reader.error(
                at: reader.position, "'\(reader.current)' cannot be part of a name in a tag",
                suggestion: "Names are letters, digits and . - _ ? only, as in {{page.title}}.")
        }
        return name
    }

    /// A tag alone on its line: the rest of the line (spaces, tabs and the line break) is read.
    static func isStandalone(_ reader: inout TemplateReader, newLine: Bool) -> Bool {
        guard newLine else { return false }
        if reader.atEnd { return true }
        var position = reader.position
        while position < reader.characters.count, reader.characters[position] == " " || reader.characters[position] == "\t" { position += 1 }
        if position < reader.characters.count, reader.characters[position].isNewline {
            reader.position = position + 1
            return true
        }
        return false
    }
}
