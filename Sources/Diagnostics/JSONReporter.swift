import Foundation

/// Writes diagnostics as a JSON array with the documented, stable keys:
/// `rule`, `severity`, `file`, `line`, `column`, `endLine`, `endColumn`,
/// `message`, `suggestion` (omitted when there is none).
public struct JSONReporter: Sendable {
    public init() {}

    /// The bytes JSONEncoder writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`,
    /// written directly: `plainsite lint` on 10,000 pages reports 60,000 findings, and the
    /// encoder took a tenth of the run on one core (`encoderReport` is kept, and the tests
    /// compare the two).
    public func report(_ diagnostics: [Diagnostic]) -> String {
        let sorted = Diagnostic.sorted(diagnostics)
        guard !sorted.isEmpty else { return "[\n\n]\n" }
        var out: [UInt8] = []
        out.reserveCapacity(sorted.count * 360)
        out.append(contentsOf: "[\n".utf8)
        for (index, diagnostic) in sorted.enumerated() {
            out.append(contentsOf: "  {\n    \"column\" : ".utf8)
            JSONReporter.appendInt(diagnostic.column, to: &out)
            out.append(contentsOf: ",\n    \"endColumn\" : ".utf8)
            JSONReporter.appendInt(diagnostic.endColumn, to: &out)
            out.append(contentsOf: ",\n    \"endLine\" : ".utf8)
            JSONReporter.appendInt(diagnostic.endLine, to: &out)
            out.append(contentsOf: ",\n    \"file\" : ".utf8)
            JSONReporter.appendString(diagnostic.file, to: &out)
            out.append(contentsOf: ",\n    \"line\" : ".utf8)
            JSONReporter.appendInt(diagnostic.line, to: &out)
            out.append(contentsOf: ",\n    \"message\" : ".utf8)
            JSONReporter.appendString(diagnostic.message, to: &out)
            out.append(contentsOf: ",\n    \"rule\" : ".utf8)
            JSONReporter.appendString(diagnostic.rule, to: &out)
            out.append(contentsOf: ",\n    \"severity\" : ".utf8)
            JSONReporter.appendString(diagnostic.severity.rawValue, to: &out)
            if let suggestion = diagnostic.suggestion {
                out.append(contentsOf: ",\n    \"suggestion\" : ".utf8)
                JSONReporter.appendString(suggestion, to: &out)
            }
            out.append(contentsOf: index == sorted.count - 1 ? "\n  }\n]\n".utf8 : "\n  },\n".utf8)
        }
        return String(decoding: out, as: UTF8.self)
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
