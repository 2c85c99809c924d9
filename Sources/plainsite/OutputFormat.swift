import ArgumentParser
import Diagnostics

/// How diagnostics are printed: for a person (text) or for CI.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case github
    case sarif
    case junit

    /// `files` are all the files that were checked (for JUnit's passing test cases).
    func render(_ diagnostics: [Diagnostic], colour: Bool, files: [String] = [], suite: String = "lint") -> String {
        switch self {
        case .text: TextReporter(useColour: colour).report(diagnostics)
        case .json: JSONReporter().report(diagnostics)
        case .github: GitHubReporter().report(diagnostics)
        case .sarif: SARIFReporter(toolVersion: Plainsite.version).report(diagnostics)
        case .junit: JUnitReporter().report(diagnostics, files: files, suite: suite)
        }
    }
}

/// `--fail-on`: the lowest severity that makes the command exit with 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
    case never

    func fails(_ diagnostics: [Diagnostic]) -> Bool {
        switch self {
        case .error: diagnostics.contains { $0.severity == .error }
        case .warning: diagnostics.contains { $0.severity >= .warning }
        case .never: false
        }
    }
}
