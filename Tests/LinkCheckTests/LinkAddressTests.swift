import Foundation
import Project
import XCTest

@testable import LinkCheck

/// The link checks' shortcuts for plain addresses give the answers of the general code.
final class LinkAddressTests: XCTestCase {
    func testPercentDecodingShortcutMatchesFoundation() {
        for text in ["", "bins/", "a%20b/", "caf%C3%A9", "100%", "%zz", "plain-page/#section", "£/é"] {
            XCTAssertEqual(SiteChecks.removingPercentEncoding(text), text.removingPercentEncoding, text)
        }
    }

    /// Plain addresses take a shortcut in the link checks; it must resolve every address it
    /// accepts exactly as the general resolver does, and leave the rest to it.
    func testPlainAddressShortcutMatchesTheGeneralResolver() throws {
        for base in ["https://www.test.example/", "https://www.test.example/hall/"] {
            let (configuration, _) = ProjectConfiguration.parse(
                "sites:\n  - id: main\n    title: Test\n    base_url: \"\(base)\"\n", file: "plainsite.yml",
                root: FileManager.default.temporaryDirectory)
            let site = try XCTUnwrap(configuration?.sites.first)
            let checks = SiteChecks(sites: [site], built: [], files: [:])
            let page = BuiltPage(
                site: "main", urlPath: "bins/", sourcePath: "content/main/bins.md", titleLine: 1, title: "Bins",
                anchors: [], links: [])
            var accepted = 0
            for url in [
                "/", "/bins/", "/hall/", "/hall", "/hall/bins/", "/assets/site.css", "/caf\u{e9}/", "/a/./b/", "/a/../b/",
                "/a//b/", "/.well-known/x", "/bins/#days", "/bins/?x=1", "/a%20b/", "/hall/a/b/c", "/x\\y", "//example.org/",
                "bins/", "../x/", "#top", "", "https://www.test.example/hall/x/", "/hall/.", "/hall/x.pdf",
            ] {
                let general = checks.resolveInGeneral(url, from: page, site: site)
                XCTAssertEqual(checks.resolve(url, from: page, site: site), general, url)
                if let path = SiteChecks.plainPath(url, basePath: site.basePath) {
                    accepted += 1
                    XCTAssertEqual(path, general?.path, url)
                }
            }
            XCTAssertGreaterThan(accepted, 3)
        }
    }
}
