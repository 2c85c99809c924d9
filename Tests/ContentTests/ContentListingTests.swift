import Foundation
import Project
import Support
import XCTest

@testable import Content

/// The content folder is listed once with `readdir` (files and symbolic links together) and
/// pages are read on every core; link targets skip Foundation's percent decoding when there is
/// no '%'. These check the results are those of the slower code they replaced.
final class ContentListingTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Links are found at any depth, also in "_" folders (as FileManager's enumerator found them),
    /// never in hidden folders, and never followed; files are listed as before.
    func testOneWalkFindsFilesAndSymbolicLinks() throws {
        let manager = FileManager.default
        try write("content/main/index.md", "---\ntitle: Home\n---\n")
        try write("content/main/bins/collection.md", "---\ntitle: Bins\n---\n")
        try write("content/main/_drafts/draft.md", "draft")
        try write("content/main/.hidden/secret.md", "hidden")
        try write("outside/secret.txt", "secret")
        let main = root.appendingPathComponent("content/main")
        try manager.createSymbolicLink(atPath: main.appendingPathComponent("bins/link.md").path, withDestinationPath: "collection.md")
        try manager.createSymbolicLink(
            atPath: main.appendingPathComponent("_drafts/out.txt").path,
            withDestinationPath: root.appendingPathComponent("outside/secret.txt").path)
        try manager.createSymbolicLink(atPath: main.appendingPathComponent(".hidden/link.md").path, withDestinationPath: "secret.md")
        try manager.createSymbolicLink(
            atPath: main.appendingPathComponent("folder-link").path,
            withDestinationPath: root.appendingPathComponent("outside").path)

        let listing = FolderWalker.filesAndLinks(under: main)
        XCTAssertEqual(listing.files, ["_drafts/draft.md", "bins/collection.md", "index.md"])
        XCTAssertEqual(listing.links, ["_drafts/out.txt", "bins/link.md", "folder-link"])
        XCTAssertEqual(FolderWalker.files(under: main), listing.files)
        XCTAssertEqual(SiteContent.files(under: main), ["bins/collection.md", "index.md"])

        let found = SiteContent.symbolicLinks(listing.links, under: main, contentFolder: "content/main", root: root)
        XCTAssertEqual(found.map(\.file), ["content/main/_drafts/out.txt", "content/main/bins/link.md", "content/main/folder-link"])
        XCTAssertEqual(found.map(\.severity), [.error, .warning, .error])
        XCTAssertTrue(found[1].suggestion?.contains("content/main/bins/collection.md") ?? false, "\(found[1])")
    }

    /// Pages read on every core come out in file order with the same findings as a serial read:
    /// a file that is not UTF-8 and two files published at one address.
    func testPagesReadInParallelKeepFileOrderAndFindings() throws {
        try write("plainsite.yml", "organisation: Test Council\nsites:\n  - id: main\n    title: Test\n    base_url: https://www.test.example/\n")
        try write("content/main/index.md", "---\ntitle: Home\n---\nHello.\n")
        for number in 0..<200 { try write("content/main/pages/page-\(number).md", "---\ntitle: Page \(number)\n---\nText \(number).\n") }
        try write("content/main/pages/page-5/index.md", "---\ntitle: Again\n---\n")
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0x0A]).write(to: root.appendingPathComponent("content/main/bad.md"))
        try write("content/main/leaflet.pdf", "%PDF")
        let (loaded, problems) = ProjectConfiguration.load(from: root.appendingPathComponent("plainsite.yml"))
        let configuration = try XCTUnwrap(loaded, "\(problems)")
        let content = SiteContent(site: configuration.sites[0], root: root)
        let expected = SiteContent.files(under: root.appendingPathComponent("content/main"))
            .filter { $0.hasSuffix(".md") && $0 != "bad.md" && $0 != "pages/page-5/index.md" }
        XCTAssertEqual(content.pages.map(\.relativePath), expected)
        XCTAssertEqual(content.pages.first { $0.relativePath == "pages/page-7.md" }?.source.frontMatter.title, "Page 7")
        XCTAssertEqual(content.staticFiles.map(\.0), ["leaflet.pdf"])
        XCTAssertEqual(content.diagnostics.map(\.rule), ["content/encoding", "content/duplicate-url"])
        XCTAssertEqual(content.diagnostics.map(\.file), ["content/main/bad.md", "content/main/pages/page-5/index.md"])
        XCTAssertEqual(content.diagnostics.first?.line, 2)
    }

    /// A path is published unless one of its parts starts with "_" or "." (checked on bytes,
    /// the same answer as splitting the path into its parts).
    func testPublishablePathsOnBytesAgreeWithSplittingIntoParts() {
        func byParts(_ path: String) -> Bool {
            !path.split(separator: "/").contains { $0.unicodeScalars.first == "_" || $0.unicodeScalars.first == "." }
        }
        let paths = [
            "bins.md", "_data/bins.yml", "council/_drafts/a.md", ".git/config", "council/.hidden.md", "a//_b.md", "/_a.md",
            "caf\u{e9}/menu.md", "a_b/c.d.md", "council/tax.md", "", "/", "a/", "_", ".", "x/y/z_/.w",
        ]
        for path in paths {
            XCTAssertEqual(SiteContent.isPublishable(path), byParts(path), path)
        }
        XCTAssertFalse(SiteContent.isPublishable("council/_drafts/a.md"))
        XCTAssertTrue(SiteContent.isPublishable("council/bins-and-recycling/index.md"))
    }
}
