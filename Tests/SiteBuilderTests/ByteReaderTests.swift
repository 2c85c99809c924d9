import XCTest

@testable import SiteBuilder

/// The state and cache read their strings through `ByteReader.validText`, which must accept
/// and refuse exactly what `String(validating:as:)` does.
final class ByteReaderTests: XCTestCase {
    func testValidTextAgreesWithStringValidating() {
        var inputs: [[UInt8]] = [
            [], Array("plain ASCII".utf8), Array("café, naïve, 日本語, 🚮 and kestrelford’s".utf8), [0x00],
            [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xE2, 0x82, 0x41], [0xF0, 0x90, 0x80], [0xF0, 0x90, 0x80, 0x41],
            [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80],
            [0xEF, 0xBF, 0xBD], [0x41, 0xEF, 0xBF, 0xBD, 0x42],
        ]
        // Every one- and two-byte sequence, and random bytes.
        for a in 0...255 { inputs.append([UInt8(a)]) }
        for a in stride(from: 0x80, through: 0xFF, by: 1) { for b in stride(from: 0, through: 0xFF, by: 3) { inputs.append([UInt8(a), UInt8(b)]) } }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            inputs.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        var valid = 0
        for input in inputs {
            let expected = input.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
            let found = input.withUnsafeBufferPointer { ByteReader.validText($0) }
            XCTAssertEqual(found, expected, "\(input)")
            if expected != nil { valid += 1 }
        }
        XCTAssertGreaterThan(valid, 300)
        XCTAssertGreaterThan(inputs.count - valid, 3_000)
    }

    /// Numbers read back as written, one byte or many; a number cut short, or longer than 64
    /// bits, is not read.
    func testVarintsReadBackAsWritten() {
        var values = [0, 1, -1, 2, -2, 63, -64, 64, -65, 127, 128, -129, 300, 8_191, 8_192, 1 << 40, -(1 << 40), Int.max, Int.min]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { values.append(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator)) }
        var writer = ByteWriter()
        for value in values { writer.varint(value) }
        var reader = ByteReader(writer.buffer)
        for value in values { XCTAssertEqual(reader.varint(), value) }
        XCTAssertTrue(reader.atEnd)
        XCTAssertNil(reader.varint())
        var cut = ByteWriter()
        cut.varint(1 << 20)
        var short = ByteReader(Array(cut.buffer.dropLast()))
        XCTAssertNil(short.varint())
        var long = ByteReader([UInt8](repeating: 0xFF, count: 10) + [0x01])
        XCTAssertNil(long.varint())
        var one = ByteReader([0x05, 0x06])
        XCTAssertEqual(one.varint(), -3)
        XCTAssertEqual(one.varint(), 3)
    }
}
