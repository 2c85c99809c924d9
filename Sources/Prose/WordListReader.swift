/// Reads the YAML that word lists are written in without building a YAML node tree: every
/// command reads the eight built-in lists at start, and libyaml with Yams' nodes took about
/// 70 million instructions to do it, most of a one-page rebuild's start.
///
/// It understands exactly the shape `Sources/BuiltIn/words/*.yml` use and returns nil for anything
/// else, which `WordList.init(yaml:file:)` then reads with Yams (so errors and their lines
/// always come from Yams):
///
///     rule: plain-words                      top-level `key: value` lines
///     source: "GOV.UK style guide: …"        a double-quoted scalar without escapes, or a
///     reason: '"Kindly" sounds …'            single-quoted one ('' for ')
///     entries:
///       - phrase: in order to                each entry starts with `- key: value`
///         alternative: to
///         forms:                             a mapping of `form: replacement` lines
///           in order to: to
///         unless: [weight, diet, 'no']       a one-line flow list of plain or single-quoted scalars
///       # comment lines, at any indentation, and blank lines
///
/// Values are plain one-line scalars (no `: `, ` #`, or leading indicator), quoted one-line
/// scalars (double-quoted without escapes), or flow lists; keys are plain scalars. Repeated keys, empty values
/// (other than `entries:` and `forms:`), tabs, carriage returns, document markers, and the
/// characters YAML also takes for line breaks are not understood. `WordListReaderTests`
/// compares it with Yams on every built-in list and on variants of them.
enum WordListReader {
    enum Value {
        case scalar(String)
        case list([String])
        /// A mapping's `key: value` lines, in the order written.
        case pairs([(String, String)])
    }

    /// A word list's top-level fields, and its entries' fields with the entries in the order written.
    struct Document {
        var fields: [String: String] = [:]
        var entries: [[String: Value]] = []
    }

    static func read(_ yaml: String) -> Document? {
        var yaml = yaml
        yaml.makeContiguousUTF8()
        return yaml.utf8.withContiguousStorageIfAvailable { read(bytes: $0) } ?? nil
    }

    private static func read(bytes: UnsafeBufferPointer<UInt8>) -> Document? {
        var document = Document()
        var inEntries = false, sawEntries = false
        var entry: [String: Value]?
        var formsKey: String?
        var forms: [(String, String)] = []

        func closeForms() -> Bool {
            guard let key = formsKey else { return true }
            formsKey = nil
            guard !forms.isEmpty, entry?[key] == nil else { return false }
            entry?[key] = .pairs(forms)
            forms = []
            return true
        }
        func closeEntry() -> Bool {
            guard closeForms() else { return false }
            if let finished = entry { document.entries.append(finished) }
            entry = nil
            return true
        }

        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            var indent = 0
            while indent < line.count && line[indent] == 0x20 { indent += 1 }
            if indent == line.count { continue }
            if line[indent] == UInt8(ascii: "#") { continue }
            for byte in line where byte < 0x20 || byte == 0x7F {
                return nil
            }
            if containsSpecialBreak(line) { return nil }
            switch indent {
            case 0:
                guard closeEntry() else { return nil }
                inEntries = false
                guard let (key, value) = keyValue(line, from: 0) else { return nil }
                if value == nil {
                    guard key == "entries", !sawEntries else { return nil }
                    inEntries = true
                    sawEntries = true
                    continue
                }
                guard case let .scalar(text)? = value, document.fields[key] == nil, key != "entries" else { return nil }
                document.fields[key] = text
            case 2:
                guard inEntries, line.count > 4, line[2] == UInt8(ascii: "-"), line[3] == 0x20, line[4] != 0x20,
                    closeEntry(), let (key, value) = keyValue(line, from: 4), let value
                else { return nil }
                if case .pairs = value { return nil }
                entry = [key: value]
            case 4:
                guard entry != nil, closeForms(), let (key, value) = keyValue(line, from: 4) else { return nil }
                guard entry?[key] == nil else { return nil }
                if let value {
                    entry?[key] = value
                } else {
                    formsKey = key
                }
            case 6:
                guard formsKey != nil, let (key, value) = keyValue(line, from: 6), case let .scalar(text)? = value,
                    !forms.contains(where: { $0.0 == key })
                else { return nil }
                forms.append((key, text))
            default:
                return nil
            }
        }
        guard closeEntry() else { return nil }
        return document
    }

    /// U+0085, U+2028, U+2029 (line breaks to YAML) and U+FEFF.
    private static func containsSpecialBreak(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count {
            let byte = line[index]
            if byte == 0xC2, index + 1 < line.count, line[index + 1] == 0x85 { return true }
            if byte == 0xE2, index + 2 < line.count, line[index + 1] == 0x80, line[index + 2] == 0xA8 || line[index + 2] == 0xA9 { return true }
            if byte == 0xEF, index + 2 < line.count, line[index + 1] == 0xBB, line[index + 2] == 0xBF { return true }
            index += 1
        }
        return false
    }

    /// `key: value` from `from`: the value is nil when the line ends after the colon.
    private static func keyValue(_ line: UnsafeBufferPointer<UInt8>, from: Int) -> (String, Value?)? {
        // The first ": " (or a final ":") ends the key.
        var colon = from
        while colon < line.count {
            if line[colon] == UInt8(ascii: ":") && (colon + 1 == line.count || line[colon + 1] == 0x20) { break }
            colon += 1
        }
        guard colon < line.count, colon > from else { return nil }
        let keyBytes = UnsafeBufferPointer(rebasing: line[from..<colon])
        guard isPlain(keyBytes, flow: false) else { return nil }
        let key = String(decoding: keyBytes, as: UTF8.self)
        var valueStart = colon + 1
        while valueStart < line.count && line[valueStart] == 0x20 { valueStart += 1 }
        if valueStart == line.count { return (key, nil) }
        guard valueStart == colon + 2 else { return nil }
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])
        switch value[0] {
        case UInt8(ascii: "\""):
            guard value.count >= 2, value[value.count - 1] == UInt8(ascii: "\"") else { return nil }
            let inner = UnsafeBufferPointer(rebasing: value[1..<(value.count - 1)])
            guard !inner.contains(UInt8(ascii: "\"")), !inner.contains(UInt8(ascii: "\\")) else { return nil }
            return (key, .scalar(String(decoding: inner, as: UTF8.self)))
        case UInt8(ascii: "'"):
            return singleQuoted(value).map { (key, .scalar($0)) }
        case UInt8(ascii: "["):
            guard value.count >= 2, value[value.count - 1] == UInt8(ascii: "]") else { return nil }
            var items: [String] = []
            for part in value[1..<(value.count - 1)].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                var item = part[...]
                while item.first == 0x20 { item = item.dropFirst() }
                while item.last == 0x20 { item = item.dropLast() }
                let bytes = UnsafeBufferPointer(rebasing: item)
                if bytes.first == UInt8(ascii: "'") {
                    guard let text = singleQuoted(bytes) else { return nil }
                    items.append(text)
                    continue
                }
                guard isPlain(bytes, flow: true) else { return nil }
                items.append(String(decoding: bytes, as: UTF8.self))
            }
            return (key, .list(items))
        default:
            guard isPlain(value, flow: false) else { return nil }
            return (key, .scalar(String(decoding: value, as: UTF8.self)))
        }
    }

    /// A single-quoted scalar's text ('' stands for one '), or nil when a lone ' inside would
    /// end it early.
    private static func singleQuoted(_ value: UnsafeBufferPointer<UInt8>) -> String? {
        guard value.count >= 2, value[0] == UInt8(ascii: "'"), value[value.count - 1] == UInt8(ascii: "'") else { return nil }
        var text: [UInt8] = [], index = 1
        while index < value.count - 1 {
            if value[index] == UInt8(ascii: "'") {
                guard index + 1 < value.count - 1, value[index + 1] == UInt8(ascii: "'") else { return nil }
                index += 1
            }
            text.append(value[index])
            index += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A plain scalar YAML reads as these same characters: not empty, no leading indicator, no
    /// ": ", " #" or trailing space (and, in a flow list, none of `,[]{}` or `:`).
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, flow: Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last, last != 0x20, last != UInt8(ascii: ":") else { return false }
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), 0x20:
            return false
        default:
            break
        }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "#") && previous == 0x20 { return false }
            if byte == 0x20 && previous == UInt8(ascii: ":") { return false }
            if flow {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ":"):
                    return false
                default:
                    break
                }
            }
            previous = byte
        }
        return true
    }
}
