import BuiltIn
import Foundation
import XCTest

@testable import Prose

/// The word-list reader must give exactly what Yams gives, or nothing (and Yams then reads it).
final class WordListReaderTests: XCTestCase {
    func builtInTexts() throws -> [(String, String)] {
        let names = BuiltInFiles.files(under: "words").filter { $0.hasSuffix(".yml") }
        XCTAssertEqual(names.count, 8)
        return try names.map { ($0, try XCTUnwrap(BuiltInFiles.text("words/" + $0))) }
    }

    /// Every field of two lists, in order.
    func describe(_ list: WordList) -> String {
        var lines = [list.rule, list.name, list.summary, list.source, list.severity.rawValue]
        for entry in list.entries {
            lines.append(
                [
                    entry.phrase, entry.alternative, String(entry.fix), entry.reason,
                    entry.unless.sorted().joined(separator: ","), entry.notBefore.sorted().joined(separator: ","),
                    entry.notAfter.sorted().joined(separator: ","),
                ].joined(separator: "|"))
            for form in entry.forms { lines.append("  " + form.form.joined(separator: " ") + " => " + form.replacement) }
        }
        return lines.joined(separator: "\n")
    }

    func testReadsEveryBuiltInListAsYamsDoes() throws {
        for (name, text) in try builtInTexts() {
            let document = try XCTUnwrap(WordListReader.read(text), "\(name) is not read by the fast reader")
            let fast = try XCTUnwrap(WordList(document), name)
            let yams = try WordList(yamlNodes: text, file: name)
            XCTAssertGreaterThan(fast.entries.count, 10, name)
            XCTAssertEqual(describe(fast), describe(yams), name)
        }
    }

    /// Lines changed one at a time: the reader either declines or agrees with Yams, and never
    /// reads a list Yams rejects.
    func testChangedListsAreDeclinedOrReadAsYamsDoes() throws {
        let (name, text) = try XCTUnwrap(try builtInTexts().first { $0.0 == "latin.yml" })
        let lines = text.components(separatedBy: "\n")
        let changes: [(String) -> String] = [
            { $0 + " " }, { $0 + " # note" }, { "\t" + $0 }, { " " + $0 }, { "  " + $0 }, { $0 + "\r" },
            { $0.replacingOccurrences(of: ": ", with: ":  ") }, { $0.replacingOccurrences(of: ": ", with: ": \"") },
            { $0.replacingOccurrences(of: ": ", with: ": '") + "'" }, { $0.replacingOccurrences(of: ": ", with: ": [") + "]" },
            { $0.replacingOccurrences(of: ": ", with: ": &a ") }, { $0.replacingOccurrences(of: ": ", with: ": !!str ") },
            { $0.replacingOccurrences(of: ": ", with: ": |\n      ") }, { $0 + "\n      more words" }, { $0 + "\n" + $0 },
            { $0.replacingOccurrences(of: "- ", with: "-  ") }, { $0.replacingOccurrences(of: "\"", with: "\\\"") },
            { $0.replacingOccurrences(of: ", ", with: ",") }, { $0.replacingOccurrences(of: "a", with: "a: b") },
            { $0.replacingOccurrences(of: "e", with: "#") }, { $0.replacingOccurrences(of: " ", with: " # ") },
            { _ in "---" }, { _ in "..." }, { _ in "forms:" }, { _ in "    forms:" }, { _ in "      extra: form" },
            { $0.replacingOccurrences(of: "e", with: "\u{2028}") }, { $0.replacingOccurrences(of: "e", with: "\u{85}") },
            { $0.uppercased() }, { $0.replacingOccurrences(of: ":", with: "") },
        ]
        var declined = 0, agreed = 0
        // Every third line (Yams reads each variant: the whole file takes long in a debug build).
        for (number, line) in lines.enumerated() where !line.isEmpty && number % 3 == 0 {
            for change in changes {
                var changed = lines
                changed[number] = change(line)
                let variant = changed.joined(separator: "\n")
                let yams = try? WordList(yamlNodes: variant, file: name)
                guard let document = WordListReader.read(variant), let fast = WordList(document) else { declined += 1; continue }
                agreed += 1
                let message = "line \(number + 1) as \(changed[number].debugDescription)"
                guard let yams else { return XCTFail("Yams rejects \(message), the reader reads it") }
                XCTAssertEqual(describe(fast), describe(yams), message)
            }
        }
        XCTAssertGreaterThan(declined, 300)
        XCTAssertGreaterThan(agreed, 50)
    }

    func testAnEntryWithoutAPhraseFallsBackToYamsForItsError() {
        let text = "rule: r\nname: n\nsummary: s\nsource: x\nseverity: warning\nentries:\n  - alternative: y\n"
        XCTAssertNotNil(WordListReader.read(text))
        XCTAssertThrowsError(try WordList(yaml: text, file: "bad.yml")) { error in
            XCTAssertEqual("\(error)", "bad.yml:7: 'phrase' is missing")
        }
    }

    func testSlugOnBytesAgreesWithCharacters() throws {
        var phrases = ["in order to", "e.g.", "per cent", "vis-à-vis", "  a  --  b ", "driver's license", "A/B", "", "---", "ÉCOLE 2"]
        for (name, text) in try builtInTexts() { phrases += try WordList(yaml: text, file: name).entries.map(\.phrase) }
        for phrase in phrases {
            let entry = WordList.Entry(phrase: phrase, alternative: "", forms: [], fix: false, unless: [], notBefore: [], notAfter: [], reason: "")
            XCTAssertEqual(entry.slug, WordList.Entry.slug(characters: phrase), phrase)
        }
        XCTAssertEqual(
            WordList.Entry(
                phrase: "In order to", alternative: "", forms: [], fix: false, unless: [], notBefore: [],
                notAfter: [], reason: ""
            ).slug, "in-order-to")
    }
}
