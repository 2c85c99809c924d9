import ArgumentParser
import Diagnostics

/// How diagnostics are printed: for a person (text) or for CI.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case github
    case sarif
    case junit

    /// The report as UTF-8 bytes in parts, to write in turn (`Terminal.printOutput`): the long
    /// ones (a large site's text or JSON report) are never made a String.
    /// `files` are all the files that were checked (for JUnit's passing test cases).
    func renderParts(_ diagnostics: [Diagnostic], colour: Bool, files: [String] = [], suite: String = "lint") -> [[UInt8]] {
        switch self {
        case .text: TextReporter(useColour: colour).reportParts(diagnostics)
        case .json: [JSONReporter().reportBytes(diagnostics)]
        case .github: [Array(GitHubReporter().report(diagnostics).utf8)]
        case .sarif: [Array(SARIFReporter(toolVersion: Plainsite.version).report(diagnostics).utf8)]
        case .junit: [Array(JUnitReporter().report(diagnostics, files: files, suite: suite).utf8)]
        }
    }
}

/// `--fail-on`: the lowest severity that makes the command exit with 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
    case never

    func fails(_ diagnostics: [Diagnostic]) -> Bool {
        fails(worst: diagnostics.map(\.severity).max())
    }

    /// Whether findings whose most serious is `worst` (nil: none) fail.
    func fails(worst: Severity?) -> Bool {
        guard let worst else { return false }
        switch self {
        case .error: return worst == .error
        case .warning: return worst >= .warning
        case .never: return false
        }
    }
}
