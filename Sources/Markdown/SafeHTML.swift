import CCmarkGFM
import Diagnostics
import Foundation

/// Which raw HTML a site lets editors write in Markdown. Off by default: raw HTML is left out
/// of the page with a warning. `raw_html: [kbd, sup, abbr title]` in plainsite.yml allows a few
/// harmless elements, each with the attributes written after its name.
public struct RawHTMLPolicy: Sendable, Equatable {
    /// Element → the attributes it may carry.
    public var elements: [String: Set<String>]

    /// Elements that only change how text looks or what it means, and never load, run or submit anything.
    public static let harmlessElements: Set<String> = [
        "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
        "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ]
    /// Attributes that hold words, never an address, a script or a style.
    public static let harmlessAttributes: Set<String> = ["title", "lang", "dir", "datetime", "value", "translate"]

    public init(elements: [String: Set<String>]) {
        self.elements = elements
    }

    /// Reads entries such as "kbd" or "abbr title". Returns the policy, or the first entry that
    /// is not harmless with the reason.
    public static func parse(_ entries: [String]) -> (policy: RawHTMLPolicy, problems: [(entry: String, problem: String)]) {
        var elements: [String: Set<String>] = [:]
        var problems: [(String, String)] = []
        for entry in entries {
            let words = entry.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard let element = words.first else { continue }
            guard harmlessElements.contains(element) else {
                problems.append((entry, "'\(element)' is not one of the harmless elements Plainsite can allow"))
                continue
            }
            var attributes = elements[element] ?? []
            for attribute in words.dropFirst() {
                if harmlessAttributes.contains(attribute) {
                    attributes.insert(attribute)
                } else {
                    problems.append((entry, "the attribute '\(attribute)' is not one Plainsite can allow"))
                }
            }
            elements[element] = attributes
        }
        return (RawHTMLPolicy(elements: elements), problems)
    }

    /// "kbd, abbr (title)" for messages.
    public var summary: String {
        elements.keys.sorted().map { name in
            let attributes = elements[name]!.sorted()
            return attributes.isEmpty ? name : "\(name) (\(attributes.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }
}

/// A piece of raw HTML as an editor wrote it: tags, comments and the text between them.
struct RawHTML {
    enum Token: Equatable {
        case text(String)
        case comment
        /// A tag, with its offset in characters from the start of the HTML.
        case tag(name: String, closing: Bool, attributes: [(name: String, value: String?)], source: String, offset: Int)

        static func == (lhs: Token, rhs: Token) -> Bool {
            switch (lhs, rhs) {
            case let (.text(a), .text(b)): a == b
            case (.comment, .comment): true
            case let (.tag(_, _, _, a, x), .tag(_, _, _, b, y)): a == b && x == y
            default: false
            }
        }
    }

    let tokens: [Token]

    /// Splits HTML into tokens without recursion. Anything that is not a well-formed tag is text.
    init(_ html: String) {
        let characters = Array(html)
        var tokens: [Token] = []
        var text = ""
        var index = 0
        func flush() {
            if !text.isEmpty { tokens.append(.text(text)); text = "" }
        }
        while index < characters.count {
            let character = characters[index]
            guard character == "<" else { text.append(character); index += 1; continue }
            // Comments, and declarations or processing instructions, which are left out like comments.
            if index + 1 < characters.count, characters[index + 1] == "!" || characters[index + 1] == "?" {
                let isComment = index + 3 < characters.count && characters[index + 2] == "-" && characters[index + 3] == "-"
                var end = index + 2
                if isComment {
                    end = index + 4
                    while end + 2 < characters.count && !(characters[end] == "-" && characters[end + 1] == "-" && characters[end + 2] == ">") { end += 1 }
                    end = min(end + 3, characters.count)
                } else {
                    while end < characters.count && characters[end] != ">" { end += 1 }
                    end = min(end + 1, characters.count)
                }
                flush()
                tokens.append(.comment)
                index = end
                continue
            }
            if let (token, next) = RawHTML.tag(characters, at: index) {
                flush()
                tokens.append(token)
                index = next
            } else {
                text.append(character)
                index += 1
            }
        }
        flush()
        self.tokens = tokens
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_" || character == ":")
    }

    /// Reads a tag starting at `start` ("<"): its name, whether it closes, and its attributes.
    static func tag(_ characters: [Character], at start: Int) -> (Token, Int)? {
        var index = start + 1
        var closing = false
        if index < characters.count, characters[index] == "/" { closing = true; index += 1 }
        guard index < characters.count, characters[index].isASCII, characters[index].isLetter else { return nil }
        var name = ""
        while index < characters.count, isNameCharacter(characters[index]) { name.append(characters[index]); index += 1 }
        var attributes: [(String, String?)] = []
        while index < characters.count {
            let character = characters[index]
            if character == ">" {
                let source = String(characters[start...index])
                return (.tag(name: name.lowercased(), closing: closing, attributes: attributes, source: source, offset: start), index + 1)
            }
            if character.isWhitespace || character == "/" { index += 1; continue }
            guard !character.isNewline, character != "<", character != "\"", character != "'", character != "=" else { return nil }
            var attribute = ""
            while index < characters.count, !characters[index].isWhitespace, !"/>=\"'<".contains(characters[index]) {
                attribute.append(characters[index]); index += 1
            }
            var value: String?
            var look = index
            while look < characters.count, characters[look].isWhitespace { look += 1 }
            if look < characters.count, characters[look] == "=" {
                look += 1
                while look < characters.count, characters[look].isWhitespace { look += 1 }
                guard look < characters.count else { return nil }
                var found = ""
                if characters[look] == "\"" || characters[look] == "'" {
                    let quote = characters[look]
                    look += 1
                    while look < characters.count, characters[look] != quote { found.append(characters[look]); look += 1 }
                    guard look < characters.count else { return nil }
                    look += 1
                } else {
                    while look < characters.count, !characters[look].isWhitespace, characters[look] != ">" { found.append(characters[look]); look += 1 }
                }
                value = found
                index = look
            }
            attributes.append((attribute.lowercased(), value))
        }
        return nil
    }
}

/// Checks link and image addresses for schemes that run code or hide content.
public enum URLSafety {
    /// The scheme of an address as a browser reads it: leading spaces and control characters,
    /// and tabs and newlines anywhere, are ignored, and case does not matter.
    public static func scheme(of url: String) -> String? {
        var cleaned = ""
        for scalar in url.unicodeScalars {
            if cleaned.isEmpty && scalar.value <= 0x20 { continue }
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scalar == ":" { return cleaned.isEmpty ? nil : cleaned.lowercased() }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar) else {
                return nil
            }
            cleaned.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// Why an address may not be published, and what to write instead; nil when it is safe.
    public static func problem(_ url: String, isImage: Bool) -> (message: String, suggestion: String)? {
        guard let scheme = scheme(of: url) else { return nil }
        let what = isImage ? "This image's address" : "This link's address"
        switch scheme {
        case "javascript", "vbscript":
            return (
                "\(what) starts with '\(scheme):', which runs a script instead of opening a page, so Plainsite will not publish it.",
                isImage
                    ? "Save the image beside the page and write ![what it shows](picture.png)."
                    : "Link to a page instead, for example [Pay a bill](/pay/) or [Pay online](https://www.example.gov.uk/pay)."
            )
        case "data":
            // The picture types cmark's safe mode keeps (it empties any other data: address).
            let cleaned = url.unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
            if isImage && ["png", "gif", "jpeg", "webp"].contains(where: { cleaned.hasPrefix("data:image/\($0)") }) { return nil }
            return (
                isImage
                    ? "This image's address starts with 'data:' but is not a PNG, GIF, JPEG or WebP picture, so Plainsite will not publish it."
                    : "This link's address starts with 'data:', which hides a file inside the address, so Plainsite will not publish it.",
                isImage
                    ? "Save the image as a .png, .jpg or .webp file beside the page and write ![what it shows](picture.png)."
                    : "Put the file beside the page in the content folder and link to it by name, for example [Leaflet (PDF)](leaflet.pdf)."
            )
        case "file":
            return (
                "\(what) starts with 'file:', which points at a file on one computer and will not work on the website.",
                "Copy the file beside the page in the content folder and \(isImage ? "write ![what it shows](picture.png)" : "link to it by name, for example [Leaflet (PDF)](leaflet.pdf)")."
            )
        default:
            return nil
        }
    }
}

extension Transformer {
    /// Raw HTML: left out with a warning when the site allows none; otherwise every tag must be
    /// on the site's allow-list and is written again from its parts, so nothing else gets through.
    mutating func checkRawHTML(_ node: OpaquePointer, isBlock: Bool) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let html = String(cString: literal)
        let parsed = RawHTML(html)
        let hasContent = parsed.tokens.contains {
            switch $0 {
            case .comment: false
            case let .text(text): !text.allSatisfy(\.isWhitespace)
            case .tag: true
            }
        }
        guard hasContent else { return }
        let (line, column) = position(node)
        func location(of offset: Int) -> (line: Int, column: Int) {
            let before = html.prefix(offset)
            let newlines = before.filter { $0 == "\n" }.count
            guard newlines > 0 else { return (line, column + offset) }
            let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
            return (line + newlines, lastLine.count + 1)
        }
        guard let policy = context.rawHTML else {
            let firstTag = parsed.tokens.lazy.compactMap { token -> (String, Int)? in
                if case let .tag(_, _, _, source, offset) = token { return (source, offset) } else { return nil }
            }.first
            let shown = firstTag?.0 ?? String(html.prefix(40))
            let at: (line: Int, column: Int) = firstTag.map { location(of: $0.1) } ?? (line, column)
            diagnostics.append(
                Diagnostic(
                    rule: "markdown/raw-html", severity: .warning, file: file, line: at.line, column: at.column,
                    endColumn: at.column + shown.count,
                    message: "Raw HTML is not published: '\(Self.shorten(shown))' is left out of the page.",
                    suggestion:
                        "Write it in Markdown instead. To allow a few harmless elements such as <kbd> or <abbr>, list them under 'raw_html:' in plainsite.yml.")
            )
            return
        }
        var output = ""
        for token in parsed.tokens {
            switch token {
            case .comment:
                continue
            case let .text(text):
                output += escapeMarkup(text)
            case let .tag(name, closing, attributes, source, offset):
                let at = location(of: offset)
                guard let allowed = policy.elements[name] else {
                    diagnostics.append(
                        Diagnostic(
                            rule: "markdown/raw-html", severity: .error, file: file, line: at.line, column: at.column,
                            endColumn: at.column + source.count,
                            message: "'\(Self.shorten(source))' is raw HTML this site does not allow.",
                            suggestion: policy.elements.isEmpty
                                ? "Write it in Markdown instead."
                                : "Write it in Markdown instead. This site allows only: \(policy.summary)."))
                    continue
                }
                if let bad = attributes.first(where: { !allowed.contains($0.name) }) {
                    diagnostics.append(
                        Diagnostic(
                            rule: "markdown/raw-html", severity: .error, file: file, line: at.line, column: at.column,
                            endColumn: at.column + source.count,
                            message: "The attribute '\(bad.name)' in '\(Self.shorten(source))' is not allowed in raw HTML on this site.",
                            suggestion: allowed.isEmpty
                                ? "Write <\(name)> without attributes."
                                : "Use only \(allowed.sorted().joined(separator: ", ")) on <\(name)>."))
                    continue
                }
                if closing {
                    output += "</\(name)>"
                } else {
                    output += "<" + name + attributes.map { " \($0.name)=\"\(escapeMarkup(RawHTML.decodeQuotes($0.value ?? "")))\"" }.joined() + ">"
                }
            }
        }
        guard let replacement = cmark_node_new(isBlock ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(replacement, output)
        cmark_node_set_on_exit(replacement, "")
        replacedRawHTML.append((node, replacement))
    }

    static func shorten(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 60 ? flat.prefix(57) + "..." : flat
    }

    /// Refuses `javascript:`, `vbscript:`, `file:` and (other than pictures) `data:` addresses.
    /// Returns false when the address was refused and removed.
    mutating func checkURL(_ node: OpaquePointer, url: String, isImage: Bool) -> Bool {
        guard let problem = URLSafety.problem(url, isImage: isImage) else { return true }
        let (line, column) = position(node)
        diagnostics.append(
            Diagnostic(
                rule: "markdown/unsafe-url", severity: .error, file: file, line: line, column: column,
                message: problem.message, suggestion: problem.suggestion))
        cmark_node_set_url(node, "")
        return false
    }
}

extension RawHTML {
    /// Attribute values are escaped again when written, so the common entities are read first.
    static func decodeQuotes(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
