import Dispatch
import Synchronization

/// Writes diagnostics for a person: grouped by file, one line per finding with its
/// position, then the suggestion indented below it.
public struct TextReporter: Sendable {
    public var useColour: Bool

    public init(useColour: Bool) {
        self.useColour = useColour
    }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        String(decoding: reportBytes(diagnostics), as: UTF8.self)
    }

    /// The report as UTF-8 bytes, ready to write (a long report is not copied into a String).
    public func reportBytes(_ diagnostics: [Diagnostic]) -> [UInt8] {
        let parts = reportParts(diagnostics)
        return parts.count == 1 ? parts[0] : Array(parts.joined())
    }

    /// The report in parts to write one after the other (a long report is made in two halves
    /// at once, and not copied into one buffer).
    public func reportParts(_ diagnostics: [Diagnostic]) -> [[UInt8]] {
        let sorted = Diagnostic.isSorted(diagnostics) ? diagnostics : Diagnostic.sorted(diagnostics)
        // Written as bytes, and a long report (a build can report 50,000 findings) in two
        // halves at once, split where a file starts.
        var parts: [[UInt8]]
        var middle = sorted.count / 2
        while middle > 0 && middle < sorted.count && sorted[middle].file == sorted[middle - 1].file { middle += 1 }
        if sorted.count > 4_000 && middle < sorted.count {
            let middle = middle
            let halves = Mutex<[[UInt8]]>([[], []])
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let bytes = half == 0 ? lines(sorted[..<middle], first: true) : lines(sorted[middle...], first: false)
                halves.withLock { $0[half] = bytes }
            }
            // Taken out of the lock, so each half has one owner (a second reference would make
            // the summary's append below copy the whole half).
            parts = halves.withLock { halves in
                defer { halves = [] }
                return halves
            }
        } else {
            parts = [lines(sorted[...], first: true)]
        }
        if !diagnostics.isEmpty { parts[parts.count - 1].append(0x0A) }
        parts[parts.count - 1].append(contentsOf: summary(diagnostics).utf8)
        parts[parts.count - 1].append(0x0A)
        return parts
    }

    /// Each finding's lines, with a heading for each file; `first` when nothing comes before.
    private func lines(_ diagnostics: ArraySlice<Diagnostic>, first: Bool) -> [UInt8] {
        guard useColour else {
            var out = PlainReportLines(first: first, capacity: diagnostics.count * 160)
            // Each finding's fields are read in place (not the whole finding copied for each).
            for index in diagnostics.indices {
                out.finding(
                    file: diagnostics[index].file, line: diagnostics[index].line, column: diagnostics[index].column,
                    severity: diagnostics[index].severity, message: diagnostics[index].message,
                    rule: diagnostics[index].rule, suggestion: diagnostics[index].suggestion)
            }
            return out.finish()
        }
        var out = ReportBytes()
        var currentFile: String?
        for index in diagnostics.indices {
            if diagnostics[index].file != currentFile {
                if currentFile != nil || !first { out.byte(0x0A) }
                out.text(paint(diagnostics[index].file, code: "1;4"))
                out.byte(0x0A)
                currentFile = diagnostics[index].file
            }
            out.byte(0x20); out.byte(0x20)
            out.number(diagnostics[index].line)
            out.byte(UInt8(ascii: ":"))
            out.number(diagnostics[index].column)
            out.byte(0x20); out.byte(0x20)
            let severity = diagnostics[index].severity
            out.text(paint(severity.rawValue, code: colourCode(severity)))
            out.byte(0x20); out.byte(0x20)
            out.text(diagnostics[index].message)
            out.byte(0x20); out.byte(0x20)
            out.text(paint(diagnostics[index].rule, code: "2"))
            out.byte(0x0A)
            if let suggestion = diagnostics[index].suggestion {
                out.text("      ")
                out.text(paint("\u{2192}", code: "2"))
                out.byte(UInt8(ascii: " "))
                out.text(suggestion)
                out.byte(0x0A)
            }
        }
        return out.bytes
    }

    /// The last line of a report: how many errors, warnings and suggestions.
    public static func summary(errors: Int, warnings: Int, suggestions: Int) -> String {
        if errors + warnings + suggestions == 0 { return "No problems found." }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")), \(plural(suggestions, "suggestion"))."
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return TextReporter.summary(errors: errors, warnings: warnings, suggestions: diagnostics.count - errors - warnings)
    }

    private func colourCode(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .suggestion: "1;36"
        }
    }

    private func paint(_ text: String, code: String) -> String {
        useColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// A text report's lines without colour, finding by finding, as `TextReporter` writes them.
struct PlainReportLines: ~Copyable {
    // The lines are written through a pointer (appending to an array byte by byte took 1,000
    // instructions a finding, and a build can report 57,000 findings), into an array made with
    // room for them, which `finish` hands over as it is: a long report's lines are megabytes,
    // and copying them meant as much new memory again, each page of it faulted in.
    /// Bytes before `count` are the lines written; the rest are room not yet written (never read).
    private var storage: [UInt8]
    /// How many bytes have been written.
    private(set) var count = 0
    private var currentFile: String?
    /// Whether a file's heading was written (every other heading has a blank line before it).
    private var headed: Bool
    private static let severities = [Severity.error, .warning, .suggestion].map { Array($0.rawValue.utf8) }
    private static let arrow = Array("      \u{2192} ".utf8)

    /// `first` when nothing comes before these lines in the report; `capacity` bytes to start with.
    init(first: Bool, capacity: Int = 4_096) {
        headed = !first
        storage = PlainReportLines.room(max(capacity, 256))
    }

    /// An array of `size` bytes to write into. (Bytes need no initialising, and only those written
    /// are ever read: `finish` drops the rest.)
    private static func room(_ size: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    }

    /// The lines written, in an array with room for `spare` more bytes (the summary after the
    /// last lines: appended without copying the report again).
    consuming func finish(spare: Int = 256) -> [UInt8] {
        makeRoom(spare)
        var lines: [UInt8] = []
        swap(&lines, &storage)
        lines.removeLast(lines.count - count)
        return lines
    }

    /// One finding's line, and its suggestion's, after its file's heading when the file is new.
    mutating func finding(
        file: String, line: Int, column: Int, severity: Severity, message: String, rule: String,
        suggestion: String?
    ) {
        var file = file, message = message, rule = rule, suggestion = suggestion
        let newFile = file != currentFile
        currentFile = file
        file.withUTF8 { file in
            message.withUTF8 { message in
                rule.withUTF8 { rule in
                    guard suggestion != nil else {
                        return finding(
                            newFile: newFile ? file : nil, line: line, column: column, severity: severity,
                            message: message, rule: rule, suggestion: nil)
                    }
                    suggestion!.withUTF8 { suggestion in
                        finding(
                            newFile: newFile ? file : nil, line: line, column: column, severity: severity,
                            message: message, rule: rule, suggestion: suggestion)
                    }
                }
            }
        }
    }

    /// The same from UTF-8 bytes; `newFile` (the file's name) when the finding is its file's first
    /// (findings of one file are given all as strings or all as bytes).
    mutating func finding(
        newFile: UnsafeBufferPointer<UInt8>?, line: Int, column: Int, severity: Severity,
        message: UnsafeBufferPointer<UInt8>, rule: UnsafeBufferPointer<UInt8>,
        suggestion: UnsafeBufferPointer<UInt8>?
    ) {
        makeRoom(2 * 21 + 16 + PlainReportLines.arrow.count + (newFile?.count ?? 0) + message.count + rule.count + (suggestion?.count ?? 0))
        let blankLine = newFile != nil && headed
        if newFile != nil { headed = true }
        let start = count
        count = storage.withUnsafeMutableBufferPointer { buffer in
            var out = Writer(base: buffer.baseAddress!, count: start)
            if let newFile {
                if blankLine { out.put(0x0A) }
                out.put(newFile)
                out.put(0x0A)
            }
            out.put(0x20); out.put(0x20)
            out.put(number: line)
            out.put(UInt8(ascii: ":"))
            out.put(number: column)
            out.put(0x20); out.put(0x20)
            PlainReportLines.severities[severity == .error ? 0 : severity == .warning ? 1 : 2].withUnsafeBufferPointer { out.put($0) }
            out.put(0x20); out.put(0x20)
            out.put(message)
            out.put(0x20); out.put(0x20)
            out.put(rule)
            out.put(0x0A)
            if let suggestion {
                PlainReportLines.arrow.withUnsafeBufferPointer { out.put($0) }
                out.put(suggestion)
                out.put(0x0A)
            }
            return out.count
        }
    }

    /// Makes room for `extra` more bytes.
    private mutating func makeRoom(_ extra: Int) {
        guard count + extra > storage.count else { return }
        var grown = PlainReportLines.room(max(storage.count * 2, count + extra))
        let written = count
        grown.withUnsafeMutableBufferPointer { target in
            storage.withUnsafeBufferPointer { source in
                target.baseAddress!.update(from: source.baseAddress!, count: written)
            }
        }
        storage = grown
    }

    /// Writes bytes through a pointer (a value of its own in the loop, so nothing captured is
    /// checked for exclusive access on every byte).
    private struct Writer {
        let base: UnsafeMutablePointer<UInt8>
        var count: Int

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        @inline(__always)
        mutating func put(_ text: UnsafeBufferPointer<UInt8>) {
            guard let start = text.baseAddress, !text.isEmpty else { return }
            (base + count).update(from: start, count: text.count)
            count += text.count
        }

        /// A whole number's digits (at most 20 bytes with its sign), without making a String for it.
        mutating func put(number: Int) {
            guard number >= 0 else {
                var text = String(number)
                return text.withUTF8 { put($0) }
            }
            var divisor = 1
            while divisor <= number / 10 { divisor *= 10 }
            var rest = number
            while divisor > 0 {
                put(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
    }
}

/// The bytes of a text report as it is written (a value passed in place, so the hot loop has no
/// captured variables to check for exclusive access).
private struct ReportBytes {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A whole number's digits, without making a String for it.
    mutating func number(_ value: Int) {
        guard value >= 10 else {
            if value >= 0 { bytes.append(UInt8(ascii: "0") + UInt8(value)) } else { text(String(value)) }
            return
        }
        var divisor = 10
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
