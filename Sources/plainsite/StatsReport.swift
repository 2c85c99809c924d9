import Content
import Diagnostics
import Foundation
import Prose
import SiteBuilder

/// `plainsite lint --stats`: readability figures per page, as a table or JSON.
enum StatsReport {
    static func table(_ results: [LintRunner.FileResult]) -> String {
        let header = ["page", "words", "sentences", "reading age", "Flesch", "FK grade", "Fog", "SMOG", "Coleman-Liau", "ARI", "passive"]
        var rows: [[String]] = []
        for result in results {
            guard let s = result.readability else { continue }
            rows.append([
                Diagnostic.visible(result.file), "\(s.words)", "\(s.sentences)", fixed(s.readingAge), fixed(s.fleschReadingEase),
                fixed(s.fleschKincaidGrade), fixed(s.gunningFog), fixed(s.smog), fixed(s.colemanLiau),
                fixed(s.automatedReadabilityIndex), "\(Int(s.passiveSentencesPercent.rounded()))%",
            ])
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    static func fixed(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    struct FileStats: Encodable {
        struct Sentence: Encodable {
            var line: Int
            var text: String
            var grade: Double
        }

        var file: String
        var readability: ReadabilityScores?
        var hardestSentences: [Sentence]
    }

    struct Document: Encodable {
        var diagnostics: [Diagnostics.Diagnostic]
        var files: [FileStats]
    }

    static func json(_ results: [LintRunner.FileResult]) -> String {
        let document = Document(
            diagnostics: Diagnostics.Diagnostic.sorted(results.flatMap(\.diagnostics)),
            files: results.map { result in
                FileStats(
                    file: result.file, readability: result.readability,
                    hardestSentences: result.hardestSentences.map { .init(line: $0.line, text: $0.text, grade: ($0.grade * 10).rounded() / 10) })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
