import Foundation
import Support

/// Findings recorded by `plainsite lint --write-baseline`, so a council can adopt Plainsite
/// on old content and see only new problems. A finding is known by its file, rule and the
/// words it flags in their sentence, never by its line, so edits elsewhere do not bring it back.
public struct Baseline: Sendable {
    public static let fileName = ".plainsite-baseline.json"
    public var fingerprints: Set<String>

    struct Entry: Codable {
        var file: String
        var rule: String
        var fingerprint: String
    }

    struct Document: Codable {
        var version: Int
        var findings: [Entry]
    }

    public static func load(root: URL) -> Baseline? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(fileName).path),
            let document = try? JSONDecoder().decode(Document.self, from: data)
        else { return nil }
        return Baseline(fingerprints: Set(document.findings.map(\.fingerprint)))
    }

    /// Writes the baseline of these findings (each known by its file, rule and fingerprint);
    /// returns how many it records.
    public static func write(_ findings: [(file: String, rule: String, fingerprint: String)], root: URL) throws(FileSafetyError) -> Int {
        var entries = findings.map { Entry(file: $0.file, rule: $0.rule, fingerprint: $0.fingerprint) }
        entries.sort { ($0.file, $0.rule, $0.fingerprint) < ($1.file, $1.rule, $1.fingerprint) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Replaced whole, never written through a link (see `SafeFiles.replaceFile`).
        let data = (try? encoder.encode(Document(version: 1, findings: entries))) ?? Data()
        try SafeFiles.replaceFile(root.appendingPathComponent(fileName).path, with: data)
        return entries.count
    }
}
