import Foundation
import XCTest

@testable import SiteBuilder

/// The cache's packs and index (`CachePack`): entries kept by a build read back byte for byte
/// in the next, the others are dropped, and packs mostly dead are compacted into one.
final class CachePackTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func key(_ number: Int) -> CacheKey {
        CacheKey(high: UInt64(number % 7) << 60 | UInt64(number), low: UInt64(number) &* 0x9E37_79B9_7F4A_7C15)
    }

    private func entry(_ number: Int, size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ number) }
    }

    private var packs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("pack-") }
    }

    func testKeptEntriesReadBackAndTheRestAreDropped() throws {
        let first = CachePack(folder: folder)
        XCTAssertFalse(first.indexWasDamaged)
        for number in 0..<200 { first.append(entry(number, size: 50 + number), key: key(number)) }
        // Keys in any order, some twice, and one that was never added.
        XCTAssertTrue(first.finish(keeping: (0..<150).reversed().map(key) + [key(3), key(3), key(999)]))
        let second = CachePack(folder: folder)
        for number in 0..<200 {
            XCTAssertEqual(second.read(key(number)), number < 150 ? entry(number, size: 50 + number) : nil, "entry \(number)")
        }
        XCTAssertNil(second.read(key(999)))
        // A second build adds entries to a new pack and keeps some of each.
        for number in 200..<220 { second.append(entry(number, size: 60), key: key(number)) }
        XCTAssertTrue(second.finish(keeping: (100..<210).map(key)))
        XCTAssertEqual(packs.count, 2)
        let third = CachePack(folder: folder)
        for number in 0..<220 {
            let expected =
                (100..<150).contains(number)
                ? entry(number, size: 50 + number)
                : (200..<210).contains(number) ? entry(number, size: 60) : nil
            XCTAssertEqual(third.read(key(number)), expected, "entry \(number)")
        }
    }

    func testMostlyDeadPacksAreCompactedIntoOne() throws {
        let first = CachePack(folder: folder)
        for number in 0..<30 { first.append(entry(number, size: 100_000), key: key(number)) }
        XCTAssertTrue(first.finish(keeping: (0..<30).map(key)))
        let second = CachePack(folder: folder)
        second.append(entry(500, size: 1_000), key: key(500))
        // 3 MB of packs for 201 KB of live entries: copied into one new pack, the old ones removed.
        XCTAssertTrue(second.finish(keeping: [key(29), key(500), key(4)]))
        XCTAssertEqual(packs.count, 1)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(packs[0]).path)[.size] as? Int)
        XCTAssertEqual(size, 201_000)
        let third = CachePack(folder: folder)
        XCTAssertEqual(third.read(key(4)), entry(4, size: 100_000))
        XCTAssertEqual(third.read(key(29)), entry(29, size: 100_000))
        XCTAssertEqual(third.read(key(500)), entry(500, size: 1_000))
        XCTAssertNil(third.read(key(5)))
    }

    func testADamagedIndexIsNotRead() throws {
        let first = CachePack(folder: folder)
        first.append(entry(1, size: 10), key: key(1))
        XCTAssertTrue(first.finish(keeping: [key(1)]))
        let index = folder.appendingPathComponent("index")
        var bytes = try Data(contentsOf: index)
        bytes[bytes.count - 2] ^= 0x01
        try bytes.write(to: index)
        let second = CachePack(folder: folder)
        XCTAssertTrue(second.indexWasDamaged)
        XCTAssertNil(second.read(key(1)))
    }
}
