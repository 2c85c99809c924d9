/// Escapes text for HTML or XML content and attribute values: & < > " and '.
/// Works on Unicode scalars, not Characters: `"` followed by a combining accent is one
/// Character, and would otherwise pass unescaped and end an attribute value.
public func escapeMarkup(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
