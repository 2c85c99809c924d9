import CCmarkGFM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prose as a reader meets it: one block of text (a paragraph, heading, list item,
/// table cell, link text, image alt text, or the page title and description), with a
/// map from every byte of `text` back to the Markdown source.
///
/// Code spans, inline HTML, shared-data placeholders and images inside a paragraph are
/// replaced by U+FFFC (one "object" character) so that rules never read them but
/// sentences keep their shape.
public struct TextBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case paragraph
        case heading(level: Int)
        case listItem
        case tableCell
        case altText
        case title
        case description
    }

    /// Where a run of `text` came from. `exact` runs copy the source byte for byte;
    /// others (an entity such as `&amp;`, an escaped character) map to their first byte.
    public struct Run: Sendable, Equatable {
        public var offset: Int
        public var line: Int
        public var byteColumn: Int
        public var exact: Bool
    }

    /// A link inside the block: its text's byte range in `text`, and its address.
    public struct Link: Sendable, Equatable {
        public var range: Range<Int>
        public var url: String
    }

    public static let objectReplacement = "\u{FFFC}"

    public var kind: Kind
    public var text: String
    public var runs: [Run]
    public var links: [Link]
    /// The block's first line in the source file.
    public var line: Int

    public init(kind: Kind, text: String, runs: [Run], links: [Link] = [], line: Int) {
        self.kind = kind
        self.text = text
        self.runs = runs
        self.links = links
        self.line = line
    }

    /// A block from plain text that starts at a known place (front-matter values, tests).
    public init(kind: Kind, text: String, line: Int, byteColumn: Int = 1) {
        self.init(kind: kind, text: text, runs: [Run(offset: 0, line: line, byteColumn: byteColumn, exact: true)], line: line)
    }

    /// The source line and byte column of a byte of `text`.
    public func sourcePosition(ofByte offset: Int) -> (line: Int, byteColumn: Int) {
        var low = 0, high = runs.count - 1, found = -1
        while low <= high {
            let middle = (low + high) / 2
            if runs[middle].offset <= offset { found = middle; low = middle + 1 } else { high = middle - 1 }
        }
        guard found >= 0 else { return (line, 1) }
        let run = runs[found]
        return (run.line, run.exact ? run.byteColumn + (offset - run.offset) : run.byteColumn)
    }

    /// True when a byte range lies in a link whose words are its own address (as in <https://…>,
    /// www.… or an email address): a fix there would change where the link goes.
    public func isInLinkAddress(_ range: Range<Int>) -> Bool {
        links.contains { link in
            guard link.range.overlaps(range) || link.range.contains(range.lowerBound), link.range.upperBound <= text.utf8.count else { return false }
            let words = String(decoding: Array(text.utf8)[link.range], as: UTF8.self)
            return !words.isEmpty && link.url.contains(words)
        }
    }

    /// True when a byte range of `text` is a straight copy of the source, so it can be replaced there.
    public func isExact(_ range: Range<Int>) -> Bool {
        guard let index = runs.lastIndex(where: { $0.offset <= range.lowerBound }), runs[index].exact else { return false }
        let end = index + 1 < runs.count ? runs[index + 1].offset : Int.max
        return range.upperBound <= end
    }
}

/// Collects `TextBlock`s from a parsed cmark tree (before text nodes are merged,
/// so each text node still has its own source position).
struct TextExtractor {
    var blocks: [TextBlock] = []
    let source: SourceLines

    private struct Open {
        var kind: TextBlock.Kind
        var text = ""
        var runs: [TextBlock.Run] = []
        var links: [TextBlock.Link] = []
        var openLinks: [(start: Int, url: String)] = []
        var line: Int
        /// Depth of image nesting: alt text goes to its own block.
        var imageDepth = 0
    }

    mutating func extract(from root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        var stack: [Open] = []
        var altStack: [Open] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let type = cmark_node_get_type(node)
            // (The type name is compared in C: making a String of it for every node was a cost.)
            let isTextContainer =
                type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING
                || strcmp(cmark_node_get_type_string(node), "table_cell") == 0
            if isTextContainer {
                if entering {
                    // A paragraph inside a table cell or heading never happens; inside a list item it is the item's text.
                    stack.append(Open(kind: kind(of: node, type: type), line: Int(cmark_node_get_start_line(node))))
                } else if let open = stack.popLast() {
                    close(open)
                }
                continue
            }
            if type == CMARK_NODE_IMAGE {
                if entering {
                    if !stack.isEmpty { append(TextBlock.objectReplacement, node: node, exact: false, to: &stack[stack.count - 1]) }
                    altStack.append(Open(kind: .altText, line: Int(cmark_node_get_start_line(node))))
                } else if let open = altStack.popLast() {
                    close(open)
                }
                continue
            }
            // Inline content goes to the innermost open alt text, else the innermost block.
            func target(_ body: (inout Open) -> Void) {
                if !altStack.isEmpty { body(&altStack[altStack.count - 1]) } else if !stack.isEmpty { body(&stack[stack.count - 1]) }
            }
            switch type {
            case CMARK_NODE_TEXT where entering:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                target { open in append(literal, node: node, exact: nil, to: &open) }
            case CMARK_NODE_SOFTBREAK where entering, CMARK_NODE_LINEBREAK where entering:
                target { open in append(" ", node: node, exact: false, to: &open) }
            case CMARK_NODE_CODE where entering, CMARK_NODE_HTML_INLINE where entering, CMARK_NODE_FOOTNOTE_REFERENCE where entering:
                target { open in append(TextBlock.objectReplacement, node: node, exact: false, to: &open) }
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                target { open in
                    if entering {
                        open.openLinks.append((open.text.utf8.count, url))
                    } else if let link = open.openLinks.popLast() {
                        open.links.append(TextBlock.Link(range: link.start..<open.text.utf8.count, url: link.url))
                    }
                }
            default:
                break
            }
        }
    }

    private func kind(of node: OpaquePointer, type: cmark_node_type) -> TextBlock.Kind {
        if type == CMARK_NODE_HEADING { return .heading(level: Int(cmark_node_get_heading_level(node))) }
        if type != CMARK_NODE_PARAGRAPH { return .tableCell }
        if let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_ITEM { return .listItem }
        return .paragraph
    }

    /// Appends text with its source position. `exact` nil means: exact when the text's length
    /// matches the node's span in the source (so no entity or escape changed it).
    private func append(_ text: String, node: OpaquePointer, exact: Bool?, to open: inout Open) {
        var line = Int(cmark_node_get_start_line(node))
        var column = Int(cmark_node_get_start_column(node))
        if line == 0 {
            // Soft breaks carry no position: continue from the end of the text so far.
            line = open.runs.last?.line ?? open.line
            column = 1
        }
        let length = text.utf8.count
        let span = Int(cmark_node_get_end_column(node)) - column + 1
        let sameLine = cmark_node_get_end_line(node) == Int32(line)
        // Shared-data placeholders are not prose.
        var text = text
        if text.containsBytes("{{") { text = TextExtractor.maskPlaceholders(text) }
        let offset = open.text.utf8.count
        open.text += text
        if exact == false || text.utf8.count != length {
            open.runs.append(TextBlock.Run(offset: offset, line: line, byteColumn: column, exact: false))
        } else if sameLine, let start = verifiedColumn(text, line: line, column: column) {
            open.runs.append(TextBlock.Run(offset: offset, line: line, byteColumn: start, exact: true))
        } else if sameLine, let sourceLine = source.line(line) {
            // Entities (&amp;) and escapes (\*) make the source longer than the text: align the two.
            let bytes = Array(sourceLine.utf8)
            // cmark's positions can be off for table cells (a found crash: "t\na\nm||\n-|-"), so stay inside the line.
            let start = min(max(0, column - 1), bytes.count), end = max(start, min(bytes.count, column - 1 + span))
            open.runs += TextExtractor.align(
                Array(text.utf8), source: Array(bytes[start..<end]),
                textOffset: offset, line: line, column: column)
        } else {
            open.runs.append(TextBlock.Run(offset: offset, line: line, byteColumn: column, exact: false))
        }
    }

    /// The column where `text` really starts on `line`: cmark's column, or one beside it
    /// (the autolink extension reports some positions one byte early).
    private func verifiedColumn(_ text: String, line: Int, column: Int) -> Int? {
        guard let sourceLine = source.line(line) else { return nil }
        // Compared in place, without copying the line and the text into arrays for every text node.
        let bytes = sourceLine.utf8, target = text.utf8
        let count = target.count, lineCount = bytes.count
        // (memcmp on the bytes when both are stored contiguously, as native strings are.)
        let fast = sourceLine.utf8.withContiguousStorageIfAvailable { line -> Int?? in
            text.utf8.withContiguousStorageIfAvailable { target -> Int? in
                func matches(_ candidate: Int) -> Bool {
                    guard candidate >= 1 && candidate - 1 + count <= lineCount else { return false }
                    return count == 0 || memcmp(line.baseAddress! + (candidate - 1), target.baseAddress!, count) == 0
                }
                if matches(column) { return column }
                if matches(column + 1) { return column + 1 }
                if matches(column - 1) { return column - 1 }
                return nil
            }
        }
        if let fast, let found = fast { return found }
        func matches(_ candidate: Int) -> Bool {
            guard candidate >= 1 && candidate - 1 + count <= lineCount else { return false }
            let start = bytes.index(bytes.startIndex, offsetBy: candidate - 1)
            return bytes[start..<bytes.index(start, offsetBy: count)].elementsEqual(target)
        }
        for candidate in [column, column + 1, column - 1] where matches(candidate) { return candidate }
        return nil
    }

    /// Runs mapping `text` onto `source`, where the source may spell a character as an
    /// entity (`&amp;`, `&#233;`) or escape it with a backslash.
    static func align(_ text: [UInt8], source: [UInt8], textOffset: Int, line: Int, column: Int) -> [TextBlock.Run] {
        var runs: [TextBlock.Run] = []
        var i = 0, j = 0
        var inExactRun = false
        while j < text.count {
            if i < source.count && source[i] == text[j] && source[i] != UInt8(ascii: "&") && source[i] != UInt8(ascii: "\\") {
                if !inExactRun {
                    runs.append(TextBlock.Run(offset: textOffset + j, line: line, byteColumn: column + i, exact: true))
                    inExactRun = true
                }
                i += 1; j += 1
                continue
            }
            inExactRun = false
            let characterLength = text[j] < 0x80 ? 1 : text[j] < 0xE0 ? 2 : text[j] < 0xF0 ? 3 : 4
            runs.append(TextBlock.Run(offset: textOffset + j, line: line, byteColumn: column + min(i, source.count), exact: false))
            if i < source.count && source[i] == UInt8(ascii: "\\") {
                i += 2
            } else if i < source.count && source[i] == UInt8(ascii: "&"), let semicolon = source[i...].prefix(32).firstIndex(of: UInt8(ascii: ";")) {
                i = semicolon + 1
            } else {
                i += characterLength
            }
            j += characterLength
        }
        return runs.isEmpty ? [TextBlock.Run(offset: textOffset, line: line, byteColumn: column, exact: false)] : runs
    }

    static func maskPlaceholders(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += rest[..<open.lowerBound]
            output += TextBlock.objectReplacement
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private mutating func close(_ open: Open) {
        guard !open.text.isEmpty else { return }
        var open = open
        // A passage in another language ("$L cy …") is not English prose: the linter skips it.
        if open.text.hasPrefix("$L ") { return }
        // A GitHub alert marker ("[!NOTE]") is markup, not prose: blank it, keeping byte offsets.
        // Only "[" upper-cases to "[" and only "!" to "!", so text not starting "[!" has no marker
        // (this saves upper-casing every block).
        if open.text.utf8.starts(with: "[!".utf8) {
            for marker in ["[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]", "[!CAUTION]"] where open.text.uppercased().hasPrefix(marker) {
                open.text = String(repeating: " ", count: marker.count) + open.text.dropFirst(marker.count)
            }
        }
        blocks.append(TextBlock(kind: open.kind, text: open.text, runs: open.runs, links: open.links, line: open.line))
    }
}
