import Support
import XCTest

@testable import SiteBuilder

/// A cache key is hashed as it is written: the result equals XXH64 of all its bytes at once.
final class KeyHashTests: XCTestCase {
    func testStreamedHashEqualsTheOneShotHash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var writer = ByteWriter()
            var all: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let size = [0, 1, 7, 31, 32, 33, 100, 4095, 4096, 9000].randomElement(using: &generator)!
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if Bool.random(using: &generator) {
                    writer.bytes(bytes)
                    all += bytes
                } else {
                    writer.string(String(decoding: bytes.map { $0 & 0x7F }, as: UTF8.self))
                    all += withUnsafeBytes(of: UInt64(size).littleEndian, Array.init) + bytes.map { $0 & 0x7F }
                }
            }
            let key = writer.hashes()
            XCTAssertEqual(key.high, XXH64.hash(all, seed: 0x9E37_79B9_7F4A_7C15))
            XCTAssertEqual(key.low, XXH64.hash(all, seed: 0x2545_F491_4F6C_DD1D))
        }
    }

    /// Known XXH64 values (from the reference implementation).
    func testXXH64MatchesTheReference() {
        XCTAssertEqual(XXH64.hash([], seed: 0), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(XXH64.hash(Array("a".utf8), seed: 0), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(XXH64.hash(Array("abc".utf8), seed: 0), 0x44BC_2CF5_AD77_0999)
    }
}
