/// Writes diagnostics for a person: grouped by file, one line per finding with its
/// position, then the suggestion indented below it.
public struct TextReporter: Sendable {
    public var useColour: Bool

    public init(useColour: Bool) {
        self.useColour = useColour
    }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        var currentFile: String?
        for diagnostic in Diagnostic.sorted(diagnostics) {
            if diagnostic.file != currentFile {
                if currentFile != nil { out += "\n" }
                out += paint(diagnostic.file, code: "1;4") + "\n"
                currentFile = diagnostic.file
            }
            let position = "\(diagnostic.line):\(diagnostic.column)"
            let severity = paint(diagnostic.severity.rawValue, code: colourCode(diagnostic.severity))
            out += "  \(position)  \(severity)  \(diagnostic.message)  \(paint(diagnostic.rule, code: "2"))\n"
            if let suggestion = diagnostic.suggestion {
                out += "      \(paint("→", code: "2")) \(suggestion)\n"
            }
        }
        if !diagnostics.isEmpty { out += "\n" }
        out += summary(diagnostics) + "\n"
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
