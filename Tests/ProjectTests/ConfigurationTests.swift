import Diagnostics
import Foundation
import Project
import XCTest

final class ConfigurationTests: XCTestCase {
    let root = URL(fileURLWithPath: "/tmp/project")

    /// Parses a made-up council's settings (`example_values: allowed` is added at the end, so no line moves).
    func parse(_ yaml: String, allowingExamples: Bool = true) -> (ProjectConfiguration?, [Diagnostic]) {
        ProjectConfiguration.parse(yaml + (allowingExamples ? "\nexample_values: allowed\n" : ""), file: "plainsite.yml", root: root)
    }

    func testExampleAddressesAndPlaceholdersAreWarnedAtTheirLine() throws {
        let (configuration, diagnostics) = parse(
            """
            organisation: Wensleydale District Council
            accessibility_statement:
              contact_email: access@wensleydale.example
              tested_by: "[Replace: who tested it]"
            sites:
              - id: council
                title: Wensleydale District Council
                base_url: https://www.wensleydale.example/
            """, allowingExamples: false)
        XCTAssertNotNil(configuration)
        let sorted = Diagnostic.sorted(diagnostics)
        XCTAssertEqual(
            sorted.map { "\($0.line):\($0.column) \($0.severity.rawValue) \($0.rule)" },
            ["3:3 warning placeholder/example-value", "4:15 warning placeholder/marker", "8:5 warning placeholder/example-value"])
        XCTAssertEqual(
            sorted[2].message,
            "'base_url' of site 'council' is 'https://www.wensleydale.example/', an address kept for examples, so the site's links, feeds and sitemap would point nowhere."
        )
    }

    func testDefaultsFillWhatIsNotSet() throws {
        let (configuration, diagnostics) = parse(
            """
            organisation: Kestrelford City Council
            sites:
              - id: townhall
                title: Kestrelford Town Hall
                base_url: https://www.kestrelford.example/townhall/
                colours:
                  brand: "#6B1D4A"
            """)
        XCTAssertEqual(diagnostics, [])
        let site = try XCTUnwrap(configuration?.sites.first)
        XCTAssertEqual(site.contentFolder, "content/townhall")
        XCTAssertEqual(site.theme, "council")
        XCTAssertEqual(site.colours.brand, "#6b1d4a")
        XCTAssertEqual(site.colours.text, "#0b0c0c")
        XCTAssertNil(site.logo)
        XCTAssertEqual(site.basePath, "/townhall/")
    }

    func testBadColourNamesTheKeyAndLine() {
        let (configuration, diagnostics) = parse(
            """
            sites:
              - id: council
                title: Council
                base_url: https://www.kestrelford.example/
                colours:
                  brand: blue
            """)
        XCTAssertNil(configuration)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].rule, "config/colour")
        XCTAssertEqual(diagnostics[0].line, 6)
        XCTAssertEqual(diagnostics[0].column, 7)
        XCTAssertTrue(diagnostics[0].message.contains("'brand'"))
    }

    func testMissingBaseURLAndUnknownKey() {
        let (configuration, diagnostics) = parse(
            """
            sites:
              - id: council
                title: Council
                colors:
                  brand: "#000000"
            """)
        XCTAssertNil(configuration)
        let rules = diagnostics.map(\.rule).sorted()
        XCTAssertEqual(rules, ["config/base-url", "config/unknown-key"])
        let unknown = diagnostics.first { $0.rule == "config/unknown-key" }!
        XCTAssertEqual(unknown.line, 4)
        XCTAssertEqual(unknown.suggestion, "Did you mean 'colours'?")
        XCTAssertEqual(diagnostics.first { $0.rule == "config/base-url" }?.line, 2)
    }

    func testDuplicateSiteIDsAndBadIDs() {
        let (_, diagnostics) = parse(
            """
            sites:
              - id: council
                title: A
                base_url: https://a.example/
              - id: council
                title: B
                base_url: https://b.example/
              - id: Town Hall
                title: C
                base_url: https://c.example/
            """)
        XCTAssertEqual(diagnostics.map(\.line), [5, 8])
        XCTAssertEqual(diagnostics.map(\.rule), ["config/site-id", "config/site-id"])
    }

    func testNoSitesAndWrongTypes() {
        XCTAssertEqual(parse("organisation: X\n").1.map(\.rule), ["config/sites"])
        let (_, diagnostics) = parse("sites:\n  - id: a\n    title: [not, text]\n    base_url: https://a.example/\n")
        XCTAssertEqual(diagnostics.map(\.rule), ["config/type"])
        XCTAssertEqual(diagnostics.first?.line, 3)
    }

    func testYAMLSyntaxErrorHasLine() {
        let (_, diagnostics) = parse("sites:\n  - id: a\n   title: b\n")
        XCTAssertEqual(diagnostics.first?.rule, "config/yaml")
        XCTAssertEqual(diagnostics.first?.line, 3)
    }

    func testMissingFileSaysWhatToDo() {
        let (configuration, diagnostics) = ProjectConfiguration.load(from: URL(fileURLWithPath: "/nonexistent/plainsite.yml"))
        XCTAssertNil(configuration)
        XCTAssertEqual(diagnostics.first?.rule, "config/missing")
        XCTAssertTrue(diagnostics.first?.suggestion?.contains("--config") ?? false)
    }
}
