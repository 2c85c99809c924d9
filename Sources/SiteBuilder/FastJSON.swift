import Foundation

/// JSON written straight into bytes, exactly as Foundation's JSONSerialization writes it with
/// `.sortedKeys` and `.withoutEscapingSlashes` (and `.prettyPrinted` where asked): the search
/// index, the open data files and each page's JSON-LD. JSONSerialization goes through
/// `Any`, NSNumber and a locale-aware key sort for every value, which made it a large part of
/// a rebuild. Tests compare both writers on the same values.
enum FastJSON {
    /// The JSON of a value; values this writer does not handle go to JSONSerialization.
    static func encode(_ value: Any, pretty: Bool = false) throws -> Data {
        if let data = data(value, pretty: pretty) { return data }
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        return try JSONSerialization.data(withJSONObject: value, options: options)
    }

    /// Values are strings, whole numbers, doubles, booleans, arrays and string-keyed maps.
    static func data(_ value: Any, pretty: Bool = false) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        guard write(value, into: &out, pretty: pretty, indent: 0) else { return nil }
        return Data(out)
    }

    private static func write(_ value: Any, into out: inout [UInt8], pretty: Bool, indent: Int) -> Bool {
        // The common exact types first, without the general casts below (which they would match
        // in the same way: none of them can be cast to a type tested before its own).
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == ExactType.string {
            string(value as! String, into: &out)
            return true
        }
        if type == ExactType.map { return write(map: value as! [String: Any], into: &out, pretty: pretty, indent: indent) }
        if type == ExactType.list { return write(list: value as! [Any], into: &out, pretty: pretty, indent: indent) }
        if type == ExactType.mapList { return write(maps: value as! [[String: Any]], into: &out, pretty: pretty, indent: indent) }
        switch value {
        case let text as String:
            string(text, into: &out)
        case let flag as Bool:
            out += Array((flag ? "true" : "false").utf8)
        case let number as Int:
            out += Array(String(number).utf8)
        case let number as Double:
            // Whole numbers and ordinary decimals only; anything else is left to JSONSerialization.
            guard number.isFinite, abs(number) < 1e15 else { return false }
            if number == number.rounded() {
                out += Array(String(Int(number)).utf8)
            } else {
                let text = String(number)
                guard !text.contains("e") else { return false }
                out += Array(text.utf8)
            }
        case let map as [String: Any]:
            return write(map: map, into: &out, pretty: pretty, indent: indent)
        case let list as [Any]:
            return write(list: list, into: &out, pretty: pretty, indent: indent)
        default:
            return false
        }
        return true
    }

    enum ExactType {
        static let string = ObjectIdentifier(String.self)
        static let map = ObjectIdentifier([String: Any].self)
        static let list = ObjectIdentifier([Any].self)
        static let mapList = ObjectIdentifier([[String: Any]].self)
    }

    private static func write(map: [String: Any], into out: inout [UInt8], pretty: Bool, indent: Int) -> Bool {
        if map.isEmpty { if pretty { return false }; out += Array("{}".utf8); return true }
        // Foundation compares keys numerically and by locale: keys with digits or beyond ASCII go there.
        guard map.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 && !(0x30...0x39).contains($0) } }) else { return false }
        out.append(UInt8(ascii: "{"))
        var first = true
        // Keys without capital letters (nearly all) sort the same by plain comparison.
        let keys =
            map.keys.allSatisfy({ $0.utf8.allSatisfy { !(0x41...0x5A).contains($0) } })
            ? map.keys.sorted() : map.keys.sorted(by: keyOrder)
        for key in keys {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            if pretty { newline(&out, indent + 1) }
            string(key, into: &out)
            if pretty {
                out.append(UInt8(ascii: " ")); out.append(UInt8(ascii: ":")); out.append(UInt8(ascii: " "))
            } else {
                out.append(UInt8(ascii: ":"))
            }
            guard write(map[key]!, into: &out, pretty: pretty, indent: indent + 1) else { return false }
        }
        if pretty { newline(&out, indent) }
        out.append(UInt8(ascii: "}"))
        return true
    }

    private static func write(list: [Any], into out: inout [UInt8], pretty: Bool, indent: Int) -> Bool {
        if list.isEmpty { if pretty { return false }; out += Array("[]".utf8); return true }
        out.append(UInt8(ascii: "["))
        for (index, item) in list.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(&out, indent + 1) }
            guard write(item, into: &out, pretty: pretty, indent: indent + 1) else { return false }
        }
        if pretty { newline(&out, indent) }
        out.append(UInt8(ascii: "]"))
        return true
    }

    private static func write(maps list: [[String: Any]], into out: inout [UInt8], pretty: Bool, indent: Int) -> Bool {
        if list.isEmpty { if pretty { return false }; out += Array("[]".utf8); return true }
        out.append(UInt8(ascii: "["))
        for (index, item) in list.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(&out, indent + 1) }
            guard write(map: item, into: &out, pretty: pretty, indent: indent + 1) else { return false }
        }
        if pretty { newline(&out, indent) }
        out.append(UInt8(ascii: "]"))
        return true
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

    static func string(_ text: String, into out: inout [UInt8]) {
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
    static func forHTML(_ data: Data) -> String {
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
