/// How serious a finding is. Errors fail a build; warnings and suggestions do not.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case error
    case warning
    case suggestion

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .suggestion: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding, from any checker: configuration, front matter, Markdown, prose,
/// accessibility or links. Lines and columns are 1-based and count characters
/// (not bytes), so they match what an editor sees.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var rule: String
    public var severity: Severity
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    /// What is wrong, in plain English, quoting the words at fault.
    public var message: String
    /// What to write or do instead, when there is something to suggest.
    public var suggestion: String?

    public init(
        rule: String, severity: Severity, file: String,
        line: Int, column: Int = 1, endLine: Int? = nil, endColumn: Int? = nil,
        message: String, suggestion: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        // Text from file names and content never reaches a terminal or a CI log raw.
        self.file = Diagnostic.visible(file)
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.endColumn = endColumn ?? column
        self.message = Diagnostic.visible(message)
        self.suggestion = suggestion.map { Diagnostic.visible($0) }
    }

    /// Orders diagnostics by file, then position, then rule, so reports are stable.
    /// `sorted`, keeping only the first of findings that are exactly alike: the same as dropping
    /// repeats and then sorting (the sort is stable), without hashing every finding.
    public static func sortedWithoutRepeats(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let all = sorted(diagnostics)
        var out: [Diagnostic] = []
        out.reserveCapacity(all.count)
        var runStart = 0
        for item in all {
            if let last = out.last, last.file == item.file, last.line == item.line, last.column == item.column,
                last.rule == item.rule, last.message == item.message
            {
                // Same place, rule and message: a repeat only if every field matches one already kept.
                if out[runStart...].contains(item) { continue }
            } else {
                runStart = out.count
            }
            out.append(item)
        }
        return out
    }

    /// True when the diagnostics are already in the order `sorted` gives (as a build's are).
    public static func isSorted(_ diagnostics: [Diagnostic]) -> Bool {
        guard diagnostics.count > 1 else { return true }
        for index in 1..<diagnostics.count {
            let a = diagnostics[index - 1], b = diagnostics[index]
            if a.file != b.file { if a.file < b.file { continue } else { return false } }
            if a.line != b.line { if a.line < b.line { continue } else { return false } }
            if a.column != b.column { if a.column < b.column { continue } else { return false } }
            if (b.rule, b.message) < (a.rule, a.message) { return false }
        }
        return true
    }

    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // Positions are sorted, not the diagnostics themselves: moving a value of nine fields
        // costs more than comparing it. Files are compared by their rank among the distinct
        // files, which orders them exactly as comparing the names does, without comparing the
        // same names over and over.
        var ranks: [String: Int] = [:]
        for diagnostic in diagnostics where ranks[diagnostic.file] == nil { ranks[diagnostic.file] = 0 }
        for (rank, file) in ranks.keys.sorted().enumerated() { ranks[file] = rank }
        let fileRanks = diagnostics.map { ranks[$0.file]! }
        let order = diagnostics.withUnsafeBufferPointer { all in
            fileRanks.withUnsafeBufferPointer { fileRanks in
                all.indices.sorted { a, b in
                    if fileRanks[a] != fileRanks[b] { return fileRanks[a] < fileRanks[b] }
                    if all[a].line != all[b].line { return all[a].line < all[b].line }
                    if all[a].column != all[b].column { return all[a].column < all[b].column }
                    return (all[a].rule, all[a].message) < (all[b].rule, all[b].message)
                }
            }
        }
        return order.map { diagnostics[$0] }
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { reduce(0) { $1.severity == .error ? $0 + 1 : $0 } }
    public var warningCount: Int { reduce(0) { $1.severity == .warning ? $0 + 1 : $0 } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
