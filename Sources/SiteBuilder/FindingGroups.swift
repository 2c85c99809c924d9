import Diagnostics
import Dispatch

/// Every finding of a build, grouped by file in report order (sorted by file), as the build
/// state keeps them.
///
/// A quick rebuild of a 10,000-page site reports its 57,000 findings although only the rebuilt
/// pages' findings changed. Decoding each into a `Diagnostic` and formatting it again took more
/// instructions than rebuilding the page, so the groups it did not change stay as the state
/// holds them (`encoded`), are checked without being decoded (`check`), are written back into
/// the state as they are, and give the text report straight from their numbers and the state's
/// string table (`textReport`, through the same `PlainReportLines` as every text report).
/// They are decoded only for what needs `Diagnostic`s (another report format, the HTML report).
struct FindingGroups: Sendable {
    enum Content: Sendable {
        /// Bytes of `source`: a count, then each finding (see `StateWriter.diagnostics`), with
        /// numbers that refer to `table`.
        case encoded(Range<Int>)
        case decoded([Diagnostic])
    }

    struct Group: Sendable {
        var file: String
        var count: Int
        var content: Content
    }

    private(set) var groups: [Group] = []
    private(set) var total = 0
    /// The bytes of the state the encoded groups are in, its string table, and where each of
    /// the table's strings is in those bytes.
    let source: [UInt8]
    let table: [String]
    let tableBytes: [Range<Int>]

    /// A build's findings, sorted.
    init(sorted diagnostics: [Diagnostic]) {
        source = []
        table = []
        tableBytes = []
        var start = 0
        for index in diagnostics.indices where index == diagnostics.count - 1 || diagnostics[index + 1].file != diagnostics[index].file {
            groups.append(Group(file: diagnostics[index].file, count: index + 1 - start, content: .decoded(Array(diagnostics[start...index]))))
            start = index + 1
        }
        total = diagnostics.count
    }

    /// Reads where each file's findings are (see `StateWriter.findingGroups`), not the findings.
    init?(reading reader: inout StateReader) {
        source = reader.buffer
        table = reader.table
        tableBytes = reader.tableBytes
        guard let total = reader.count(), let groupCount = reader.count() else { return nil }
        groups.reserveCapacity(groupCount)
        var counter = ByteReader(source)
        var sum = 0
        for _ in 0..<groupCount {
            guard let file = reader.string(), let length = reader.count() else { return nil }
            let start = reader.position
            counter.position = start
            // Files in order, each once (a file's findings are found by binary search).
            guard groups.last.map({ $0.file < file }) ?? true, let count = counter.varint(), count >= 0,
                  counter.position <= start + length, reader.skip(length) else { return nil }
            groups.append(Group(file: file, count: count, content: .encoded(start..<start + length)))
            sum += count
        }
        guard sum == total else { return nil }
        self.total = total
    }

    /// Replaces one file's findings (sorted, all of that file).
    mutating func replace(file: String, with findings: [Diagnostic]) {
        let index = BuildState.lowerBound(groups.count) { groups[$0].file < file }
        let exists = index < groups.count && groups[index].file == file
        total += findings.count - (exists ? groups[index].count : 0)
        let group = Group(file: file, count: findings.count, content: .decoded(findings))
        switch (exists, findings.isEmpty) {
        case (true, true): groups.remove(at: index)
        case (true, false): groups[index] = group
        case (false, false): groups.insert(group, at: index)
        case (false, true): break
        }
    }

    /// Every finding, decoded, in order.
    func decoded() -> [Diagnostic]? {
        var out: [Diagnostic] = []
        out.reserveCapacity(total)
        for group in groups {
            switch group.content {
            case let .decoded(list):
                out += list
            case let .encoded(range):
                var reader = StateReader(source, start: range.lowerBound, table: table)
                guard reader.diagnostics(into: &out), reader.position == range.upperBound else { return nil }
            }
        }
        return out
    }

    /// True when every encoded finding reads back as a finding of its group's file, without
    /// decoding it: its numbers name strings of the table, its severity is one, and each group's
    /// bytes end where its findings do.
    func check() -> Bool {
        var severities = SeverityNumbers(table: table)
        for group in groups {
            guard case let .encoded(range) = group.content else { continue }
            var valid = true
            let read = forEachEncoded(range, count: group.count) { finding, _ in
                if severities.severity(finding.severity) == nil || table[finding.file] != group.file { valid = false }
            }
            guard read && valid else { return false }
        }
        return true
    }

    /// How many findings of each severity.
    func severityCounts() -> SeverityCounts {
        var counts = SeverityCounts()
        var severities = SeverityNumbers(table: table)
        for group in groups {
            switch group.content {
            case let .decoded(list):
                for finding in list { counts.add(finding.severity) }
            case let .encoded(range):
                _ = forEachEncoded(range, count: group.count) { finding, _ in
                    if let severity = severities.severity(finding.severity) { counts.add(severity) }
                }
            }
        }
        return counts
    }

    /// The findings of one rule, decoded, in order.
    func diagnostics(rule: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Whether each table number is the rule, compared once a number: 0 not known, 1 no, 2 yes.
        var isRule = [UInt8](repeating: 0, count: table.count)
        for group in groups {
            switch group.content {
            case let .decoded(list):
                out += list.filter { $0.rule == rule }
            case let .encoded(range):
                _ = forEachEncoded(range, count: group.count) { finding, start in
                    if isRule[finding.rule] == 0 { isRule[finding.rule] = table[finding.rule] == rule ? 2 : 1 }
                    guard isRule[finding.rule] == 2 else { return }
                    var one = StateReader(source, start: start, table: table)
                    if let decoded = one.diagnostic() { out.append(decoded) }
                }
            }
        }
        return out
    }

    /// Calls `body` with each finding of an encoded group and where its bytes start; false when
    /// the group does not read to its end. (The numbers are read straight from the bytes: the
    /// general `ByteReader` took ten times the instructions a number.)
    private func forEachEncoded(_ range: Range<Int>, count: Int, _ body: (EncodedFinding, Int) -> Void) -> Bool {
        source.withUnsafeBufferPointer { bytes in
            var reader = Cursor(bytes: bytes, position: range.lowerBound, end: range.upperBound)
            guard reader.varint() == count else { return false }
            for _ in 0..<count {
                let start = reader.position
                guard let finding = EncodedFinding(&reader, tableCount: table.count) else { return false }
                body(finding, start)
            }
            return reader.position == range.upperBound
        }
    }

    /// The text report without colour, byte for byte as `TextReporter.reportParts` writes it
    /// from the decoded findings (a long report in two halves at once), its counts, and the
    /// findings of the rule `collecting` (as `diagnostics(rule:)`, found while the lines are written).
    func textReport(collecting rule: String? = nil) -> (parts: [[UInt8]], counts: SeverityCounts, collected: [Diagnostic]) {
        // Split where the group holding the middle finding ends, as the text reporter does.
        var middle = 0, seen = 0
        while middle < groups.count && seen < total / 2 {
            seen += groups[middle].count
            middle += 1
        }
        // Each half's bytes end up with one owner (the results of `inParallel`, whose locals
        // are gone once the closure returns): the summary's append below does not copy them.
        let split = middle
        var halves: [Lines] = total > 4_000 && middle < groups.count
            ? {
                let (first, second) = inParallel({ self.lines(0..<split, first: true, collecting: rule) },
                                                 { self.lines(split..<groups.count, first: false, collecting: rule) })
                return [first, second]
            }()
            : [lines(0..<groups.count, first: true, collecting: rule)]
        var counts = halves[0].counts
        if halves.count > 1 { counts.add(halves[1].counts) }
        let collected = halves.flatMap(\.collected)
        var parts: [[UInt8]] = []
        for index in halves.indices {
            parts.append([])
            swap(&parts[index], &halves[index].bytes)
        }
        if total > 0 { parts[parts.count - 1].append(0x0A) }
        parts[parts.count - 1].append(contentsOf: TextReporter.summary(errors: counts.errors, warnings: counts.warnings,
                                                                       suggestions: counts.suggestions).utf8)
        parts[parts.count - 1].append(0x0A)
        return (parts, counts, collected)
    }

    private struct Lines: Sendable {
        var bytes: [UInt8]
        var counts: SeverityCounts
        var collected: [Diagnostic]
    }

    private func lines(_ range: Range<Int>, first: Bool, collecting rule: String?) -> Lines {
        var out = PlainReportLines(first: first, capacity: groups[range].reduce(0) { $0 + $1.count } * 160)
        var counts = SeverityCounts()
        var collected: [Diagnostic] = []
        var severities = SeverityNumbers(table: table)
        // Whether each table number is the rule collected: 0 not known, 1 no, 2 yes.
        var isRule = [UInt8](repeating: rule == nil ? 1 : 0, count: table.count)
        for group in groups[range] {
            switch group.content {
            case let .decoded(list):
                for finding in list {
                    out.finding(file: finding.file, line: finding.line, column: finding.column, severity: finding.severity,
                                message: finding.message, rule: finding.rule, suggestion: finding.suggestion)
                    counts.add(finding.severity)
                    if finding.rule == rule { collected.append(finding) }
                }
            case let .encoded(range):
                guard table.count == tableBytes.count else { continue }
                // The strings' UTF-8 is copied from the state's bytes (no String is touched).
                source.withUnsafeBufferPointer { source in
                    func text(_ number: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: source[tableBytes[number]]) }
                    var first = true
                    // Checked before (`check`), so every finding reads.
                    _ = forEachEncoded(range, count: group.count) { finding, start in
                        guard let severity = severities.severity(finding.severity) else { return }
                        out.finding(newFile: first ? text(finding.file) : nil, line: finding.line, column: finding.column,
                                    severity: severity, message: text(finding.message), rule: text(finding.rule),
                                    suggestion: finding.suggestion < 0 ? nil : text(finding.suggestion))
                        first = false
                        counts.add(severity)
                        if isRule[finding.rule] == 0 { isRule[finding.rule] = table[finding.rule] == rule ? 2 : 1 }
                        if isRule[finding.rule] == 2 {
                            var one = StateReader(self.source, start: start, table: table)
                            if let decoded = one.diagnostic() { collected.append(decoded) }
                        }
                    }
                }
            }
        }
        return Lines(bytes: out.finish(), counts: counts, collected: collected)
    }
}

/// How many findings of each severity (for a report's summary and `--fail-on`).
public struct SeverityCounts: Sendable, Equatable {
    public var errors = 0
    public var warnings = 0
    public var suggestions = 0

    public init() {}

    public init(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { add(diagnostic.severity) }
    }

    mutating func add(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .suggestion: suggestions += 1
        }
    }

    mutating func add(_ other: SeverityCounts) {
        errors += other.errors
        warnings += other.warnings
        suggestions += other.suggestions
    }

    public var total: Int { errors + warnings + suggestions }

    /// The most serious severity found; nil when there is nothing.
    public var worst: Severity? {
        errors > 0 ? .error : warnings > 0 ? .warning : suggestions > 0 ? .suggestion : nil
    }
}

/// One encoded finding's numbers (see `StateWriter.diagnostics`): strings as numbers of the
/// table, each checked to be one; `suggestion` is -1 when there is none.
private struct EncodedFinding {
    let rule: Int, severity: Int, file: Int, line: Int, column: Int, message: Int, suggestion: Int

    @inline(__always)
    init?(_ reader: inout Cursor, tableCount: Int) {
        guard let rule = reader.varint(), let severity = reader.varint(), let file = reader.varint(),
              let line = reader.varint(), let column = reader.varint(), reader.varint() != nil, reader.varint() != nil,
              let message = reader.varint(), let suggestion = reader.varint() else { return nil }
        guard rule >= 0, rule < tableCount, severity >= 0, severity < tableCount, file >= 0, file < tableCount,
              message >= 0, message < tableCount, suggestion >= -1, suggestion < tableCount else { return nil }
        (self.rule, self.severity, self.file, self.line, self.column, self.message, self.suggestion) =
            (rule, severity, file, line, column, message, suggestion)
    }
}

/// The severities of a few table numbers, each looked up once (a state has one number for each).
private struct SeverityNumbers {
    let table: [String]
    private var known: [(number: Int, severity: Severity?)] = []

    init(table: [String]) { self.table = table }

    mutating func severity(_ number: Int) -> Severity? {
        for entry in known where entry.number == number { return entry.severity }
        let severity = Severity(rawValue: table[number])
        known.append((number, severity))
        return severity
    }
}

/// A reader of numbers (see `ByteWriter.varint`) in bytes that stay put while it reads.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    @inline(__always)
    mutating func varint() -> Int? {
        var bits: UInt64 = 0, shift: UInt64 = 0
        while position < end, shift < 64 {
            let byte = bytes[position]
            position += 1
            bits |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                let value = Int(Int64(bitPattern: bits >> 1))
                return bits & 1 == 0 ? value : ~value
            }
            shift += 7
        }
        return nil
    }
}
