import Foundation
import HTML
import Project
import SiteBuilder
import XCTest

/// The bilingual (English and Welsh) fixture site in Tests/Fixtures/bilingual, built with the
/// repository's own theme: pages pair by file name, link to their twins with hreflang, carry
/// the right lang, show a notice where there is no twin, use the theme's Welsh words, and
/// pass every check.
final class BilingualSiteTests: XCTestCase {
    /// The fixture site and the repository's theme, copied into a temporary project.
    static func copyFixture() throws -> URL {
        let root = SampleSitesTests.root
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-bilingual-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Tests/Fixtures/bilingual"), to: project)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Sources/BuiltIn/theme/council"), to: project.appendingPathComponent("themes/council"))
        return project
    }

    func testWelshAndEnglishTwins() throws {
        let project = try Self.copyFixture()
        defer { try? FileManager.default.removeItem(at: project) }
        let (configuration, configDiagnostics) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        XCTAssertEqual(configDiagnostics, [])
        let report = Builder(configuration: try XCTUnwrap(configuration)).build(BuildOptions(outputFolder: project.appendingPathComponent("site")))
        XCTAssertEqual(report.diagnostics, [], "the bilingual site builds without any diagnostic")
        XCTAssertTrue(report.published)
        func page(_ path: String) throws -> HTMLDocument {
            HTMLDocument(html: try String(contentsOf: project.appendingPathComponent("site/cyngor/\(path)"), encoding: .utf8))
        }
        let welsh = try page("cy/bins/index.html")
        XCTAssertEqual(welsh.root?.attribute("lang"), "cy")
        XCTAssertEqual(
            welsh.elements("//link[@rel='alternate'][@hreflang]").map { "\($0.attribute("hreflang")!) \($0.attribute("href")!)" },
            ["en https://www.enghraifft.example/bins/", "cy https://www.enghraifft.example/cy/bins/"])
        let back = try XCTUnwrap(welsh.elements("//p[@class='ps-language__switch']/a").first)
        XCTAssertEqual([back.attribute("href"), back.attribute("lang"), back.normalizedText], ["/bins/", "en", "Read this page in English"])
        XCTAssertEqual(welsh.elements("//a[@class='ps-skip-link']").first?.normalizedText, "Neidio i'r prif gynnwys")
        // The read-aloud panel's words (and those its script shows) come from the Welsh translations.
        XCTAssertEqual(welsh.elements("//button[@data-action='listen']").first?.normalizedText, "Gwrando ar y dudalen hon")
        XCTAssertEqual(
            welsh.elements("//div[@class='ps-read-aloud']").first.map { [$0.attribute("data-pause"), $0.attribute("data-resume")] },
            ["Oedi", "Ailddechrau"])
        let english = try page("bins/index.html")
        XCTAssertEqual(english.root?.attribute("lang"), "en-GB")
        XCTAssertEqual(english.elements("//button[@data-action='listen']").first?.normalizedText, "Listen to this page")
        // Dates are written in the page's language.
        XCTAssertEqual(welsh.elements("//p[@class='ps-updated']").first?.normalizedText, "Diweddarwyd ddiwethaf: 1 Tachwedd 2026")
        XCTAssertEqual(english.elements("//p[@class='ps-updated']").first?.normalizedText, "Last updated: 1 November 2026")
        XCTAssertEqual(english.elements("//p[@class='ps-language__switch']/a").first?.attribute("lang"), "cy")
        XCTAssertEqual(english.elements("//div[@class='ps-passage']").first?.attribute("lang"), "cy", "a passage in Welsh carries its lang")
        let lonely = try page("parking/index.html")
        let notice = try XCTUnwrap(lonely.elements("//p[@class='ps-language__notice']").first)
        XCTAssertEqual([notice.attribute("lang"), notice.normalizedText], ["cy", "Nid yw'r dudalen hon ar gael yn Gymraeg."])
    }

    func testTranslationsThatDifferAreWarned() throws {
        let project = try Self.copyFixture()
        defer { try? FileManager.default.removeItem(at: project) }
        try Data("---\ntitle: Diwrnodau casglu biniau\ndescription: Biniau.\n---\nDim ond un paragraff.\n".utf8)
            .write(to: project.appendingPathComponent("content/cyngor/bins.cy.md"))
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let report = Builder(configuration: try XCTUnwrap(configuration)).build(BuildOptions(outputFolder: project.appendingPathComponent("site")))
        let parity = try XCTUnwrap(report.diagnostics.first { $0.rule == "content/translation-parity" })
        XCTAssertEqual(parity.file, "content/cyngor/bins.cy.md")
        XCTAssertEqual(parity.message, "This translation has 0 headings and 0 links; content/cyngor/bins.md has 1 and 0.")
    }
}
