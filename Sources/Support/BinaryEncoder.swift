/// A value being encoded: containers are boxes, filled by the containers `Encoder` hands out
/// (which may be asked for in any order), then written out in one pass.
final class BinaryBox {
    enum Value {
        case scalar([UInt8])
        case list([BinaryBox])
        case object([(String, BinaryBox)])
        case unset
    }

    var value: Value = .unset

    init() {}
    init(_ value: Value) { self.value = value }

    static func scalar(_ tag: BinaryCoder.Tag, _ payload: [UInt8] = []) -> BinaryBox {
        BinaryBox(.scalar([tag.rawValue] + payload))
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = [], value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    static func string(_ text: String) -> BinaryBox {
        let utf8 = Array(text.utf8)
        return scalar(.string, varint(UInt64(utf8.count)) + utf8)
    }

    static func int(_ value: Int64) -> BinaryBox {
        scalar(.int, varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))))
    }

    func write(into out: inout [UInt8]) {
        switch value {
        case .unset: out.append(BinaryCoder.Tag.null.rawValue)
        case .scalar(let bytes): out += bytes
        case .list(let items):
            var body: [UInt8] = []
            for item in items { item.write(into: &body) }
            out.append(BinaryCoder.Tag.list.rawValue)
            out += BinaryBox.varint(UInt64(items.count)) + BinaryBox.varint(UInt64(body.count)) + body
        case .object(let members):
            var body: [UInt8] = []
            for (name, item) in members {
                BinaryBox.string(name).write(into: &body)
                item.write(into: &body)
            }
            out.append(BinaryCoder.Tag.object.rawValue)
            out += BinaryBox.varint(UInt64(members.count)) + BinaryBox.varint(UInt64(body.count)) + body
        }
    }

    /// The box as a list or object (made one when still unset); writing both kinds into one box fails.
    func list() -> BinaryBox {
        if case .unset = value { value = .list([]) }
        return self
    }

    func object() -> BinaryBox {
        if case .unset = value { value = .object([]) }
        return self
    }

    func append(_ item: BinaryBox) {
        if case .list(var items) = value {
            value = .unset
            items.append(item)
            value = .list(items)
        }
    }

    func set(_ name: String, _ item: BinaryBox) {
        if case .object(var members) = value {
            value = .unset
            if let index = members.firstIndex(where: { $0.0 == name }) { members[index].1 = item } else { members.append((name, item)) }
            value = .object(members)
        }
    }
}

/// The `Encoder` of one value: its containers write into `root`.
final class BinaryTreeEncoder: Encoder {
    let root: BinaryBox
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ root: BinaryBox = BinaryBox()) { self.root = root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(BinaryKeyedEncoder<Key>(box: root.object()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { BinaryUnkeyedEncoder(box: root.list()) }

    func singleValueContainer() -> any SingleValueEncodingContainer { BinarySingleEncoder(box: root) }

    /// The box of any `Encodable`: the primitive types directly, others through an encoder.
    static func box<T: Encodable>(_ value: T) throws -> BinaryBox {
        switch value {
        case let text as String: return BinaryBox.string(text)
        case let flag as Bool: return BinaryBox.scalar(flag ? .isTrue : .isFalse)
        case let number as Int: return BinaryBox.int(Int64(number))
        default:
            let encoder = BinaryTreeEncoder()
            try value.encode(to: encoder)
            return encoder.root
        }
    }
}

struct BinarySingleEncoder: SingleValueEncodingContainer {
    let box: BinaryBox
    var codingPath: [any CodingKey] { [] }

    func set(_ item: BinaryBox) { box.value = item.value }

    mutating func encodeNil() { set(.scalar(.null)) }
    mutating func encode(_ value: Bool) { set(.scalar(value ? .isTrue : .isFalse)) }
    mutating func encode(_ value: String) { set(.string(value)) }
    mutating func encode(_ value: Double) {
        var bytes: [UInt8] = []
        for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value.bitPattern >> UInt64(index * 8))) }
        set(.scalar(.double, bytes))
    }
    mutating func encode(_ value: Float) { encode(Double(value)) }
    mutating func encode(_ value: Int) { set(.int(Int64(value))) }
    mutating func encode(_ value: Int8) { set(.int(Int64(value))) }
    mutating func encode(_ value: Int16) { set(.int(Int64(value))) }
    mutating func encode(_ value: Int32) { set(.int(Int64(value))) }
    mutating func encode(_ value: Int64) { set(.int(value)) }
    mutating func encode(_ value: UInt) { set(.scalar(.uint, BinaryBox.varint(UInt64(value)))) }
    mutating func encode(_ value: UInt8) { set(.scalar(.uint, BinaryBox.varint(UInt64(value)))) }
    mutating func encode(_ value: UInt16) { set(.scalar(.uint, BinaryBox.varint(UInt64(value)))) }
    mutating func encode(_ value: UInt32) { set(.scalar(.uint, BinaryBox.varint(UInt64(value)))) }
    mutating func encode(_ value: UInt64) { set(.scalar(.uint, BinaryBox.varint(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try BinaryTreeEncoder.box(value)) }
}

struct BinaryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: BinaryBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) { box.set(key.stringValue, .scalar(.null)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try BinaryTreeEncoder.box(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = BinaryBox().object()
        box.set(key.stringValue, nested)
        return KeyedEncodingContainer(BinaryKeyedEncoder<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = BinaryBox().list()
        box.set(key.stringValue, nested)
        return BinaryUnkeyedEncoder(box: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = BinaryBox()
        box.set(key.stringValue, nested)
        return BinaryTreeEncoder(nested)
    }
}

struct BinaryUnkeyedEncoder: UnkeyedEncodingContainer {
    let box: BinaryBox
    var codingPath: [any CodingKey] { [] }
    var count: Int {
        if case .list(let items) = box.value { return items.count }
        return 0
    }

    mutating func encodeNil() { box.append(.scalar(.null)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.append(try BinaryTreeEncoder.box(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = BinaryBox().object()
        box.append(nested)
        return KeyedEncodingContainer(BinaryKeyedEncoder<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = BinaryBox().list()
        box.append(nested)
        return BinaryUnkeyedEncoder(box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = BinaryBox()
        box.append(nested)
        return BinaryTreeEncoder(nested)
    }
}

/// The primitive types, each through `BinaryTreeEncoder.box`.
extension BinaryKeyedEncoder {
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(key.stringValue, try BinaryTreeEncoder.box(value)) }
}

extension BinaryUnkeyedEncoder {
    mutating func encode(_ value: Bool) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: String) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Double) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Float) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int8) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int16) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int32) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: Int64) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt8) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt16) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt32) throws { box.append(try BinaryTreeEncoder.box(value)) }
    mutating func encode(_ value: UInt64) throws { box.append(try BinaryTreeEncoder.box(value)) }
}
