/// The text rules of iCalendar (RFC 5545): escaped TEXT values, and content lines folded at
/// 75 octets with CRLF line ends, so calendar programs read titles with commas, semicolons,
/// backslashes and line breaks (and long Welsh titles) exactly as written.
enum ICalendar {
    /// Content lines are at most 75 octets, not counting the line break.
    static let lineLimit = 75

    /// A TEXT value (section 3.3.11): backslash, semicolon and comma escaped, each line break
    /// (CRLF, CR or LF) written as \n, and other control characters, which TEXT cannot hold, left out.
    static func text(_ value: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line folded (section 3.1): after at most 75 octets a CRLF and a space, never
    /// inside a character's UTF-8 bytes; the line ends with CRLF.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > lineLimit {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out + "\r\n"
    }

    /// Content lines, each folded, as one iCalendar file.
    static func document(_ lines: [String]) -> String {
        lines.map(fold).joined()
    }
}
