import Diagnostics
import Foundation

/// Finds what an editor must still replace before a site goes live: `[Replace: …]` markers in
/// any page, snippet or settings file, and the reserved example values (`.example` addresses,
/// Ofcom's drama phone numbers) in settings files, so nothing made up is published silently.
public enum Placeholders {
    public static let markerRule = "placeholder/marker"
    public static let exampleRule = "placeholder/example-value"

    /// Every `[Replace: what to write]` in a text file, outside HTML comments (or, with `yaml`,
    /// outside `#` comments), as a warning at its line and column.
    public static func markers(in text: String, file: String, yaml: Bool = false) -> [Diagnostic] {
        guard mayHoldMarker(text) else { return [] }
        var found: [Diagnostic] = []
        var inComment = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for marker in markers(inLine: yaml ? withoutComment(line) : line, inComment: &inComment) {
                let inside = marker.what.isEmpty ? "the council's own words" : marker.what
                found.append(
                    Diagnostic(
                        rule: markerRule, severity: .warning, file: file, line: index + 1, column: marker.column,
                        endColumn: marker.column + marker.text.count,
                        message: "'\(marker.text)' is a placeholder, so it would be published as it stands.",
                        suggestion: "Write \(inside) instead, without the brackets."))
            }
        }
        return found
    }

    /// Whether '[' followed by 'r' or 'R' is anywhere in the text: most pages have none, and are passed over in one look at their bytes.
    static func mayHoldMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 0..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "[") && bytes[index + 1] | 0x20 == UInt8(ascii: "r") {
                return true
            }
            return false
        }
    }

    /// A YAML line without its `#` comment: from a '#' at its start or after a space.
    static func withoutComment(_ line: Substring) -> Substring {
        if line.drop(while: { $0 == " " }).hasPrefix("#") { return "" }
        guard let range = line.range(of: " #") else { return line }
        return line[..<range.lowerBound]
    }

    /// The markers of one line: their text, 1-based character column and what to write.
    static func markers(inLine line: Substring, inComment: inout Bool) -> [(text: String, column: Int, what: String)] {
        var found: [(text: String, column: Int, what: String)] = []
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            if inComment {
                if characters[index...].starts(with: "-->") { inComment = false; index += 3 } else { index += 1 }
                continue
            }
            if characters[index...].starts(with: "<!--") { inComment = true; index += 4; continue }
            let rest = characters[index...]
            if rest.starts(with: "["), rest.dropFirst().prefix(8).map(String.init).joined().lowercased() == "replace:",
                let close = rest.firstIndex(of: "]")
            {
                let text = String(characters[index...close])
                let what = String(characters[(index + 9)..<close]).trimmingCharacters(in: .whitespaces)
                found.append((text, index + 1, what))
                index = close + 1
                continue
            }
            index += 1
        }
        return found
    }

    /// Markers, and unless the project allows them, example values, in a YAML settings or data file.
    public static func inSettings(_ text: String, file: String, exampleValuesAllowed: Bool) -> [Diagnostic] {
        var found = markers(in: text, file: file, yaml: true)
        guard !exampleValuesAllowed else { return found }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for value in exampleValues(in: String(withoutComment(line))) {
                found.append(
                    Diagnostic(
                        rule: exampleRule, severity: .warning, file: file, line: index + 1, column: value.column,
                        endColumn: value.column + value.text.count,
                        message: "'\(value.text)' is \(value.kind) kept for examples, not the council's own, so nobody could use it.",
                        suggestion:
                            "Write the council's real \(value.kind == "a phone number" ? "phone number" : value.kind == "a web address" ? "web address" : "email address") here."
                    ))
            }
        }
        return found
    }

    /// Email addresses, web addresses and phone numbers in a line that are reserved for examples.
    static func exampleValues(in line: String) -> [(text: String, column: Int, kind: String)] {
        var found: [(text: String, column: Int, kind: String)] = []
        var column = 1
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.count + 1 }
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"',;()[]{}<>"))
            let offset = trimmed.isEmpty ? 0 : word.distance(from: word.startIndex, to: word.range(of: trimmed)!.lowerBound)
            if let at = trimmed.lastIndex(of: "@"), isExampleHost(String(trimmed[trimmed.index(after: at)...])) {
                found.append((trimmed, column + offset, "an email address"))
            } else if let host = host(of: trimmed), isExampleHost(host) {
                found.append((trimmed, column + offset, "a web address"))
            }
        }
        for number in phoneNumbers(in: line) where isDramaNumber(number.digits) {
            found.append((number.text, number.column, "a phone number"))
        }
        return found
    }

    /// The host of an http(s) address.
    static func host(of text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        let rest = lower.drop(while: { $0 != "/" }).dropFirst(2)
        return String(rest.prefix(while: { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }))
    }

    /// Domains reserved for examples (RFC 2606 and 6761), and the example names GOV.UK's guidance uses.
    static func isExampleHost(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let reservedEndings = [".example", ".test", ".invalid", ".localhost"]
        let exampleDomains = ["example.com", "example.org", "example.net", "example.gov.uk", "example.co.uk", "example.org.uk"]
        return reservedEndings.contains { host.hasSuffix($0) || host == String($0.dropFirst()) }
            || exampleDomains.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// Runs of digits and spaces of at least 10 digits, such as '01632 960000'.
    static func phoneNumbers(in line: String) -> [(text: String, column: Int, digits: String)] {
        var found: [(text: String, column: Int, digits: String)] = []
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber || characters[index] == "+" else { index += 1; continue }
            var end = index
            while end < characters.count, characters[end].isASCII, characters[end].isNumber || characters[end] == " " || characters[end] == "+" { end += 1 }
            var text = String(characters[index..<end])
            while text.hasSuffix(" ") { text.removeLast() }
            let digits = text.filter(\.isNumber)
            if digits.count >= 10 { found.append((text, index + 1, digits)) }
            index = end
        }
        return found
    }

    /// Ofcom's numbers for drama (never given to anyone), also after a textphone prefix or +44.
    static func isDramaNumber(_ digits: String) -> Bool {
        var digits = Substring(digits)
        if digits.hasPrefix("18001") || digits.hasPrefix("18002") { digits = digits.dropFirst(5) }
        if digits.hasPrefix("44") { digits = "0" + digits.dropFirst(2) }
        let ranges = [
            "01134960", "01144960", "01154960", "01174960", "01184960", "01214960", "01314960", "01414960",
            "01514960", "01614960", "02079460", "02890180", "02920180", "01632960", "07700900", "08081570", "09098790",
        ]
        return digits.count == 11 && ranges.contains { digits.hasPrefix($0) }
    }
}
