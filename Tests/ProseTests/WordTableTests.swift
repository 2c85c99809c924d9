import Markdown
import XCTest

@testable import Prose

/// `WordTable` must answer exactly as a `Dictionary<String, Int32>` would.
final class WordTableTests: XCTestCase {
    func testAgreesWithDictionary() {
        var table = WordTable(capacity: 4)
        var dictionary: [String: Int32] = [:]
        var words: [String] = ["a", "the", "in", "order", "utilise", "e.g.", "5:30pm", "council's", "drop-in", "x", ""]
        words += ["café", "naïve", "straße", "\u{FFFC}", "cafe\u{301}", "日本語", "kestrelford’s"]
        words += (0..<3000).map { "word\($0)" }
        for (index, word) in words.enumerated() where dictionary[word] == nil {
            dictionary[word] = Int32(index)
            table.insert(word, Int32(index))
        }
        XCTAssertEqual(table.count, dictionary.count)
        let probes = words + ["missing", "Word1", "WORD2", "caf\u{E9}", "b", "words", "word3000", "ordera"]
        for probe in probes {
            XCTAssertEqual(table[probe], dictionary[probe], probe)
        }
        // "café" written with a combining accent is the same String as the precomposed one.
        XCTAssertEqual(table["cafe\u{301}"], dictionary["caf\u{E9}"])
    }

    func testLookupOnBytesLowerCasesASCII() {
        var table = WordTable()
        table.insert("utilise", 7)
        table.insert("in", 3)
        table.insert("café", 9)
        func lookup(_ text: String) -> Int32?? {
            Array(text.utf8).withUnsafeBufferPointer { table.value(asciiLowercasing: $0) }
        }
        XCTAssertEqual(lookup("utilise"), .some(7))
        XCTAssertEqual(lookup("Utilise"), .some(7))
        XCTAssertEqual(lookup("UTILISE"), .some(7))
        XCTAssertEqual(lookup("In"), .some(3))
        XCTAssertEqual(lookup("utilised"), .some(nil))
        XCTAssertEqual(lookup("[n"), .some(nil))
        XCTAssertEqual(lookup(""), .some(nil))
        // Not ASCII: the caller must look the word's lower-case String up instead.
        XCTAssertTrue(lookup("café") == nil)
        XCTAssertEqual(table["café"], 9)
    }

    /// Every word of a page gets the same vocabulary id from its bytes as from its String.
    func testProseBlockIDsMatchTheVocabulary() {
        let text = "We Utilise the drop-in centre IN ORDER TO help. Café opening times: 9am to 5pm, e.g. Monday \u{FFFC} naïve."
        let block = ProseBlock(TextBlock(kind: .paragraph, text: text, line: 1))
        XCTAssertEqual(block.wordIDs, block.words.map { Vocabulary.ids[$0.lower] ?? -1 })
        XCTAssertTrue(block.wordIDs.contains { $0 >= 0 })
    }
}
