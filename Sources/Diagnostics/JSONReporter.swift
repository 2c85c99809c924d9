import Foundation
import Synchronization

/// Writes diagnostics as a JSON array with the documented, stable keys:
/// `rule`, `severity`, `file`, `line`, `column`, `endLine`, `endColumn`,
/// `message`, `suggestion` (omitted when there is none).
public struct JSONReporter: Sendable {
    public init() {}

    /// The bytes JSONEncoder writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`,
    /// written directly, because a large site's findings made the encoder a large part of a lint
    /// (`encoderReport` is kept, and the tests compare the two; see docs/performance.md).
    public func report(_ diagnostics: [Diagnostic]) -> String {
        String(decoding: reportBytes(diagnostics), as: UTF8.self)
    }

    /// The report as UTF-8 bytes, ready to write, never made a String (it can be large).
    public func reportBytes(_ diagnostics: [Diagnostic]) -> [UInt8] {
        let sorted = Diagnostic.sorted(diagnostics)
        guard !sorted.isEmpty else { return Array("[\n\n]\n".utf8) }
        // Written in parts on every core (60,000 findings), then joined in order.
        let parts = sorted.count < 2_000 ? 1 : 8
        let size = (sorted.count + parts - 1) / parts
        let chunks = Mutex<[[UInt8]]>(Array(repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = min(part * size, sorted.count)..<min((part + 1) * size, sorted.count)
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 400)
            for index in range { JSONReporter.append(sorted[index], last: index == sorted.count - 1, to: &out) }
            chunks.withLock { $0[part] = out }
        }
        var out: [UInt8] = Array("[\n".utf8)
        chunks.withLock { chunks in
            out.reserveCapacity(2 + chunks.reduce(0) { $0 + $1.count })
            for chunk in chunks { out.append(contentsOf: chunk) }
        }
        return out
    }

    static func append(_ diagnostic: Diagnostic, last: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: "  {\n    \"column\" : ".utf8)
        appendInt(diagnostic.column, to: &out)
        out.append(contentsOf: ",\n    \"endColumn\" : ".utf8)
        appendInt(diagnostic.endColumn, to: &out)
        out.append(contentsOf: ",\n    \"endLine\" : ".utf8)
        appendInt(diagnostic.endLine, to: &out)
        out.append(contentsOf: ",\n    \"file\" : ".utf8)
        appendString(diagnostic.file, to: &out)
        out.append(contentsOf: ",\n    \"line\" : ".utf8)
        appendInt(diagnostic.line, to: &out)
        out.append(contentsOf: ",\n    \"message\" : ".utf8)
        appendString(diagnostic.message, to: &out)
        out.append(contentsOf: ",\n    \"rule\" : ".utf8)
        appendString(diagnostic.rule, to: &out)
        out.append(contentsOf: ",\n    \"severity\" : ".utf8)
        appendString(diagnostic.severity.rawValue, to: &out)
        if let suggestion = diagnostic.suggestion {
            out.append(contentsOf: ",\n    \"suggestion\" : ".utf8)
            appendString(suggestion, to: &out)
        }
        out.append(contentsOf: last ? "\n  }\n]\n".utf8 : "\n  },\n".utf8)
    }

    /// The same report from Foundation's JSONEncoder (the reference `report` must equal).
    public func encoderReport(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Diagnostic.sorted(diagnostics))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// A JSON string as JSONEncoder writes it: quotes, backslashes and control characters
    /// escaped (\b \f \n \r \t, others as \u00XX), everything else (slashes, non-ASCII) as it is.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy their bytes at once.
        let plain = string.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
