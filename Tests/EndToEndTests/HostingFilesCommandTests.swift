import Foundation
import XCTest

/// What `plainsite build` writes for web hosts, and what it leaves out when a value is unsafe.
final class HostingFilesCommandTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: project.root.appendingPathComponent(path).path) }

    func testEverySiteGetsItsHostingFiles() throws {
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        for file in ["_headers", "nginx.conf", ".htaccess", "web.config"] { XCTAssertTrue(exists("site/main/" + file), file) }
        XCTAssertFalse(exists("site/main/_redirects"), "no aliases, no _redirects")
        XCTAssertTrue(try project.read("site/main/nginx.conf").contains("error_page 404 /404.html;"))
    }

    func testABasePathThatCannotBeCarriedSafelyWritesNoHostingFilesAndWarns() throws {
        try project.write("plainsite.yml", "theme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: \"https://t.example/a'b;/\"\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("The hosting files of site 'main' (_headers, nginx.conf, .htaccess, web.config) were not written"), result.err)
        XCTAssertTrue(result.err.contains("config/hosting"), result.err)
        for file in ["_headers", "nginx.conf", ".htaccess", "web.config"] { XCTAssertFalse(exists("site/main/" + file), file) }
        XCTAssertTrue(exists("site/main/index.html"))
    }
}
