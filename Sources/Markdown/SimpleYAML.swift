import Yams

/// Reads the YAML most front matter is made of, without libyaml: one `key: value` per line,
/// where each value is a one-line plain scalar, a quoted scalar without escapes, or a one-line
/// flow list of plain scalars (`tags: [bins, recycling]`). It gives exactly the nodes
/// `Yams.compose(yaml:, Resolver.basic)` gives (text, style, tag, line and column of every
/// node), and returns nil for anything else (comments, anchors, aliases, tags, block lists,
/// nested settings, multi-line or escaped scalars, empty values, repeated keys, tabs, unusual
/// characters...), which the caller then reads with Yams. So errors and their positions always
/// come from Yams, and so does the protection against aliases that stand for millions of values.
///
/// `Tests/MarkdownTests/SimpleYAMLTests.swift` compares it with Yams on many inputs.
enum SimpleYAML {
    /// Yams gives no public way to make a `Mark`; it is two `Int`s (line, column). One is made by
    /// reinterpreting this struct, checked once against marks Yams itself made: if the layout
    /// were ever different, this reader is simply not used.
    private struct MarkLayout {
        var line: Int
        var column: Int
    }

    static let isAvailable: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<MarkLayout>.size,
            MemoryLayout<Mark>.alignment == MemoryLayout<MarkLayout>.alignment,
            MemoryLayout<Mark>.stride == MemoryLayout<MarkLayout>.stride
        else { return false }
        let made = unsafeBitCast(MarkLayout(line: 3, column: 7), to: Mark.self)
        guard made.line == 3, made.column == 7,
            let node = try? Yams.compose(yaml: "a: b\ncd:   e", Resolver.basic),
            let mark = node.mapping?["cd"]?.mark, mark.line == 2, mark.column == 7
        else { return false }
        return true
    }()

    @inline(__always)
    static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast(MarkLayout(line: line, column: column), to: Mark.self)
    }

    /// The nodes of `yaml`, or nil when it is not of the simple kind this reader understands.
    static func compose(_ yaml: String) -> Node? {
        guard isAvailable else { return nil }
        var yaml = yaml
        yaml.makeContiguousUTF8()
        return yaml.utf8.withContiguousStorageIfAvailable { compose(bytes: $0) } ?? nil
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    /// Characters that give the start of a plain scalar a meaning of its own.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            true
        default:
            false
        }
    }

    /// False for bytes this reader leaves to libyaml: control characters (tabs included), and the
    /// characters libyaml reads as line breaks or refuses (U+0080 to U+009F, U+2028, U+2029,
    /// U+FEFF, U+FFFE, U+FFFF).
    private static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return false }
                index += 1
                continue
            }
            let next = index + 1 < count ? bytes[index + 1] : 0
            let third = index + 2 < count ? bytes[index + 2] : 0
            if byte == 0xC2 && next < 0xA0 { return false }
            if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return false }
            if byte == 0xEF && next == 0xBB && third == 0xBF { return false }
            if byte == 0xEF && next == 0xBF && (third == 0xBE || third == 0xBF) { return false }
            index += 1
        }
        return true
    }

    private static func compose(bytes: UnsafeBufferPointer<UInt8>) -> Node? {
        guard hasOnlyPlainCharacters(bytes) else { return nil }
        let resolver = Resolver.basic
        func tag(_ name: Tag.Name) -> Tag { Tag(name, resolver, .default) }
        func text(_ start: Int, _ end: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
        let count = bytes.count
        var pairs: [(Node, Node)] = []
        var keys: Set<String> = []
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            // A blank line (spaces only) between settings says nothing; before the first, it would move the mapping's mark.
            var firstNonSpace = lineStart
            while firstNonSpace < lineEnd && bytes[firstNonSpace] == 0x20 { firstNonSpace += 1 }
            if firstNonSpace == lineEnd {
                if pairs.isEmpty { return nil }
                continue
            }
            // key: a name at the start of the line, a colon, at least one space.
            guard isKeyStart(bytes[lineStart]) else { return nil }
            var position = lineStart + 1
            while position < lineEnd && isKeyByte(bytes[position]) { position += 1 }
            guard position < lineEnd, bytes[position] == UInt8(ascii: ":"), position - lineStart <= 64 else { return nil }
            let key = text(lineStart, position)
            guard !keys.contains(key) else { return nil }
            position += 1
            guard position < lineEnd, bytes[position] == 0x20 else { return nil }
            while position < lineEnd && bytes[position] == 0x20 { position += 1 }
            guard position < lineEnd else { return nil }
            var end = lineEnd
            while end > position && bytes[end - 1] == 0x20 { end -= 1 }
            // The key and what follows it are ASCII, so the value's column is its byte offset.
            let column = position - lineStart + 1
            let value: Node
            switch bytes[position] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = bytes[position]
                guard end - position >= 2, bytes[end - 1] == quote else { return nil }
                for index in (position + 1)..<(end - 1) where bytes[index] == quote || bytes[index] == UInt8(ascii: "\\") {
                    return nil
                }
                value = .scalar(
                    Node.Scalar(
                        text(position + 1, end - 1), tag(.str),
                        quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted,
                        mark(line: lineNumber, column: column)))
            case UInt8(ascii: "["):
                guard let items = flowList(bytes, from: position, to: end, lineStart: lineStart, line: lineNumber, tag: tag(.implicit)) else {
                    return nil
                }
                value = .sequence(Node.Sequence(items, tag(.implicit), .flow, mark(line: lineNumber, column: column)))
            default:
                guard isPlain(bytes, from: position, to: end) else { return nil }
                value = .scalar(Node.Scalar(text(position, end), tag(.implicit), .plain, mark(line: lineNumber, column: column)))
            }
            keys.insert(key)
            pairs.append((.scalar(Node.Scalar(key, tag(.implicit), .plain, mark(line: lineNumber, column: 1))), value))
        }
        guard !pairs.isEmpty else { return nil }
        return .mapping(Node.Mapping(pairs, tag(.implicit), .block, mark(line: 1, column: 1)))
    }

    /// A one-line plain scalar in a block mapping: no indicator first, no ": " or " #" inside
    /// (this reader refuses any "#"), not ending with ":".
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard start < end, !isIndicator(bytes[start]) else { return false }
        for index in start..<end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") { return false }
            if byte == UInt8(ascii: ":") && (index + 1 == end || bytes[index + 1] == 0x20) { return false }
        }
        return true
    }

    /// `[first, second item]` on one line: plain items without quotes, colons, "#" or brackets.
    private static func flowList(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
        lineStart: Int, line: Int, tag: @autoclosure () -> Tag
    ) -> [Node]? {
        guard end - start >= 2, bytes[end - 1] == UInt8(ascii: "]") else { return nil }
        var items: [Node] = []
        var itemStart = start + 1
        let contentEnd = end - 1
        // Is the list empty ("[]", "[  ]")?
        var probe = itemStart
        while probe < contentEnd && bytes[probe] == 0x20 { probe += 1 }
        if probe == contentEnd { return [] }
        while itemStart <= contentEnd {
            var itemEnd = itemStart
            while itemEnd < contentEnd && bytes[itemEnd] != UInt8(ascii: ",") { itemEnd += 1 }
            var first = itemStart, last = itemEnd
            while first < last && bytes[first] == 0x20 { first += 1 }
            while last > first && bytes[last - 1] == 0x20 { last -= 1 }
            guard first < last, !isIndicator(bytes[first]) else { return nil }
            for index in first..<last {
                switch bytes[index] {
                case UInt8(ascii: "#"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                    UInt8(ascii: "\""), UInt8(ascii: "'"):
                    return nil
                default:
                    break
                }
            }
            // libyaml counts columns in Unicode scalars: count the bytes that start one.
            var column = 1
            for index in lineStart..<first where bytes[index] & 0xC0 != 0x80 { column += 1 }
            items.append(
                .scalar(
                    Node.Scalar(
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self),
                        tag(), .plain, mark(line: line, column: column))))
            itemStart = itemEnd + 1
        }
        return items
    }
}
