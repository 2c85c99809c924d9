/// A compact binary form for `Codable` values, read much faster than JSON (the page cache's
/// entries). Every value starts with a tag byte; numbers are variable-length; a list or an object
/// carries its item count and its length in bytes, so an object's members can be found by name
/// without reading the values in between. Reading checks every length against the input, so a
/// damaged input throws (never traps).
public enum BinaryCoder {
    enum Tag: UInt8 {
        case null = 0
        case isFalse = 1
        case isTrue = 2
        case int = 3
        case uint = 4
        case double = 5
        case string = 6
        case list = 7
        case object = 8
    }

    /// The bytes of a value.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = BinaryTreeEncoder()
        try value.encode(to: encoder)
        var out: [UInt8] = []
        encoder.root.write(into: &out)
        return out
    }

    /// A variable-length unsigned number (7 bits a byte, low first), as lengths are written.
    public static func varint(_ value: UInt64) -> [UInt8] { BinaryBox.varint(value) }

    /// The length `varint` wrote at `offset`, and the offset after it; nil when it is damaged or
    /// longer than what follows it.
    public static func length(in bytes: [UInt8], at offset: Int) -> (value: Int, next: Int)? {
        guard offset >= 0, offset <= bytes.count else { return nil }
        return try? BinaryReader(bytes: bytes, end: bytes.count).length(offset)
    }

    /// The value `encode` wrote in `bytes[range]`; nil when the bytes do not hold one entirely.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], in range: Range<Int>? = nil) -> T? {
        let range = range ?? 0..<bytes.count
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        let reader = BinaryReader(bytes: bytes, end: range.upperBound)
        guard let end = try? reader.skip(range.lowerBound), end == range.upperBound else { return nil }
        return try? T(from: BinaryValueDecoder(reader: reader, offset: range.lowerBound))
    }
}

/// The input of a decoding, with bounds-checked reads.
final class BinaryReader: Sendable {
    let bytes: [UInt8]
    let end: Int

    init(bytes: [UInt8], end: Int) {
        self.bytes = bytes
        self.end = end
    }

    static func corrupt() -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "damaged binary value"))
    }

    func byte(_ offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < end else { throw BinaryReader.corrupt() }
        return bytes[offset]
    }

    /// A variable-length unsigned number (7 bits a byte, low first) and the offset after it.
    func varint(_ offset: Int) throws -> (value: UInt64, next: Int) {
        var value: UInt64 = 0, shift: UInt64 = 0, at = offset
        while true {
            let byte = try self.byte(at)
            at += 1
            guard shift < 64 else { throw BinaryReader.corrupt() }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return (value, at) }
            shift += 7
        }
    }

    /// A length or count: a varint that fits in what is left of the input.
    func length(_ offset: Int) throws -> (value: Int, next: Int) {
        let (value, next) = try varint(offset)
        guard value <= UInt64(end - next) else { throw BinaryReader.corrupt() }
        return (Int(value), next)
    }

    /// The header of a list or object at `offset` (its tag checked): item count, first item, end.
    func container(_ offset: Int, _ tag: BinaryCoder.Tag) throws -> (count: Int, first: Int, end: Int) {
        guard try byte(offset) == tag.rawValue else { throw BinaryReader.corrupt() }
        let (count, afterCount) = try length(offset + 1)
        let (size, first) = try length(afterCount)
        return (count, first, first + size)
    }

    /// The offset just after the value at `offset`.
    func skip(_ offset: Int) throws -> Int {
        guard let tag = BinaryCoder.Tag(rawValue: try byte(offset)) else { throw BinaryReader.corrupt() }
        switch tag {
        case .null, .isFalse, .isTrue: return offset + 1
        case .int, .uint: return try varint(offset + 1).next
        case .double:
            guard end - offset > 8 else { throw BinaryReader.corrupt() }
            return offset + 9
        case .string:
            let (size, start) = try length(offset + 1)
            return start + size
        case .list, .object: return try container(offset, tag).end
        }
    }

    func string(_ offset: Int) throws -> String {
        guard try byte(offset) == BinaryCoder.Tag.string.rawValue else { throw BinaryReader.corrupt() }
        let (size, start) = try length(offset + 1)
        return String(decoding: bytes[start..<start + size], as: UTF8.self)
    }

    /// True when the string at `offset` is exactly `text` (an object member's name).
    func stringEquals(_ offset: Int, _ text: String) throws -> Bool {
        guard try byte(offset) == BinaryCoder.Tag.string.rawValue else { throw BinaryReader.corrupt() }
        let (size, start) = try length(offset + 1)
        var text = text
        return text.withUTF8 { utf8 in utf8.count == size && utf8.elementsEqual(bytes[start..<start + size]) }
    }

    func bool(_ offset: Int) throws -> Bool {
        switch try byte(offset) {
        case BinaryCoder.Tag.isTrue.rawValue: return true
        case BinaryCoder.Tag.isFalse.rawValue: return false
        default: throw BinaryReader.corrupt()
        }
    }

    func int64(_ offset: Int) throws -> Int64 {
        guard try byte(offset) == BinaryCoder.Tag.int.rawValue else { throw BinaryReader.corrupt() }
        let raw = try varint(offset + 1).value
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    func uint64(_ offset: Int) throws -> UInt64 {
        guard try byte(offset) == BinaryCoder.Tag.uint.rawValue else { throw BinaryReader.corrupt() }
        return try varint(offset + 1).value
    }

    func double(_ offset: Int) throws -> Double {
        guard try byte(offset) == BinaryCoder.Tag.double.rawValue, end - offset > 8 else { throw BinaryReader.corrupt() }
        var raw: UInt64 = 0
        for index in 0..<8 { raw |= UInt64(bytes[offset + 1 + index]) << UInt64(index * 8) }
        return Double(bitPattern: raw)
    }

    /// A fixed-width integer type from its encoded value, refused when out of range.
    func integer<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) throws -> T {
        let value: T?
        if try byte(offset) == BinaryCoder.Tag.uint.rawValue {
            value = T(exactly: try uint64(offset))
        } else {
            value = T(exactly: try int64(offset))
        }
        guard let value else { throw BinaryReader.corrupt() }
        return value
    }
}
