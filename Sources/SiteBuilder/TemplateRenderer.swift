import Markdown

/// A compiled renderer for the part of Mustache the themes use, with swift-mustache's output
/// byte for byte. Each template is parsed once into a tree with its names already split; a page
/// is rendered by looking names up straight in the `[String: Any]` contexts and appending UTF-8
/// bytes to one buffer, with HTML escaping done on bytes.
///
/// The parser is a port of swift-mustache's (`Template+Parser.swift`, 2.x) for the tags it knows:
/// variables (`{{name}}`, `{{a.b}}`, `{{.}}`, `{{{name}}}`, `{{&name}}`), sections and inverted
/// sections, partials (`{{> name}}`) and comments, with the same handling of standalone lines and
/// of partial indentation. A template with anything else (set delimiters, inheritance, blocks,
/// transforms, dynamic partials, `{{% }}`) is not compiled, and `Theme` renders the whole library
/// with swift-mustache instead. Rendering gives up (and swift-mustache renders the page) on any
/// value that is not a String, Bool, Int, Double, `[String: Any]`, `[String: String]`, `[Any]`,
/// `[[String: Any]]` or `[String]`, so an unusual value never renders differently.
struct CompiledTemplates: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(TemplateName, escaped: Bool)
        case section(TemplateName, [Node])
        case invertedSection(TemplateName, [Node])
        case partial(String, indentation: [UInt8]?)
    }

    /// A variable or section name, split at its dots once.
    struct TemplateName: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// `{{.}}` or `{{}}` (or a leading-dot name with no parts): the current object.
            case current
            /// A name starting with a dot: looked up in the current object only.
            case anchored
            /// Looked up through the context stack by its first part.
            case stack
        }
        let kind: Kind
        let parts: [String]

        init(_ text: String) {
            if text == "." {
                kind = .current
                parts = []
            } else if text.first == "." {
                let split = text.split(separator: ".").map(String.init)
                kind = split.isEmpty ? .current : .anchored
                parts = split
            } else {
                let split = text.split(separator: ".").map(String.init)
                kind = split.isEmpty ? .current : .stack
                parts = split
            }
        }
    }

    /// Why a template or a page is left to swift-mustache.
    struct Unsupported: Error {}

    let templates: [String: [Node]]

    /// Compiles every template (name → text, as registered with swift-mustache); nil when any one
    /// uses something this renderer does not handle.
    init?(_ texts: [String: String]) {
        var templates: [String: [Node]] = [:]
        for (name, text) in texts {
            guard let nodes = try? TemplateParser.parse(text) else { return nil }
            templates[name] = nodes
        }
        self.templates = templates
    }

    /// The template rendered with a context; "" for a template that does not exist (as
    /// swift-mustache's library), nil when a value in the context is not one this renderer knows.
    func render(_ name: String, _ context: [String: Any]) -> String? {
        renderBytes(name, context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `render`, as the UTF-8 bytes of its output (which are always valid UTF-8: they are
    /// the bytes of Strings and of the templates' own text).
    func renderBytes(_ name: String, _ context: [String: Any]) -> [UInt8]? {
        guard let nodes = templates[name] else { return [] }
        var renderer = Renderer(templates: templates)
        renderer.output.reserveCapacity(16_384)
        var stack: [Frame] = [.map(context)]
        do {
            try renderer.render(nodes, stack: &stack, indentation: nil)
        } catch {
            return nil
        }
        return renderer.output
    }

    // MARK: - Values

    /// A value of the context, by its exact type.
    enum Value {
        case string(String)
        case bool(Bool)
        case int(Int)
        case double(Double)
        case map([String: Any])
        case stringMap([String: String])
        case list([Any])
        case mapList([[String: Any]])
        case stringList([String])

        init(_ value: Any) throws {
            let type = ObjectIdentifier(Swift.type(of: value))
            if type == Value.stringType {
                self = .string(value as! String)
            } else if type == Value.mapType {
                self = .map(value as! [String: Any])
            } else if type == Value.boolType {
                self = .bool(value as! Bool)
            } else if type == Value.intType {
                self = .int(value as! Int)
            } else if type == Value.doubleType {
                self = .double(value as! Double)
            } else if type == Value.listType {
                self = .list(value as! [Any])
            } else if type == Value.mapListType {
                self = .mapList(value as! [[String: Any]])
            } else if type == Value.stringMapType {
                self = .stringMap(value as! [String: String])
            } else if type == Value.stringListType {
                self = .stringList(value as! [String])
            } else {
                throw Unsupported()
            }
        }

        static let stringType = ObjectIdentifier(String.self)
        static let mapType = ObjectIdentifier([String: Any].self)
        static let boolType = ObjectIdentifier(Bool.self)
        static let intType = ObjectIdentifier(Int.self)
        static let doubleType = ObjectIdentifier(Double.self)
        static let listType = ObjectIdentifier([Any].self)
        static let mapListType = ObjectIdentifier([[String: Any]].self)
        static let stringMapType = ObjectIdentifier([String: String].self)
        static let stringListType = ObjectIdentifier([String].self)
    }

    /// An object on the context stack. Maps are looked into by key; every other known value has
    /// no named children (swift-mustache asks `Mirror`, which finds none for these types).
    enum Frame {
        case map([String: Any])
        case stringMap([String: String])
        case other(Value)

        init(_ value: Value) {
            switch value {
            case .map(let map): self = .map(map)
            case .stringMap(let map): self = .stringMap(map)
            default: self = .other(value)
            }
        }

        var value: Value {
            switch self {
            case .map(let map): return .map(map)
            case .stringMap(let map): return .stringMap(map)
            case .other(let value): return value
            }
        }

        func child(_ name: String) -> Any? {
            switch self {
            case .map(let map): return map[name]
            case .stringMap(let map): return map[name]
            case .other: return nil
            }
        }
    }

    struct Renderer {
        let templates: [String: [Node]]
        var output: [UInt8] = []

        /// swift-mustache's `getChild` for the names this renderer compiles.
        func lookup(_ name: TemplateName, _ stack: [Frame]) throws -> Value? {
            switch name.kind {
            case .current:
                return stack[stack.count - 1].value
            case .anchored:
                return try descend(stack[stack.count - 1], name.parts, from: 0)
            case .stack:
                let first = name.parts[0]
                var index = stack.count - 1
                while index >= 0 {
                    if let found = stack[index].child(first) {
                        let value = try Value(found)
                        if name.parts.count == 1 { return value }
                        return try descend(Frame(value), name.parts, from: 1)
                    }
                    index -= 1
                }
                return nil
            }
        }

        private func descend(_ frame: Frame, _ parts: [String], from start: Int) throws -> Value? {
            var frame = frame
            var index = start
            while index < parts.count {
                guard let found = frame.child(parts[index]) else { return nil }
                let value = try Value(found)
                if index == parts.count - 1 { return value }
                frame = Frame(value)
                index += 1
            }
            return frame.value
        }

        /// `MustacheTemplate.render(context:)`: with an indentation, every token's non-empty output
        /// that follows a "\n" of this same render is indented.
        mutating func render(_ nodes: [Node], stack: inout [Frame], indentation: [UInt8]?) throws {
            guard let indentation, !indentation.isEmpty else {
                for node in nodes { try render(node, stack: &stack, indentation: indentation) }
                return
            }
            let start = output.count
            for node in nodes {
                let count = output.count
                // String.last == "\n": a "\r\n" before it would be one Character.
                let afterNewline = count > start && output[count - 1] == 0x0A && !(count - 1 > start && output[count - 2] == 0x0D)
                try render(node, stack: &stack, indentation: indentation)
                if afterNewline, output.count > count {
                    output.insert(contentsOf: indentation, at: count)
                }
            }
        }

        mutating func render(_ node: Node, stack: inout [Frame], indentation: [UInt8]?) throws {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let value = try lookup(name, stack) else { return }
                switch value {
                case .string(let text): escaped ? appendEscaped(text) : append(text)
                case .bool(let flag): append(flag ? "true" : "false")
                case .int(let number):
                    escaped ? appendEscaped(String(describing: number)) : append(String(describing: number))
                case .double(let number):
                    escaped ? appendEscaped(String(describing: number)) : append(String(describing: number))
                default:
                    throw Unsupported()
                }
            case .section(let name, let nodes):
                guard let value = try lookup(name, stack) else { return }
                switch value {
                case .bool(let flag):
                    if flag { try render(nodes, stack: &stack, indentation: indentation) }
                case .list(let items):
                    for item in items { try renderItem(nodes, Frame(Value(item)), stack: &stack, indentation: indentation) }
                case .mapList(let items):
                    for item in items { try renderItem(nodes, .map(item), stack: &stack, indentation: indentation) }
                case .stringList(let items):
                    for item in items { try renderItem(nodes, .other(.string(item)), stack: &stack, indentation: indentation) }
                default:
                    try renderItem(nodes, Frame(value), stack: &stack, indentation: indentation)
                }
            case .invertedSection(let name, let nodes):
                guard let value = try lookup(name, stack) else {
                    try render(nodes, stack: &stack, indentation: indentation)
                    return
                }
                switch value {
                case .bool(let flag):
                    if !flag { try render(nodes, stack: &stack, indentation: indentation) }
                // An empty list renders with the list itself as the current object.
                case .list(let items):
                    if items.isEmpty { try renderItem(nodes, .other(value), stack: &stack, indentation: indentation) }
                case .mapList(let items):
                    if items.isEmpty { try renderItem(nodes, .other(value), stack: &stack, indentation: indentation) }
                case .stringList(let items):
                    if items.isEmpty { try renderItem(nodes, .other(value), stack: &stack, indentation: indentation) }
                default:
                    break
                }
            case .partial(let name, let indented):
                guard let nodes = templates[name] else { return }
                var combined = indentation
                if let indented { combined = (indentation ?? []) + indented }
                try render(nodes, stack: &stack, indentation: combined)
            }
        }

        private mutating func renderItem(_ nodes: [Node], _ frame: Frame, stack: inout [Frame], indentation: [UInt8]?) throws {
            stack.append(frame)
            defer { stack.removeLast() }
            try render(nodes, stack: &stack, indentation: indentation)
        }

        mutating func append(_ text: String) {
            output.append(contentsOf: text.utf8)
        }

        /// swift-mustache's `htmlEscape`, which replaces the Characters < > & " ' : on bytes, unless
        /// one of them touches a non-ASCII byte and so may be part of a larger Character, which
        /// swift-mustache leaves alone; such a string is escaped by Characters as it does.
        mutating func appendEscaped(_ text: String) {
            let start = output.count
            var text = text
            let plain: Bool = text.withUTF8 { bytes in
                let count = bytes.count
                var kept = 0
                var index = 0
                while index < count {
                    let byte = bytes[index]
                    let replacement: StaticString
                    switch byte {
                    case 0x3C: replacement = "&lt;"
                    case 0x3E: replacement = "&gt;"
                    case 0x26: replacement = "&amp;"
                    case 0x22: replacement = "&quot;"
                    case 0x27: replacement = "&#39;"
                    default:
                        index += 1
                        continue
                    }
                    if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < count && bytes[index + 1] >= 0x80) { return false }
                    if kept < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<index])) }
                    replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                    index += 1
                    kept = index
                }
                if kept < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<count])) }
                return true
            }
            guard !plain else { return }
            output.removeSubrange(start...)
            // By code point (escapeMarkup), not by character: a quote followed by a combining
            // accent is one character to Swift but still a quote to a browser.
            output.append(contentsOf: escapeMarkup(text).utf8)
        }
    }
}

/// A port of swift-mustache's parser for the tags `CompiledTemplates` renders; throws
/// `Unsupported` for any other tag. Run only on text swift-mustache has parsed.
enum TemplateParser {
    typealias Node = CompiledTemplates.Node

    static func parse(_ text: String) throws -> [Node] {
        var reader = Reader(text)
        let nodes = try parse(&reader, section: nil, newLine: true)
        guard reader.atEnd else { throw CompiledTemplates.Unsupported() }
        return nodes
    }

    struct Reader {
        let characters: [Character]
        /// The text's UTF-8, and where each character starts in it (and where the text ends), so
        /// a run of characters is read back as a String by copying its bytes.
        private let utf8: [UInt8]
        private let offsets: [Int]
        var position = 0

        init(_ text: String) {
            var characters: [Character] = [], offsets: [Int] = [0]
            var offset = 0
            for character in text {
                characters.append(character)
                offset += character.utf8.count
                offsets.append(offset)
            }
            self.characters = characters
            self.offsets = offsets
            utf8 = Array(text.utf8)
        }

        var atEnd: Bool { position == characters.count }
        /// The current character, "\0" at the end (as swift-mustache's `current()`).
        var current: Character { atEnd ? "\0" : characters[position] }

        @discardableResult
        mutating func read(while test: (Character) -> Bool) -> String {
            let start = position
            while !atEnd, test(characters[position]) { position += 1 }
            return String(decoding: utf8[offsets[start]..<offsets[position]], as: UTF8.self)
        }

        /// swift-mustache's `read(string:)`, which throws when too few characters are left.
        mutating func read(_ string: String) throws -> Bool {
            // Compared in place (the strings are tags such as "{{": no arrays made for them).
            var count = 0
            for _ in string { count += 1 }
            guard characters.count - position >= count else { throw CompiledTemplates.Unsupported() }
            var at = position
            for wanted in string {
                guard characters[at] == wanted else { return false }
                at += 1
            }
            position = at
            return true
        }
    }

    private static func append(_ text: String, to nodes: inout [Node]) {
        nodes.append(.text(Array(text.utf8)))
    }

    static func parse(_ reader: inout Reader, section: String?, newLine startNewLine: Bool) throws -> [Node] {
        var nodes: [Node] = []
        var newLine = startNewLine
        var whiteSpaceBefore = ""
        while !reader.atEnd {
            if newLine {
                whiteSpaceBefore = reader.read(while: { $0 == " " || $0 == "\t" })
            }
            let text = try readUntilDelimiterOrNewline(&reader)
            if reader.current.isNewline {
                append(whiteSpaceBefore + text + String(reader.current), to: &nodes)
                newLine = true
                reader.position += 1
                continue
            }
            if !text.isEmpty {
                append(whiteSpaceBefore + text, to: &nodes)
                whiteSpaceBefore = ""
                newLine = false
            }
            if reader.atEnd { break }
            var setNewLine = false
            switch reader.current {
            case "#", "^":
                let inverted = reader.current == "^"
                reader.position += 1
                let name = try parseName(&reader)
                if isStandalone(&reader, newLine: newLine) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    append(whiteSpaceBefore, to: &nodes)
                    whiteSpaceBefore = ""
                }
                let inner = try parse(&reader, section: name, newLine: setNewLine)
                let compiledName = CompiledTemplates.TemplateName(name)
                nodes.append(inverted ? .invertedSection(compiledName, inner) : .section(compiledName, inner))
            case "/":
                reader.position += 1
                let name = try parseName(&reader)
                guard let section, name == section else { throw CompiledTemplates.Unsupported() }
                if isStandalone(&reader, newLine: newLine) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    append(whiteSpaceBefore, to: &nodes)
                    whiteSpaceBefore = ""
                }
                return nodes
            case "!":
                reader.position += 1
                try skipComment(&reader)
                setNewLine = isStandalone(&reader, newLine: newLine)
            case "{", "&":
                let triple = reader.current == "{"
                if !whiteSpaceBefore.isEmpty {
                    append(whiteSpaceBefore, to: &nodes)
                    whiteSpaceBefore = ""
                }
                reader.position += 1
                let name = try parseName(&reader)
                if triple {
                    guard reader.current == "}" else { throw CompiledTemplates.Unsupported() }
                    reader.position += 1
                }
                nodes.append(.variable(CompiledTemplates.TemplateName(name), escaped: false))
            case ">":
                reader.position += 1
                reader.read(while: \.isWhitespace)
                // Dynamic partials ({{>*name}}) are left to swift-mustache.
                guard reader.current != "*" else { throw CompiledTemplates.Unsupported() }
                let name = try parsePartialName(&reader)
                if !whiteSpaceBefore.isEmpty { append(whiteSpaceBefore, to: &nodes) }
                if isStandalone(&reader, newLine: newLine) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: Array(whiteSpaceBefore.utf8)))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "<", "$", "=", "%":
                // Inheritance, blocks, set delimiters and configuration.
                throw CompiledTemplates.Unsupported()
            default:
                if !whiteSpaceBefore.isEmpty {
                    append(whiteSpaceBefore, to: &nodes)
                    whiteSpaceBefore = ""
                }
                let name = try parseName(&reader)
                nodes.append(.variable(CompiledTemplates.TemplateName(name), escaped: true))
            }
            newLine = setNewLine
        }
        guard section == nil else { throw CompiledTemplates.Unsupported() }
        return nodes
    }

    /// Text up to a "{{" (which is read) or a new line (which is not).
    static func readUntilDelimiterOrNewline(_ reader: inout Reader) throws -> String {
        var total = ""
        while !reader.atEnd {
            total += reader.read(while: { $0 != "\n" && $0 != "\r\n" && $0 != "{" })
            if reader.current.isNewline {
                break
            } else if reader.current == "{" {
                if try reader.read("{{") { break }
                total += "{"
                reader.position += 1
            }
        }
        return total
    }

    static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    static func parseName(_ reader: inout Reader) throws -> String {
        reader.read(while: \.isWhitespace)
        let name = reader.read(while: { nameCharacters.contains($0) })
        reader.read(while: \.isWhitespace)
        guard try reader.read("}}") else { throw CompiledTemplates.Unsupported() }
        // Brackets are transforms: {{uppercased(name)}}.
        guard !name.contains("("), !name.contains(")") else { throw CompiledTemplates.Unsupported() }
        return name
    }

    static func parsePartialName(_ reader: inout Reader) throws -> String {
        reader.read(while: \.isWhitespace)
        let name = reader.read(while: { partialNameCharacters.contains($0) })
        reader.read(while: \.isWhitespace)
        guard try reader.read("}}") else { throw CompiledTemplates.Unsupported() }
        return name
    }

    /// A comment runs to the first "}}".
    static func skipComment(_ reader: inout Reader) throws {
        while !reader.atEnd {
            if reader.characters[reader.position] == "}", reader.position + 1 < reader.characters.count,
                reader.characters[reader.position + 1] == "}"
            {
                reader.position += 2
                return
            }
            reader.position += 1
        }
        throw CompiledTemplates.Unsupported()
    }

    /// A tag alone on its line: the rest of the line (spaces, tabs and the line break) is read.
    static func isStandalone(_ reader: inout Reader, newLine: Bool) -> Bool {
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
