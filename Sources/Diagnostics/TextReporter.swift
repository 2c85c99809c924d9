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
        var out: [UInt8] = []
        out.reserveCapacity(diagnostics.count * 160)
        func append(_ text: String) {
            var text = text
            text.withUTF8 { out.append(contentsOf: $0) }
        }
        func append(_ number: Int) {
            guard number >= 0 else { return append(String(number)) }
            // Digits written from the right into a small buffer on the stack (no String per number).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
                var value = number, at = buffer.count
                repeat {
                    at -= 1
                    buffer[at] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                } while value > 0
                out.append(contentsOf: buffer[at...])
            }
        }
        // Without colour the fixed parts are bytes made once (a build can report 57,000 findings).
        let severities = Severity.allCases.map { Array($0.rawValue.utf8) }
        let arrow = Array("      \u{2192} ".utf8)
        var currentFile: String?
        for diagnostic in diagnostics {
            if diagnostic.file != currentFile {
                if currentFile != nil || !first { out.append(0x0A) }
                append(paint(diagnostic.file, code: "1;4"))
                out.append(0x0A)
                currentFile = diagnostic.file
            }
            out.append(0x20); out.append(0x20)
            append(diagnostic.line)
            out.append(UInt8(ascii: ":"))
            append(diagnostic.column)
            out.append(0x20); out.append(0x20)
            if useColour {
                append(paint(diagnostic.severity.rawValue, code: colourCode(diagnostic.severity)))
            } else {
                out.append(contentsOf: severities[Severity.allCases.firstIndex(of: diagnostic.severity)!])
            }
            out.append(0x20); out.append(0x20)
            append(diagnostic.message)
            out.append(0x20); out.append(0x20)
            append(useColour ? paint(diagnostic.rule, code: "2") : diagnostic.rule)
            out.append(0x0A)
            if let suggestion = diagnostic.suggestion {
                if useColour {
                    append("      ")
                    append(paint("\u{2192}", code: "2"))
                    out.append(UInt8(ascii: " "))
                } else {
                    out.append(contentsOf: arrow)
                }
                append(suggestion)
                out.append(0x0A)
            }
        }
        return out
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
