import ArgumentParser
import Diagnostics

/// How diagnostics are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json

    func render(_ diagnostics: [Diagnostic], colour: Bool) -> String {
        switch self {
        case .text: TextReporter(useColour: colour).report(diagnostics)
        case .json: JSONReporter().report(diagnostics)
        }
    }
}
