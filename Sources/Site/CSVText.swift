/// Text for the open data CSV. A spreadsheet runs a cell that starts with =, +, -, @, a tab or a
/// carriage return (or their full-width forms) as a formula, so such a title or summary gets a leading apostrophe, as
/// OWASP advises against CSV injection; residents see the words, never a formula.
enum CSVText {
    static func inert(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
