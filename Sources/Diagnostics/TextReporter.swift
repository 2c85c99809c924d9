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
            parts = halves.withLock { $0 }
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
        var out = ReportBytes()
        out.bytes.reserveCapacity(diagnostics.count * 160)
        // Without colour the fixed parts are bytes made once (a build can report 57,000 findings).
        let severities = [Severity.error, .warning, .suggestion].map { Array($0.rawValue.utf8) }
        let arrow = Array("      \u{2192} ".utf8)
        var currentFile: String?
        for index in diagnostics.indices {
            // Each finding's fields are read in place (not the whole finding copied for each).
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
            if useColour {
                out.text(paint(severity.rawValue, code: colourCode(severity)))
            } else {
                out.bytes.append(contentsOf: severities[severity == .error ? 0 : severity == .warning ? 1 : 2])
            }
            out.byte(0x20); out.byte(0x20)
            out.text(diagnostics[index].message)
            out.byte(0x20); out.byte(0x20)
            out.text(useColour ? paint(diagnostics[index].rule, code: "2") : diagnostics[index].rule)
            out.byte(0x0A)
            if let suggestion = diagnostics[index].suggestion {
                if useColour {
                    out.text("      ")
                    out.text(paint("\u{2192}", code: "2"))
                    out.byte(UInt8(ascii: " "))
                } else {
                    out.bytes.append(contentsOf: arrow)
                }
                out.text(suggestion)
                out.byte(0x0A)
            }
        }
        return out.bytes
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        let suggestions = diagnostics.count - errors - warnings
        if diagnostics.isEmpty { return "No problems found." }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")), \(plural(suggestions, "suggestion"))."
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
