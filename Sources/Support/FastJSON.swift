import Foundation

/// A JSON value, typed: the search index, the open data files and each page's JSON-LD.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByStringInterpolation
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// JSON written straight into bytes, as Foundation's JSONSerialization writes it with
/// `.sortedKeys` and `.withoutEscapingSlashes` (and `.prettyPrinted` where asked), so the
/// files keep their bytes: keys sorted case-insensitively, then lower case first.
public enum FastJSON {
    /// The JSON of a value.
    public static func encode(_ value: JSONValue, pretty: Bool = false) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, into: &out, pretty: pretty, indent: 0)
        return Data(out)
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch value {
        case .string(let text):
            string(text, into: &out)
        case .bool(let flag):
            out += Array((flag ? "true" : "false").utf8)
        case .int(let number):
            out += Array(String(number).utf8)
        case .double(let number):
            write(number, into: &out)
        case .object(let map):
            write(map: map, into: &out, pretty: pretty, indent: indent)
        case .array(let list):
            open(UInt8(ascii: "["), empty: list.isEmpty, into: &out, pretty: pretty, indent: indent)
            for (index, item) in list.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                write(item, into: &out, pretty: pretty, indent: indent + 1)
            }
            close(UInt8(ascii: "]"), into: &out, pretty: pretty, indent: indent)
        }
    }

    /// A whole number without a decimal point; JSON has no infinity or NaN, so they are null.
    private static func write(_ number: Double, into out: inout [UInt8]) {
        if !number.isFinite {
            out += Array("null".utf8)
        } else if number == number.rounded(), abs(number) < 1e15 {
            out += Array(String(Int(number)).utf8)
        } else {
            out += Array(String(number).utf8)
        }
    }

    private static func write(map: [String: JSONValue], into out: inout [UInt8], pretty: Bool, indent: Int) {
        open(UInt8(ascii: "{"), empty: map.isEmpty, into: &out, pretty: pretty, indent: indent)
        // Keys without capital letters (nearly all) sort the same by plain comparison.
        let keys =
            map.keys.allSatisfy({ $0.utf8.allSatisfy { !(0x41...0x5A).contains($0) } })
            ? map.keys.sorted() : map.keys.sorted(by: keyOrder)
        for (index, key) in keys.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(&out, indent + 1) }
            string(key, into: &out)
            out += pretty ? Array(" : ".utf8) : [UInt8(ascii: ":")]
            write(map[key]!, into: &out, pretty: pretty, indent: indent + 1)
        }
        close(UInt8(ascii: "}"), into: &out, pretty: pretty, indent: indent)
    }

    /// An opening bracket; pretty, an empty container has an empty line inside (as Foundation writes it).
    private static func open(_ bracket: UInt8, empty: Bool, into out: inout [UInt8], pretty: Bool, indent: Int) {
        out.append(bracket)
        if empty, pretty { out.append(UInt8(ascii: "\n")) }
    }

    private static func close(_ bracket: UInt8, into out: inout [UInt8], pretty: Bool, indent: Int) {
        if pretty { newline(&out, indent) }
        out.append(bracket)
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// JSONSerialization's `.sortedKeys` order: case-insensitive, then lower case first.
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        let x = a.lowercased(), y = b.lowercased()
        return x != y ? x < y : a > b
    }

    public static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escapes: their bytes are copied at once.
        var text = text
        let plain = text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// JSON to put inside an HTML `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 written as
    /// `\u` escapes (the same value to any JSON reader), so no text in it can end the element,
    /// open a comment (`<!--` makes browsers swallow the rest of the page) or break a script.
    public static func forHTML(_ data: Data) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            switch byte {
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
            case 0xE2 where index + 2 < data.endIndex && data[index + 1] == 0x80 && (data[index + 2] == 0xA8 || data[index + 2] == 0xA9):
                out += Array((data[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
