import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Output
import PageBuild
import Project
import Support
import XCTest

@testable import PageCache
@testable import SiteBuilder

/// The page cache's stores: entries on disk that cannot be trusted are ignored, links are never
/// read or written through, and the in-memory store serves repeated builds.
final class PageCacheBuildTests: IncrementalTestCase {
    /// An entry whose HTML, header or length was damaged, or which sits under another page's
    /// key, is ignored: its page is built again, the build equals a clean one, and the entry is
    /// saved again for the next build.
    func testDamagedOrTruncatedEntriesAreIgnoredAndTheirPagesRebuilt() throws {
        XCTAssertTrue(try build(into: "site").published)
        let entries = try entryFiles(site: "council")
        XCTAssertGreaterThan(entries.count, 30)
        var html = try Data(contentsOf: entries[0])
        html[html.count - 10] ^= 0x20
        try html.write(to: entries[0])
        let truncated = try Data(contentsOf: entries[1])
        try truncated.prefix(truncated.count / 2).write(to: entries[1])
        var header = try Data(contentsOf: entries[2])
        header[5] ^= 0x01
        try header.write(to: entries[2])
        try FileManager.default.removeItem(at: entries[3])
        try FileManager.default.copyItem(at: entries[4], to: entries[3])
        let rebuilt = try build(into: "site")
        XCTAssertTrue(rebuilt.published)
        XCTAssertEqual(rebuilt.cacheMisses, 4)
        XCTAssertEqual(rebuilt.cacheWarnings, [])
        let clean = try build(into: "clean", cache: false)
        assertSameReport(rebuilt, clean)
        try assertSameOutput("site", "clean")
        let again = try build(into: "site")
        XCTAssertEqual(again.cacheMisses, 0)
    }

    /// An entry replaced by a link to a file elsewhere is not read through (its page is built
    /// again) and not written through (the file it points to is untouched).
    func testALinkInPlaceOfAnEntryIsNeitherReadNorWrittenThrough() throws {
        XCTAssertTrue(try build(into: "site").published)
        let entry = try XCTUnwrap(try entryFiles(site: "council").first)
        let elsewhere = project.appendingPathComponent("elsewhere-entry")
        try FileManager.default.moveItem(at: entry, to: elsewhere)
        let kept = try Data(contentsOf: elsewhere)
        try FileManager.default.createSymbolicLink(at: entry, withDestinationURL: elsewhere)
        let rebuilt = try build(into: "site")
        XCTAssertTrue(rebuilt.published)
        XCTAssertEqual(rebuilt.cacheMisses, 1)
        XCTAssertEqual(try Data(contentsOf: elsewhere), kept)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: entry.path)[.type] as? FileAttributeType, .typeSymbolicLink)
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
    }

    /// A link in the cache's place is refused before anything is built; one in place of the
    /// cache's format folder means no cache (a warning), never a folder made through it.
    func testLinksInTheCachesPlaceAreRefused() throws {
        let elsewhere = project.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let cache = project.appendingPathComponent(".plainsite-cache")
        try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: elsewhere)
        let refused = try build(into: "site")
        XCTAssertFalse(refused.published)
        XCTAssertNotNil(refused.setupError)
        XCTAssertTrue(try build(into: "site", cache: false).published, "without the cache the link is not used")
        try FileManager.default.removeItem(at: cache)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: cache.appendingPathComponent(DiskPageStore.formatFolder), withDestinationURL: elsewhere)
        let uncached = try build(into: "site")
        XCTAssertTrue(uncached.published)
        XCTAssertFalse(uncached.cacheWarnings.isEmpty)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    }

    /// A link in place of one of the folders entries are spread over means no cache (a
    /// warning): nothing is written through it.
    func testALinkInPlaceOfAnEntryFolderIsNotWrittenThrough() throws {
        XCTAssertTrue(try build(into: "site").published)
        let shard = try XCTUnwrap(try entryFiles(site: "council").first).deletingLastPathComponent()
        let elsewhere = project.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: shard)
        try FileManager.default.createSymbolicLink(at: shard, withDestinationURL: elsewhere)
        let uncached = try build(into: "site")
        XCTAssertTrue(uncached.published)
        XCTAssertFalse(uncached.cacheWarnings.isEmpty)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    }

    /// The folders of other cache formats are removed; the current one is kept.
    func testFoldersOfOtherFormatsAreRemoved() throws {
        try write(".plainsite-cache/pages-v4/council/pack-1", "old")
        XCTAssertTrue(try build(into: "site").published)
        let names = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent(".plainsite-cache").path)
        XCTAssertEqual(Set(names), [".gitignore", DiskPageStore.formatFolder])
    }

    /// Builds given in-memory stores take every page from them the second time, write nothing
    /// to the disk cache, and equal a clean build.
    func testTheMemoryStoreServesARepeatedBuild() throws {
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let sites = try XCTUnwrap(configuration).sites.map(\.id)
        let stores = Dictionary(uniqueKeysWithValues: sites.map { ($0, MemoryPageStore()) })
        let first = try build(into: "site", stores: stores)
        XCTAssertEqual(first.cacheHits, 0)
        XCTAssertEqual(stores.values.reduce(0) { $0 + $1.count }, first.cacheMisses)
        let second = try build(into: "site", stores: stores)
        XCTAssertEqual(second.cacheMisses, 0)
        XCTAssertEqual(second.cacheHits, first.cacheMisses)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent(".plainsite-cache/\(DiskPageStore.formatFolder)/council").path))
        let clean = try build(into: "clean", cache: false)
        assertSameReport(second, clean)
        try assertSameOutput("site", "clean")
    }
}
