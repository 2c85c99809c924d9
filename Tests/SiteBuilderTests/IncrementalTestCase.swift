import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Output
import Project
import XCTest

@testable import PageCache
@testable import SiteBuilder

/// A copy of the repository's sample project (four sites, news lists, events, sections, shared
/// data and snippets, the real theme), plus a page with a warning, and what the incremental-build
/// tests do with it.
class IncrementalTestCase: XCTestCase {
    var project: URL!
    let today = SimpleDate("2026-11-25")!

    override func setUpWithError() throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-incremental-\(UUID().uuidString)")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        for item in ["plainsite.yml", "content", "themes"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(item), to: project.appendingPathComponent(item))
        }
        // The built-in theme's own files, copied out so that tests can edit them.
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Sources/BuiltIn/theme/council"), to: project.appendingPathComponent("themes/council"))
        try write(
            "content/council/parking/warning-page.md",
            """
            ---
            title: Parking fines
            description: How to pay a parking fine.
            ---
            We utilise cameras to check parking in the city centre.
            """)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: project)
    }

    func write(_ path: String, _ text: String) throws {
        let file = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func replace(_ path: String, _ old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = project.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) does not contain '\(old)'", file: file, line: line)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func build(
        into folder: String, cache: Bool = true, serial: Bool = false, date: SimpleDate? = nil,
        stores: [String: any PageStore] = [:]
    ) throws -> BuildReport {
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let builder = Builder(configuration: try XCTUnwrap(configuration))
        var options = BuildOptions(outputFolder: project.appendingPathComponent(folder), today: date ?? today, useCache: cache, serial: serial)
        options.pageStores = stores
        return builder.build(options)
    }

    /// Every file under a folder, by relative path.
    func files(in folder: String) throws -> [String: Data] {
        let base = project.appendingPathComponent(folder).standardizedFileURL
        var found: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
            // The previous sites, kept to be built over next time, are not part of the output.
            if path.hasPrefix(".plainsite-recycle/") { continue }
            found[path] = try Data(contentsOf: url)
        }
        return found
    }

    /// Both output folders hold the same files, byte for byte.
    func assertSameOutput(_ first: String, _ second: String, atLeast minimum: Int = 50, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = try files(in: first), b = try files(in: second)
        XCTAssertGreaterThan(a.count, minimum, file: file, line: line)
        XCTAssertEqual(Set(a.keys), Set(b.keys), "different files", file: file, line: line)
        for (path, data) in a where b[path] != data {
            XCTFail("\(path) differs between \(first) and \(second)", file: file, line: line)
        }
    }

    /// Both builds report the same findings, pages and counts, and the same text report byte for byte.
    func assertSameReport(_ first: BuildReport, _ second: BuildReport, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(first.published, second.published, file: file, line: line)
        XCTAssertEqual(first.diagnostics, second.diagnostics, file: file, line: line)
        XCTAssertEqual(first.pageCounts, second.pageCounts, file: file, line: line)
        XCTAssertEqual(first.pages, second.pages, file: file, line: line)
        let reporter = TextReporter(useColour: false)
        XCTAssertEqual(reporter.reportBytes(first.diagnostics), reporter.reportBytes(second.diagnostics), file: file, line: line)
    }

    /// Builds with the cache (twice, so the second builds over the first's recycled sites),
    /// applies the edit, builds again with the cache and once without: the two outputs and their
    /// reports must be identical. Returns the build with the cache.
    @discardableResult
    func assertIncrementalMatchesClean(
        date: SimpleDate? = nil, atLeast minimum: Int = 50, file: StaticString = #filePath, line: UInt = #line,
        _ edit: () throws -> Void
    ) throws -> BuildReport {
        XCTAssertTrue(try build(into: "incremental").published, file: file, line: line)
        XCTAssertTrue(try build(into: "incremental").published, file: file, line: line)
        try edit()
        let incremental = try build(into: "incremental", date: date)
        let clean = try build(into: "clean", cache: false, date: date)
        assertSameReport(incremental, clean, file: file, line: line)
        XCTAssertEqual(incremental.cacheWarnings, [], file: file, line: line)
        try assertSameOutput("incremental", "clean", atLeast: minimum, file: file, line: line)
        return incremental
    }

    /// The entry files of one site's disk cache, in the folders named by their keys' first two digits.
    func entryFiles(site: String) throws -> [URL] {
        let folder = project.appendingPathComponent(".plainsite-cache/\(DiskPageStore.formatFolder)/\(site)")
        var files: [URL] = []
        for shard in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(shard).path)
            XCTAssertTrue(names.allSatisfy { $0.hasPrefix(shard) }, "entries in \(shard)/ start with \(shard)")
            files += names.sorted().map { folder.appendingPathComponent(shard).appendingPathComponent($0) }
        }
        return files
    }
}
