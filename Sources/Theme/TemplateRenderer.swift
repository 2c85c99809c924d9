/// The theme's Mustache templates, each parsed once into a tree with its names already split,
/// rendered by looking names up in a typed context and appending UTF-8 bytes to one buffer.
///
/// Supported: variables (`{{name}}`, `{{a.b}}`, `{{.}}`, `{{{name}}}`, `{{& name}}`), sections
/// over lists, flags and objects, inverted sections, partials (`{{> name}}`, indented when
/// standalone) and comments, with Mustache's rules for standalone lines. `TemplateParser`
/// reports anything else as an error naming its line and column.
struct CompiledTemplates: Sendable {
    indirect enum Node: Sendable, Equatable {
        case text([UInt8])
        case variable(TemplateName, escaped: Bool)
        case section(TemplateName, [Node])
        case invertedSection(TemplateName, [Node])
        case partial(String, indentation: [UInt8]?)
    }

    /// A variable or section name, split at its dots once.
    struct TemplateName: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// `{{.}}` (or a leading-dot name with no parts): the current object.
            case current
            /// A name starting with a dot: looked up in the current object only.
            case anchored
            /// Looked up through the context stack by its first part.
            case stack
        }
        let kind: Kind
        let parts: [String]

        init(_ text: String) {
            let split = text.split(separator: ".").map(String.init)
            parts = split
            if split.isEmpty {
                kind = .current
            } else {
                kind = text.first == "." ? .anchored : .stack
            }
        }
    }

    let templates: [String: [Node]]

    /// Templates already parsed, by name.
    init(parsed templates: [String: [Node]]) {
        self.templates = templates
    }

    /// Parses every template (name → text); throws the first template's error, by name order.
    init(_ texts: [String: String]) throws {
        var templates: [String: [Node]] = [:]
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) { templates[name] = try TemplateParser.parse(text) }
        self.templates = templates
    }

    /// The template rendered with a context; "" for a template that does not exist.
    func render(_ name: String, _ context: TemplateContext) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// `render`, as the UTF-8 bytes of its output (always valid UTF-8: they are the bytes of
    /// Strings and of the templates' own text).
    func renderBytes(_ name: String, _ context: TemplateContext) -> [UInt8] {
        guard let nodes = templates[name] else { return [] }
        var renderer = Renderer(templates: templates)
        renderer.output.reserveCapacity(16_384)
        var stack: [TemplateValue] = [.object(context)]
        renderer.render(nodes, stack: &stack, indentation: nil)
        return renderer.output
    }

    struct Renderer {
        let templates: [String: [Node]]
        var output: [UInt8] = []

        /// A name's value: the current object, a name in it, or the first object up the stack
        /// that has the name's first part, then down through the other parts.
        func lookup(_ name: TemplateName, _ stack: [TemplateValue]) -> TemplateValue? {
            switch name.kind {
            case .current:
                return stack[stack.count - 1]
            case .anchored:
                return descend(stack[stack.count - 1], name.parts, from: 0)
            case .stack:
                let first = name.parts[0]
                var index = stack.count - 1
                while index >= 0 {
                    if let found = stack[index][first] {
                        return name.parts.count == 1 ? found : descend(found, name.parts, from: 1)
                    }
                    index -= 1
                }
                return nil
            }
        }

        private func descend(_ value: TemplateValue, _ parts: [String], from start: Int) -> TemplateValue? {
            var value = value
            for index in start..<parts.count {
                guard let found = value[parts[index]] else { return nil }
                value = found
            }
            return value
        }

        /// Nodes in order; with an indentation (a standalone partial's), every node's non-empty
        /// output that follows a line break of this same render is indented.
        mutating func render(_ nodes: [Node], stack: inout [TemplateValue], indentation: [UInt8]?) {
            guard let indentation, !indentation.isEmpty else {
                for node in nodes { render(node, stack: &stack, indentation: indentation) }
                return
            }
            let start = output.count
            for node in nodes {
                let count = output.count
                // After "\n" but not "\r\n", which the parser keeps as one line break.
                let afterNewline = count > start && output[count - 1] == 0x0A && !(count - 1 > start && output[count - 2] == 0x0D)
                render(node, stack: &stack, indentation: indentation)
                if afterNewline, output.count > count {
                    output.insert(contentsOf: indentation, at: count)
                }
            }
        }

        mutating func render(_ node: Node, stack: inout [TemplateValue], indentation: [UInt8]?) {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                switch lookup(name, stack) {
                case .text(let text)?: escaped ? appendEscaped(text) : output.append(contentsOf: text.utf8)
                case .bool(let flag)?: output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .int(let number)?: output.append(contentsOf: String(number).utf8)
                // A list, an object or nothing writes nothing.
                default: break
                }
            case .section(let name, let nodes):
                guard let value = lookup(name, stack) else { return }
                switch value {
                case .bool(let flag):
                    if flag { render(nodes, stack: &stack, indentation: indentation) }
                case .list(let items):
                    for item in items { renderItem(nodes, item, stack: &stack, indentation: indentation) }
                // Text, numbers and objects (even empty text) render once, as the current object.
                default:
                    renderItem(nodes, value, stack: &stack, indentation: indentation)
                }
            case .invertedSection(let name, let nodes):
                switch lookup(name, stack) {
                case nil, .bool(false)?:
                    render(nodes, stack: &stack, indentation: indentation)
                // An empty list renders with the list itself as the current object.
                case .list(let items)? where items.isEmpty:
                    renderItem(nodes, .list(items), stack: &stack, indentation: indentation)
                default:
                    break
                }
            case .partial(let name, let indented):
                guard let nodes = templates[name] else { return }
                var combined = indentation
                if let indented { combined = (indentation ?? []) + indented }
                render(nodes, stack: &stack, indentation: combined)
            }
        }

        private mutating func renderItem(_ nodes: [Node], _ item: TemplateValue, stack: inout [TemplateValue], indentation: [UInt8]?) {
            stack.append(item)
            defer { stack.removeLast() }
            render(nodes, stack: &stack, indentation: indentation)
        }

        /// HTML escaping of < > & " ' on bytes: each is one byte in UTF-8 and never part of
        /// another character's bytes, so this escapes by code point (a quote followed by a
        /// combining accent is still a quote to a browser).
        mutating func appendEscaped(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var kept = 0
                for index in 0..<bytes.count {
                    let replacement: StaticString
                    switch bytes[index] {
                    case 0x3C: replacement = "&lt;"
                    case 0x3E: replacement = "&gt;"
                    case 0x26: replacement = "&amp;"
                    case 0x22: replacement = "&quot;"
                    case 0x27: replacement = "&#39;"
                    default: continue
                    }
                    if kept < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<index])) }
                    replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                    kept = index + 1
                }
                if kept < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<bytes.count])) }
            }
        }
    }
}
