import Foundation

/// Writes diagnostics as a JSON array with the documented, stable keys:
/// `rule`, `severity`, `file`, `line`, `column`, `endLine`, `endColumn`,
/// `message`, `suggestion` (omitted when there is none).
public struct JSONReporter: Sendable {
    public init() {}

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Diagnostic.sorted(diagnostics))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
