import Foundation
import Support
import XCTest

@testable import PageCache
@testable import SiteBuilder

/// `BinaryCoder`: values read back as written, and damaged input gives nil, never a crash.
final class BinaryCoderTests: IncrementalTestCase {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case one, two }
        var text: String
        var empty: String
        var flag: Bool
        var numbers: [Int]
        var small: Int8
        var wide: UInt64
        var negative: Int64
        var ratio: Double
        var single: Float
        var kind: Kind
        var missing: String?
        var present: Int?
        var nested: [[String: [String?]]]
        var inner: Inner?
    }

    struct Inner: Codable, Equatable {
        var name: String
        var values: [Double]
    }

    let sample = Sample(
        text: "caf\u{e9} \"q\"\n\u{1F600}", empty: "", flag: true, numbers: [0, 1, -1, 127, 128, Int.max, Int.min], small: -128,
        wide: UInt64.max, negative: Int64.min, ratio: 9.123456789, single: 1.5, kind: .two, missing: nil, present: 0,
        nested: [["a": ["x", nil]], [:]], inner: Inner(name: "n", values: [-0.0, .infinity, 1e-300]))

    func testValuesReadBackAsWritten() throws {
        let bytes = try BinaryCoder.encode(sample)
        XCTAssertEqual(BinaryCoder.decode(Sample.self, from: bytes), sample)
        // Inside a larger buffer, by range.
        let framed = [9, 9] + bytes + [7]
        XCTAssertEqual(BinaryCoder.decode(Sample.self, from: framed, in: 2..<(2 + bytes.count)), sample)
        XCTAssertNil(BinaryCoder.decode(Sample.self, from: framed))
        XCTAssertNil(BinaryCoder.decode(Sample.self, from: framed, in: 1..<(2 + bytes.count)))
        XCTAssertNil(BinaryCoder.decode(Sample.self, from: bytes, in: 0..<(bytes.count + 1)))
    }

    /// Every truncation gives nil; every byte changed gives nil or a value, never a crash.
    func testDamagedInputGivesNilNeverACrash() throws {
        let bytes = try BinaryCoder.encode(sample)
        for length in 0..<bytes.count {
            XCTAssertNil(BinaryCoder.decode(Sample.self, from: Array(bytes.prefix(length))), "truncated to \(length)")
        }
        for index in bytes.indices {
            for change: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] ^= change
                _ = BinaryCoder.decode(Sample.self, from: damaged)
            }
        }
        XCTAssertNil(BinaryCoder.decode(Sample.self, from: [0xFF] + Array(repeating: 0xFF, count: 20)))
        XCTAssertNil(BinaryCoder.decode(Int.self, from: [3, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))
        XCTAssertNil(BinaryCoder.decode(Int8.self, from: try BinaryCoder.encode(300)))
        XCTAssertNil(BinaryCoder.decode(String.self, from: try BinaryCoder.encode(3)))
        XCTAssertNil(BinaryCoder.length(in: [0xFF, 0xFF, 0x7F], at: 0))
    }

    /// Every entry of a real build reads back and writes again to the same bytes; cut short or
    /// with any byte changed, it is refused.
    func testRealEntriesRoundTripAndRefuseDamage() throws {
        XCTAssertTrue(try build(into: "site").published)
        let entries = try entryFiles(site: "council")
        XCTAssertGreaterThan(entries.count, 30)
        for url in entries {
            let key = try XCTUnwrap(CacheKey(hex: url.lastPathComponent))
            let bytes = [UInt8](try Data(contentsOf: url))
            let entry = try XCTUnwrap(DiskPageStore.decode(bytes, key: key), url.lastPathComponent)
            XCTAssertEqual(DiskPageStore.encode(entry, key: key), bytes)
        }
        let bytes = [UInt8](try Data(contentsOf: entries[0]))
        let key = try XCTUnwrap(CacheKey(hex: entries[0].lastPathComponent))
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            XCTAssertNil(DiskPageStore.decode(Array(bytes.prefix(length)), key: key))
        }
        for index in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            var damaged = bytes
            damaged[index] ^= 0x04
            XCTAssertNil(DiskPageStore.decode(damaged, key: key), "byte \(index) changed")
        }
    }
}
