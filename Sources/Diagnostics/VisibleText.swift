extension Diagnostic {
    /// `text` safe to print on a terminal or in a CI log: control characters (so terminal escape
    /// sequences), bidirectional controls, zero-width characters and line or paragraph
    /// separators are written as `\u{…}`. With `keepingNewlines`, line breaks stay.
    public static func visible(_ text: String, keepingNewlines: Bool = false) -> String {
        // Most text is printable ASCII: one pass over its bytes says so.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (keepingNewlines && $0 == 0x0A) }) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if (scalar.value >= 0x20 && scalar.value < 0x7F) || keepingNewlines && scalar == "\n" || !isHidden(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Control, format (bidirectional, zero-width) and separator characters, and non-characters.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse: return true
        default: return scalar.properties.isNoncharacterCodePoint
        }
    }
}
