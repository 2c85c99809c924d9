/// Reads one value of `BinaryCoder`'s form, at `offset`.
struct BinaryValueDecoder: Decoder {
    let reader: BinaryReader
    let offset: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try BinaryKeyedDecoder<Key>(reader: reader, offset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try BinaryUnkeyedDecoder(reader: reader, offset: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleDecoder(reader: reader, offset: offset)
    }
}

/// Decodes any `Decodable` at an offset: the primitive types directly, others through a decoder.
extension BinaryReader {
    func value<T: Decodable>(_ type: T.Type, at offset: Int) throws -> T {
        if T.self == String.self { return try string(offset) as! T }
        if T.self == Int.self { return try integer(offset, as: Int.self) as! T }
        if T.self == Bool.self { return try bool(offset) as! T }
        return try T(from: BinaryValueDecoder(reader: self, offset: offset))
    }
}

struct BinarySingleDecoder: SingleValueDecodingContainer {
    let reader: BinaryReader
    let offset: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.byte(offset)) == BinaryCoder.Tag.null.rawValue }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(offset) }
    func decode(_ type: String.Type) throws -> String { try reader.string(offset) }
    func decode(_ type: Double.Type) throws -> Double { try reader.double(offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try reader.double(offset)) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(offset, as: Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(offset, as: Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(offset, as: Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(offset, as: Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(offset, as: Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(offset, as: UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(offset, as: UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(offset, as: UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(offset, as: UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(offset, as: UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.value(type, at: offset) }
}

/// An object: members found by name (in the order written first, as `Decodable` types read them).
struct BinaryKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: BinaryReader
    let first: Int
    let end: Int
    let count: Int
    var codingPath: [any CodingKey] { [] }

    init(reader: BinaryReader, offset: Int) throws {
        self.reader = reader
        (count, first, end) = try reader.container(offset, .object)
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var at = first
        for _ in 0..<count {
            guard let name = try? reader.string(at), let next = try? reader.skip(at), let after = try? reader.skip(next) else { break }
            if let key = Key(stringValue: name) { keys.append(key) }
            at = after
        }
        return keys
    }

    /// The offset of the member's value; nil when there is none.
    func find(_ key: Key) throws -> Int? {
        let name = key.stringValue
        var at = first
        for _ in 0..<count {
            let value = try reader.skip(at)
            guard value < end else { throw BinaryReader.corrupt() }
            if try reader.stringEquals(at, name) { return value }
            at = try reader.skip(value)
            guard at <= end else { throw BinaryReader.corrupt() }
        }
        return nil
    }

    func value(_ key: Key) throws -> Int {
        guard let offset = try find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "missing"))
        }
        return offset
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try reader.byte(try value(key)) == BinaryCoder.Tag.null.rawValue }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.value(type, at: try value(key)) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = try find(key), try reader.byte(offset) != BinaryCoder.Tag.null.rawValue else { return nil }
        return try reader.value(type, at: offset)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try BinaryKeyedDecoder<NestedKey>(reader: reader, offset: try value(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try BinaryUnkeyedDecoder(reader: reader, offset: try value(key))
    }

    func superDecoder() throws -> any Decoder { throw BinaryReader.corrupt() }
    func superDecoder(forKey key: Key) throws -> any Decoder { BinaryValueDecoder(reader: reader, offset: try value(key)) }
}

/// A list, read in order.
struct BinaryUnkeyedDecoder: UnkeyedDecodingContainer {
    let reader: BinaryReader
    let end: Int
    var offset: Int
    var count: Int?
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= count! }

    init(reader: BinaryReader, offset: Int) throws {
        self.reader = reader
        let header = try reader.container(offset, .list)
        (count, self.offset, end) = (header.count, header.first, header.end)
    }

    /// The offset of the next item, moving past it.
    mutating func next() throws -> Int {
        guard !isAtEnd else { throw BinaryReader.corrupt() }
        let at = offset
        offset = try reader.skip(at)
        guard offset <= end else { throw BinaryReader.corrupt() }
        currentIndex += 1
        return at
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.byte(offset) == BinaryCoder.Tag.null.rawValue else { return false }
        _ = try next()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.value(type, at: try next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try BinaryKeyedDecoder<NestedKey>(reader: reader, offset: try next()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try BinaryUnkeyedDecoder(reader: reader, offset: try next())
    }

    mutating func superDecoder() throws -> any Decoder { BinaryValueDecoder(reader: reader, offset: try next()) }
}

/// The primitive types, each read directly.
extension BinaryKeyedDecoder {
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(try value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string(try value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double(try value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try Float(try reader.double(try value(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(try value(key), as: Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(try value(key), as: Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(try value(key), as: Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(try value(key), as: Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(try value(key), as: Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(try value(key), as: UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(try value(key), as: UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(try value(key), as: UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(try value(key), as: UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(try value(key), as: UInt64.self) }
}

extension BinaryUnkeyedDecoder {
    mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(try next()) }
    mutating func decode(_ type: String.Type) throws -> String { try reader.string(try next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try reader.double(try next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try Float(try reader.double(try next())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(try next(), as: Int.self) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(try next(), as: Int8.self) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(try next(), as: Int16.self) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(try next(), as: Int32.self) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(try next(), as: Int64.self) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(try next(), as: UInt.self) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(try next(), as: UInt8.self) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(try next(), as: UInt16.self) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(try next(), as: UInt32.self) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(try next(), as: UInt64.self) }
}
