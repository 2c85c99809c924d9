import Diagnostics
import XCTest

@testable import Project

/// What counts as a placeholder: `[Replace: …]` markers outside comments, and values reserved for examples.
final class PlaceholdersTests: XCTestCase {
    func testMarkersAreFoundAtTheirColumnOutsideComments() {
        let text = "---\ntitle: \"Bins\"\n---\nCall [Replace: the phone number] or [replace:x].\n<!-- [Replace: hidden] -->\n[Bins](/bins/) [Reports](/r/)\n"
        let found = Placeholders.markers(in: text, file: "content/main/bins.md")
        XCTAssertEqual(
            found.map { "\($0.line):\($0.column)-\($0.endColumn) \($0.rule)" },
            ["4:6-33 placeholder/marker", "4:37-48 placeholder/marker"])
        XCTAssertEqual(found[0].suggestion, "Write the phone number instead, without the brackets.")
        XCTAssertEqual(found[0].severity, .warning)
    }

    func testYAMLCommentsAreNotPlaceholdersButTheirValuesAre() {
        let text =
            "# Replace each '[Replace: …]'\nphone: 01632 960123 # ring us\nemail: team@council.example\nweb: https://www.example.gov.uk/bins/\nbrand: \"#1d4f91\"\nreal: 01632 961000\n"
        let found = Placeholders.inSettings(text, file: "content/_data/council.yml", exampleValuesAllowed: false)
        XCTAssertEqual(
            found.map { "\($0.line):\($0.column) \($0.rule)" },
            ["2:8 placeholder/example-value", "3:8 placeholder/example-value", "4:6 placeholder/example-value"])
        XCTAssertEqual(Placeholders.inSettings(text, file: "x.yml", exampleValuesAllowed: true), [])
    }

    func testReservedHostsAndDramaNumbers() {
        for host in ["kestrelford.example", "EXAMPLE.COM", "www.example.gov.uk", "a.test", "x.invalid", "example.org.uk"] {
            XCTAssertTrue(Placeholders.isExampleHost(host), host)
        }
        for host in ["kestrelford.gov.uk", "examples.com", "example.community", "myexample.com"] {
            XCTAssertFalse(Placeholders.isExampleHost(host), host)
        }
        for number in ["01632960000", "02079460999", "07700900123", "1800101632960000", "441632960001"] {
            XCTAssertTrue(Placeholders.isDramaNumber(number), number)
        }
        for number in ["01632961000", "02079461000", "0163296000", "999"] {
            XCTAssertFalse(Placeholders.isDramaNumber(number), number)
        }
    }
}
