import Diagnostics
import Dispatch
import Support

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
                counter.position <= start + length, reader.skip(length)
            else { return nil }
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
                appendFindings(in: range, count: group.count, rule: rule, isRule: &isRule, to: &out)
            }
        }
        return out
    }

    /// Appends the findings of one rule in an encoded group, decoded. `isRule` tells, for each
    /// table number, whether it is the rule, compared once a number: 0 not known, 1 no, 2 yes.
    private func appendFindings(in range: Range<Int>, count: Int, rule: String, isRule: inout [UInt8], to out: inout [Diagnostic]) {
        _ = forEachEncoded(range, count: count) { finding, start in
            if isRule[finding.rule] == 0 { isRule[finding.rule] = table[finding.rule] == rule ? 2 : 1 }
            guard isRule[finding.rule] == 2 else { return }
            var one = StateReader(source, start: start, table: table)
            if let decoded = one.diagnostic() { out.append(decoded) }
        }
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

    /// A text report without colour, as pieces to write one after the other, and what was
    /// found while writing it.
    struct TextReport: Sendable {
        var pieces: [FilePiece]
        var counts: SeverityCounts
        /// The findings of the rule asked for, in order; nil when they were not found as the
        /// report was written (a saved report that counted another rule).
        var collected: [Diagnostic]?
        /// When no saved report was used: what to save for the next quick rebuild (see
        /// `SavedTextReport`): the text in blocks, and the groups still encoded, with their
        /// places in the blocks together.
        var unsaved: (blocks: [[UInt8]], groups: [SavedTextReport.Group])?
    }

    /// The text report without colour, byte for byte as `TextReporter.reportParts` writes it
    /// from the decoded findings, its counts, and the findings of the rule `collecting` (as
    /// `diagnostics(rule:)`, found while the lines are written). The lines of groups still as
    /// the state holds them are copied from `saved` (the report saved for this state, see
    /// `SavedTextReport`) when there is one; otherwise every line is written (a long report in
    /// two halves at once).
    func textReport(collecting rule: String? = nil, saved: SavedTextReport? = nil) -> TextReport {
        var report = saved.map { textReport(collecting: rule, saved: $0) } ?? writtenReport(collecting: rule)
        var end: [UInt8] = total > 0 ? [0x0A] : []
        end +=
            TextReporter.summary(
                errors: report.counts.errors, warnings: report.counts.warnings,
                suggestions: report.counts.suggestions
            ).utf8
        end.append(0x0A)
        report.pieces.append(.bytes(end))
        return report
    }

    /// Every line written (without the summary).
    private func writtenReport(collecting rule: String?) -> TextReport {
        // Split where the group holding the middle finding ends, as the text reporter does.
        var middle = 0, seen = 0
        while middle < groups.count && seen < total / 2 {
            seen += groups[middle].count
            middle += 1
        }
        let split = middle
        let halves: [Lines] =
            total > 4_000 && middle < groups.count
            ? {
                let (first, second) = inParallel(
                    { self.lines(0..<split, first: true, collecting: rule) },
                    { self.lines(split..<groups.count, first: false, collecting: rule) })
                return [first, second]
            }()
            : [lines(0..<groups.count, first: true, collecting: rule)]
        var counts = SeverityCounts()
        var collected: [Diagnostic] = [], saving: [SavedTextReport.Group] = [], offset = 0
        for half in halves {
            counts.add(half.counts)
            collected += half.collected
            saving += half.saving.map { group in
                var group = group
                group.text = group.text.lowerBound + offset..<group.text.upperBound + offset
                return group
            }
            offset += half.bytes.count
        }
        return TextReport(
            pieces: halves.map { .bytes($0.bytes) }, counts: counts, collected: collected,
            unsaved: (halves.map(\.bytes), saving))
    }

    /// The lines of groups still encoded copied from the saved report, where it has them, in
    /// runs as long as its text allows; the rest written (without the summary).
    private func textReport(collecting rule: String?, saved: SavedTextReport) -> TextReport {
        var pieces: [FilePiece] = [], counts = SeverityCounts(), collected: [Diagnostic]? = []
        // The saved groups counted another rule: its findings are found afterwards, by `diagnostics(rule:)`.
        if rule != nil && rule != saved.rule { collected = nil }
        var cursor = 0
        var isRule = [UInt8](repeating: 0, count: table.count)
        /// The saved group of an encoded group (saved groups and encoded ones are both in the
        /// order of their bytes in the state).
        func savedIndex(_ group: Group) -> Int? {
            guard case let .encoded(range) = group.content else { return nil }
            while cursor < saved.groups.count && saved.groups[cursor].state < range.lowerBound { cursor += 1 }
            guard cursor < saved.groups.count, saved.groups[cursor].state == range.lowerBound,
                saved.groups[cursor].counts.total == group.count
            else { return nil }
            return cursor
        }
        // Whether any lines were written yet (a group with no findings writes none).
        var linesBefore = false
        var index = 0
        while index < groups.count {
            guard let first = savedIndex(groups[index]) else {
                let start = index
                while index < groups.count && savedIndex(groups[index]) == nil { index += 1 }
                let written = lines(start..<index, first: !linesBefore, collecting: rule)
                pieces.append(.bytes(written.bytes))
                linesBefore = linesBefore || !written.bytes.isEmpty
                counts.add(written.counts)
                collected? += written.collected
                continue
            }
            var text = saved.groups[first].text, last = first
            func take(_ saved: SavedTextReport.Group, _ group: Group) {
                counts.add(saved.counts)
                if saved.ofRule > 0, let rule, collected != nil, case let .encoded(range) = group.content {
                    appendFindings(in: range, count: group.count, rule: rule, isRule: &isRule, to: &collected!)
                }
            }
            take(saved.groups[first], groups[index])
            index += 1
            // The next groups, while they follow in the saved text with one blank line between.
            while index < groups.count, let next = savedIndex(groups[index]), next == last + 1,
                saved.groups[next].text.lowerBound == text.upperBound + 1
            {
                text = text.lowerBound..<saved.groups[next].text.upperBound
                take(saved.groups[next], groups[index])
                last = next
                index += 1
            }
            // The blank line before a file's heading (from the saved text when it is there).
            if !linesBefore {
                // The report's first lines: no blank line before them.
            } else if text.lowerBound > 0 && saved.byte(at: text.lowerBound - 1) == 0x0A {
                text = text.lowerBound - 1..<text.upperBound
            } else {
                pieces.append(.bytes([0x0A]))
            }
            pieces.append(saved.piece(text))
            linesBefore = true
        }
        return TextReport(pieces: pieces, counts: counts, collected: collected, unsaved: nil)
    }

    private struct Lines: Sendable {
        var bytes: [UInt8]
        var counts: SeverityCounts
        var collected: [Diagnostic]
        /// The encoded groups written, with their places in `bytes` (see `SavedTextReport`).
        var saving: [SavedTextReport.Group]
    }

    private func lines(_ range: Range<Int>, first: Bool, collecting rule: String?) -> Lines {
        var out = PlainReportLines(first: first, capacity: groups[range].reduce(0) { $0 + $1.count } * 160)
        var counts = SeverityCounts()
        var collected: [Diagnostic] = []
        var saving: [SavedTextReport.Group] = []
        var severities = SeverityNumbers(table: table)
        // Whether each table number is the rule collected: 0 not known, 1 no, 2 yes.
        var isRule = [UInt8](repeating: rule == nil ? 1 : 0, count: table.count)
        for group in groups[range] {
            switch group.content {
            case let .decoded(list):
                for finding in list {
                    out.finding(
                        file: finding.file, line: finding.line, column: finding.column, severity: finding.severity,
                        message: finding.message, rule: finding.rule, suggestion: finding.suggestion)
                    counts.add(finding.severity)
                    if finding.rule == rule { collected.append(finding) }
                }
            case let .encoded(range):
                guard table.count == tableBytes.count else { continue }
                // Its text starts after the blank line before its heading (if there is one).
                let start = out.count + (out.count > 0 || !first ? 1 : 0)
                var groupCounts = SeverityCounts(), ofRule = 0
                // The strings' UTF-8 is copied from the state's bytes (no String is touched).
                source.withUnsafeBufferPointer { source in
                    func text(_ number: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: source[tableBytes[number]]) }
                    var first = true
                    // Checked before (`check`), so every finding reads.
                    _ = forEachEncoded(range, count: group.count) { finding, start in
                        guard let severity = severities.severity(finding.severity) else { return }
                        out.finding(
                            newFile: first ? text(finding.file) : nil, line: finding.line, column: finding.column,
                            severity: severity, message: text(finding.message), rule: text(finding.rule),
                            suggestion: finding.suggestion < 0 ? nil : text(finding.suggestion))
                        first = false
                        groupCounts.add(severity)
                        if isRule[finding.rule] == 0 { isRule[finding.rule] = table[finding.rule] == rule ? 2 : 1 }
                        if isRule[finding.rule] == 2 {
                            ofRule += 1
                            var one = StateReader(self.source, start: start, table: table)
                            if let decoded = one.diagnostic() { collected.append(decoded) }
                        }
                    }
                }
                counts.add(groupCounts)
                if groupCounts.total == group.count && out.count > start {
                    saving.append(SavedTextReport.Group(state: range.lowerBound, text: start..<out.count, counts: groupCounts, ofRule: ofRule))
                }
            }
        }
        return Lines(bytes: out.finish(), counts: counts, collected: collected, saving: saving)
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
            let message = reader.varint(), let suggestion = reader.varint()
        else { return nil }
        guard rule >= 0, rule < tableCount, severity >= 0, severity < tableCount, file >= 0, file < tableCount,
            message >= 0, message < tableCount, suggestion >= -1, suggestion < tableCount
        else { return nil }
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
