import Diagnostics
import Markdown
import Yams

/// The `languages:` of a site. Each code becomes a `lang` attribute, part of translated file
/// names (`bins.cy.md`) and the name of a theme's words file (`translations/cy.yml`), so only
/// the plain BCP 47 form is accepted: 2 or 3 lower-case letters, then optional subtags of
/// letters and digits after hyphens (`cy`, `en-GB`, `zh-Hant`).
enum LanguageCodes {
    /// Whether `code` has the shape of a BCP 47 language tag as a site may use it.
    static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
        }
    }

    /// Reads `languages:`, reporting each code that is not valid, or repeated, at its own line
    /// and column. Nil when there is no list or any code is refused.
    static func read(_ fields: inout YAMLFields, site: String) -> [String]? {
        guard let codes = fields.strings("languages", rule: "config/type", example: "[en, cy]"), !codes.isEmpty else { return nil }
        let items = fields.node("languages")?.sequence.map(Array.init) ?? []
        var seen: Set<String> = []
        var refused = false
        for (index, code) in codes.enumerated() {
            let mark = index < items.count ? items[index].mark : nil
            let line = mark.map { $0.line + fields.lineOffset } ?? fields.line(of: "languages")
            let column = mark?.column ?? fields.column(of: "languages")
            let problem: String? = !isValid(code) ? "is not a language code" : seen.contains(code.lowercased()) ? "is listed twice" : nil
            seen.insert(code.lowercased())
            guard let problem else { continue }
            refused = true
            fields.append(
                Diagnostic(
                    rule: "config/languages", severity: .error, file: fields.file, line: line, column: column,
                    message: "The language '\(code)' of site '\(site)' \(problem).",
                    suggestion:
                        "Write each language once, as a code of 2 or 3 lower-case letters such as en (English) or cy (Welsh); a region or script may follow after a hyphen, as in en-GB."
                ))
        }
        return refused ? nil : codes
    }
}
