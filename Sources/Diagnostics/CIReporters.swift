import Foundation

/// GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` line per finding,
/// which GitHub shows as annotations on the pull request.
public struct GitHubReporter: Sendable {
    public init() {}

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        Diagnostic.sorted(diagnostics).map { d in
            let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            let properties =
                "file=\(Self.escapeProperty(d.file)),line=\(d.line),col=\(d.column),endLine=\(d.endLine),endColumn=\(d.endColumn),title=\(Self.escapeProperty(d.rule))"
            let message = d.message + (d.suggestion.map { " " + $0 } ?? "")
            return "::\(command) \(properties)::\(Self.escapeData(message))\n"
        }.joined()
    }
}

/// SARIF 2.1.0, the format code-scanning tools read.
public struct SARIFReporter: Sendable {
    public var toolVersion: String

    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let sorted = Diagnostic.sorted(diagnostics)
        let ruleIDs = Array(Set(sorted.map(\.rule))).sorted()
        let results = sorted.map { d in
            var message = d.message
            if let suggestion = d.suggestion { message += " " + suggestion }
            let region = SARIF.Region(startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: max(d.endColumn, d.column))
            return SARIF.Result(
                ruleId: d.rule, ruleIndex: ruleIDs.firstIndex(of: d.rule)!,
                level: d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note",
                message: SARIF.Text(text: message),
                locations: [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(artifactLocation: SARIF.Artifact(uri: d.file), region: region))])
        }
        let driver = SARIF.Driver(
            name: "Plainsite", version: toolVersion, informationUri: "https://www.gov.uk/guidance/style-guide",
            rules: ruleIDs.map { SARIF.Rule(id: $0, shortDescription: SARIF.Text(text: $0)) })
        let document = SARIF(
            schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [SARIF.Run(tool: SARIF.Tool(driver: driver), results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The parts of a SARIF 2.1.0 log Plainsite writes, named as in the format.
struct SARIF: Encodable {
    let schema: String
    let version: String
    let runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
    }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name: String
        let version: String
        let informationUri: String
        let rules: [Rule]
    }
    struct Rule: Encodable {
        let id: String
        let shortDescription: Text
    }
    struct Text: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
    }
    struct Location: Encodable { let physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        let artifactLocation: Artifact
        let region: Region
    }
    struct Artifact: Encodable { let uri: String }
    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
    }
}

/// JUnit XML with one test case per file: a file with errors fails, one with only warnings passes
/// with its findings in `system-out`.
public struct JUnitReporter: Sendable {
    public init() {}

    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `files` are every file checked, so clean files appear as passing test cases.
    public func report(_ diagnostics: [Diagnostic], files: [String], suite: String) -> String {
        let byFile = Dictionary(grouping: diagnostics, by: \.file)
        let allFiles = Array(Set(files).union(byFile.keys)).sorted()
        let failures = allFiles.filter { (byFile[$0] ?? []).hasErrors }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"plainsite\" tests=\"\(allFiles.count)\" failures=\"\(failures)\">\n"
        out += "<testsuite name=\"\(Self.xml(suite))\" tests=\"\(allFiles.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in allFiles {
            let found = Diagnostic.sorted(byFile[file] ?? [])
            out += "<testcase classname=\"plainsite.\(Self.xml(suite))\" name=\"\(Self.xml(file))\">"
            let lines = found.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]" }.joined(separator: "\n")
            let errors = found.filter { $0.severity == .error }
            if !errors.isEmpty {
                out +=
                    "<failure message=\"\(Self.xml("\(errors.count) error\(errors.count == 1 ? "" : "s")"))\" type=\"plainsite\">\(Self.xml(lines))</failure>"
            } else if !found.isEmpty {
                out += "<system-out>\(Self.xml(lines))</system-out>"
            }
            out += "</testcase>\n"
        }
        return out + "</testsuite>\n</testsuites>\n"
    }
}
