import Content
import Foundation
import LinkCheck
import Output
import Project
import XCTest

@testable import SiteBuilder

/// Builds over the previous output (its recycled copy), the site folders' ext4 attribute, base
/// paths, and the same site from one core or several.
final class OutputRecyclingTests: IncrementalTestCase {
    func testRecycledOutputIsNeverTrusted() throws {
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertTrue(try build(into: "site").published)
        let recycle = project.appendingPathComponent("site/.plainsite-recycle/council")
        let manager = FileManager.default
        // A file changed without changing its size, a stray file, a folder where a file goes,
        // and a symbolic link to a file outside the output folder.
        let home = recycle.appendingPathComponent("index.html")
        var bytes = try Data(contentsOf: home)
        bytes[bytes.count / 2] = bytes[bytes.count / 2] == 0x61 ? 0x62 : 0x61
        try bytes.write(to: home)
        try Data("stray".utf8).write(to: recycle.appendingPathComponent("stray.html"))
        let sitemap = recycle.appendingPathComponent("sitemap.xml")
        XCTAssertTrue(manager.fileExists(atPath: sitemap.path))
        try manager.removeItem(at: sitemap)
        try manager.createDirectory(at: sitemap.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: sitemap.appendingPathComponent("inner/file.xml"))
        let outside = project.appendingPathComponent("outside.txt")
        try Data("keep me".utf8).write(to: outside)
        let search = recycle.appendingPathComponent("search/index.html")
        try manager.removeItem(at: search)
        try manager.createSymbolicLink(at: search, withDestinationURL: outside)
        let rebuilt = try build(into: "site")
        XCTAssertTrue(rebuilt.published)
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep me")
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
    }

    /// The attribute letters `lsattr -d` shows for a folder, or nil when it shows none (a
    /// filesystem without them).
    func attributes(of path: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/lsattr")
        process.arguments = ["-d", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return output.split(separator: " ").first.map(String.init)
    }

    /// Every site's folder has ext4's `T` attribute, so its page folders are spread over the
    /// disk's groups (`FolderAttributes.spreadSubfolders`), whether built fresh or over a recycled copy;
    /// the page folders themselves do not (the attribute is not inherited).
    func testSiteFoldersSpreadTheirPageFolders() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/lsattr"), try attributes(of: project.path) != nil else {
            throw XCTSkip("lsattr shows no attributes here (not ext2/3/4)")
        }
        // Fresh, beside the live sites, then over the recycled copies (a full build each time).
        for round in 0..<3 {
            XCTAssertTrue(try build(into: "site").published)
            for site in ["council", "townhall"] {
                let folder = project.appendingPathComponent("site/\(site)").path
                XCTAssertEqual(try attributes(of: folder)?.contains("T"), true, folder)
            }
            let page = project.appendingPathComponent("site/council/parking").path
            XCTAssertEqual(try attributes(of: page)?.contains("T"), false, page)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/.plainsite-recycle/council").path))
    }

    /// The base path is read without parsing a URL in the usual case; it must agree with URL.
    func testBasePathAgreesWithURLParsing() throws {
        for address in [
            "https://www.example.gov.uk/", "https://www.example.gov.uk", "https://example.org/townhall",
            "https://example.org/town/hall/", "http://localhost:8080/preview/", "https://example.org/a%20b/",
            "https://example.org/a/?x=1", "https://example.org/#top", "https://user@example.org/p/",
            "https://example.org//double/", "https://example.org/./dot/", "https://example.org/caf\u{e9}/",
        ] {
            let (configuration, _) = ProjectConfiguration.parse(
                "sites:\n  - id: main\n    title: Test\n    base_url: \"\(address)\"\n", file: "plainsite.yml", root: project)
            // Addresses without a final slash, or with a query, fragment or user, are refused.
            guard ProjectConfiguration.baseURLProblem(address) == nil else {
                XCTAssertNil(configuration, address)
                continue
            }
            let site = try XCTUnwrap(configuration?.sites.first, address)
            let path = URL(string: address).map { $0.path.isEmpty ? "/" : $0.path } ?? "/"
            XCTAssertEqual(site.basePath, path.hasSuffix("/") ? path : path + "/", address)
        }
    }

    func testParallelBuildEqualsSerialBuild() throws {
        let parallel = try build(into: "parallel", cache: false)
        let serial = try build(into: "serial", cache: false, serial: true)
        XCTAssertEqual(parallel.diagnostics, serial.diagnostics)
        XCTAssertEqual(parallel.pages, serial.pages)
        try assertSameOutput("parallel", "serial")
    }
}
