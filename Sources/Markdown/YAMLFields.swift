import Diagnostics
import Yams

/// A calendar date as editors write it in front matter and configuration: `2026-11-25`.
public struct SimpleDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        // Digits only ("+202-12-01" is not a year), and a year from 1.
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), y >= 1,
            (1...12).contains(m), d >= 1, d <= SimpleDate.daysIn(month: m, year: y)
        else { return nil }
        year = y; month = m; day = d
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// GOV.UK style: "4 June 2026".
    public var longForm: String { "\(day) \(SimpleDate.monthNames[month - 1]) \(year)" }

    public static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Reads a YAML mapping with typed getters. Every problem becomes a `Diagnostic`
/// that names the key and the line in the original file (`lineOffset` is added to
/// YAML's own line numbers, for front matter that starts below line 1).
public struct YAMLFields {
    public let file: String
    public let lineOffset: Int
    public private(set) var diagnostics: [Diagnostic] = []
    public let mapping: Node.Mapping?
    let rootMark: Mark?
    /// Where each key is among the mapping's pairs, so a lookup does not search them all.
    let keyIndex: YAMLKeyIndex

    /// Parses `yaml`. A syntax error becomes a diagnostic with its line and column;
    /// an empty document is an empty mapping.
    public init(yaml: String, file: String, lineOffset: Int = 0, rulePrefix: String) {
        self.file = file
        self.lineOffset = lineOffset
        do {
            let node = try Yams.compose(yaml: yaml, Resolver.basic)
            rootMark = node?.mark
            if let node, !YAMLFields.isWithinSizeLimit(node) {
                // Anchors repeated with '*' can make a few lines stand for millions of values.
                mapping = nil
                diagnostics.append(
                    Diagnostic(
                        rule: "\(rulePrefix)/yaml", severity: .error, file: file, line: 1 + lineOffset,
                        message: "This YAML stands for more than \(YAMLFields.maximumValues) values, which is more than Plainsite reads.",
                        suggestion: "Write the values out instead of repeating anchors with '*', and split very long lists into several files."))
            } else if let node, node.mapping == nil {
                mapping = nil
                diagnostics.append(
                    Diagnostic(
                        rule: "\(rulePrefix)/yaml", severity: .error, file: file,
                        line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1,
                        message: "This YAML is not a list of 'key: value' lines.",
                        suggestion: "Write one setting per line, for example 'title: Pay your council tax'."))
            } else {
                mapping = node?.mapping ?? Node.Mapping([])
            }
        } catch let error as YamlError {
            mapping = nil
            rootMark = nil
            diagnostics.append(YAMLFields.diagnostic(for: error, file: file, lineOffset: lineOffset, rule: "\(rulePrefix)/yaml"))
        } catch {
            mapping = nil
            rootMark = nil
            diagnostics.append(
                Diagnostic(
                    rule: "\(rulePrefix)/yaml", severity: .error, file: file, line: 1 + lineOffset,
                    message: "The YAML could not be read: \(error)."))
        }
        keyIndex = YAMLKeyIndex(mapping)
    }

    /// The most values (scalars, lists and mappings) one YAML document may stand for once its
    /// aliases are expanded: far above any real page or data file, far below a "billion laughs".
    public static let maximumValues = 200_000

    /// Counts the values without recursion, stopping as soon as the limit is passed.
    static func isWithinSizeLimit(_ root: Node) -> Bool {
        var stack = [root]
        var count = 0
        while let node = stack.popLast() {
            count += 1
            if count > maximumValues { return false }
            switch node {
            case let .mapping(mapping):
                for (key, value) in mapping { stack.append(key); stack.append(value) }
            case let .sequence(sequence):
                stack.append(contentsOf: sequence)
            default:
                break
            }
        }
        return true
    }

    /// Wraps a nested mapping (for example one site in `plainsite.yml`).
    public init(mapping: Node.Mapping, file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.mapping = mapping
        self.rootMark = mapping.mark
        keyIndex = YAMLKeyIndex(mapping)
    }

    public var keys: [String] {
        mapping?.keys.compactMap { $0.string } ?? []
    }

    /// The value of a key (the last, when a key is repeated, as Yams gives it).
    public func node(_ key: String) -> Node? {
        guard let mapping, let index = keyIndex.last(key, in: mapping) else { return nil }
        return mapping[index].value
    }

    /// The key's own node (the first, when a key is repeated).
    func keyNode(_ key: String) -> Node? {
        guard let mapping, let index = keyIndex.first(key, in: mapping) else { return nil }
        return mapping[index].key
    }

    /// The line of a key (or of the mapping itself when the key is absent).
    public func line(of key: String) -> Int {
        if let mark = keyNode(key)?.mark {
            return mark.line + lineOffset
        }
        return (rootMark?.line ?? 1) + lineOffset
    }

    public func column(of key: String) -> Int {
        keyNode(key)?.mark?.column ?? 1
    }

    public mutating func typeError(_ key: String, expected: String, example: String, rule: String) {
        diagnostics.append(
            Diagnostic(
                rule: rule, severity: .error, file: file, line: line(of: key), column: column(of: key),
                message: "'\(key)' must be \(expected).",
                suggestion: "Write it like this: \(key): \(example)"))
    }

    public mutating func string(_ key: String, rule: String, example: String = "some text") -> String? {
        guard let node = node(key) else { return nil }
        // Plain "", "~" and "null" are YAML's empty value (tags are not resolved, for speed).
        if let scalar = node.scalar, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        guard let scalar = node.scalar else {
            typeError(key, expected: "text", example: example, rule: rule)
            return nil
        }
        return scalar.string
    }

    public mutating func int(_ key: String, rule: String, example: String = "1") -> Int? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let value = Int(text) else {
            typeError(key, expected: "a whole number", example: example, rule: rule)
            return nil
        }
        return value
    }

    public mutating func bool(_ key: String, rule: String) -> Bool? {
        guard let node = node(key) else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            typeError(key, expected: "true or false", example: "true", rule: rule)
            return nil
        }
    }

    public mutating func date(_ key: String, rule: String) -> SimpleDate? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let date = SimpleDate(text) else {
            typeError(key, expected: "a date written year-month-day", example: "2026-11-25", rule: rule)
            return nil
        }
        return date
    }

    public mutating func strings(_ key: String, rule: String, example: String = "[first, second]") -> [String]? {
        guard let node = node(key) else { return nil }
        if let scalar = node.scalar, !scalar.string.isEmpty {
            return [scalar.string]
        }
        guard let sequence = node.sequence else {
            typeError(key, expected: "a list", example: example, rule: rule)
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                typeError(key, expected: "a list of text values", example: example, rule: rule)
                return nil
            }
            values.append(text)
        }
        return values
    }

    /// The most unknown keys warned about one by one; the rest share one summary warning.
    static let unknownKeyWarningLimit = 20

    /// Warns about keys this reader does not know, naming the closest known key; past
    /// `unknownKeyWarningLimit` of them, one warning lists how many more there are.
    public mutating func warnUnknownKeys(known: [String], rule: String, severity: Severity = .warning) {
        let knownSet = Set(known)
        let unknown = keys.filter { !knownSet.contains($0) }
        for key in unknown.prefix(YAMLFields.unknownKeyWarningLimit) {
            diagnostics.append(
                Diagnostic(
                    rule: rule, severity: severity, file: file, line: line(of: key), column: column(of: key),
                    message: "'\(key)' is not a setting Plainsite knows, so it is ignored.",
                    suggestion: YAMLFields.unknownKeySuggestion(key, known: known)))
        }
        guard unknown.count > YAMLFields.unknownKeyWarningLimit else { return }
        let rest = unknown.dropFirst(YAMLFields.unknownKeyWarningLimit)
        let first = rest.first!
        diagnostics.append(
            Diagnostic(
                rule: rule, severity: severity, file: file, line: line(of: first), column: column(of: first),
                message:
                    "'\(first)' and \(YAMLFields.grouped(rest.count - 1)) more \(rest.count == 2 ? "setting" : "settings") after it are not settings Plainsite knows, so they are ignored.",
                suggestion: "Remove the settings Plainsite does not use. Known keys are: \(known.joined(separator: ", "))."))
    }

    /// A count as editors read it: 9979 as "9,979".
    static func grouped(_ count: Int) -> String {
        var text = String(count)
        var index = text.count - 3
        while index > 0 {
            text.insert(",", at: text.index(text.startIndex, offsetBy: index))
            index -= 3
        }
        return text
    }

    /// "Did you mean …?" when a known key is close to `key`, otherwise the list of known keys.
    static func unknownKeySuggestion(_ key: String, known: [String]) -> String {
        let closest = known.min { editDistance(key, $0) < editDistance(key, $1) }
        if let closest, editDistance(key, closest) <= max(2, key.count / 3) {
            return "Did you mean '\(closest)'?"
        }
        return "Known keys are: \(known.joined(separator: ", "))."
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }
}

/// Levenshtein distance, used to suggest the key an editor probably meant.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
