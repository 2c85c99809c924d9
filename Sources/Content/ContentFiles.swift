import Diagnostics
import Foundation

/// Addresses come from file names, so a name must make an address that works everywhere: ASCII
/// letters, digits, hyphens, underscores, dots and tildes only. Spaces, `#`, `?`, `%`, control,
/// bidirectional and zero-width characters make pages that cannot be reached or sitemaps that
/// are not valid.
enum AddressName {
    /// The first character of `name` that does not belong in an address, or nil.
    static func badCharacter(in name: String) -> Unicode.Scalar? {
        name.unicodeScalars.first { scalar in
            !(scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.~".unicodeScalars.contains(scalar)))
        }
    }

    /// The name to use instead: lower case, hyphens, accents dropped.
    public static func suggestion(for name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB")).lowercased()
        var out = "", hyphen = false
        for scalar in folded.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .format || category == .control { continue }
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_") {
                if hyphen && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                hyphen = false
            } else {
                hyphen = true
            }
        }
        return out.isEmpty ? "page" : out
    }

    /// How a character is named in a message: visible ones as themselves, others by code.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
            || scalar.properties.isWhitespace || !scalar.properties.isAlphabetic && !scalar.isASCII
        {
            return "an invisible or special character (U+\(String(scalar.value, radix: 16, uppercase: true)))"
        }
        return "'\(scalar)'"
    }

    /// The finding for a content file whose path holds a character that does not belong in an address.
    public static func problem(with relative: String, contentFolder: String) -> Diagnostic? {
        for part in relative.split(separator: "/") {
            guard let bad = badCharacter(in: String(part)) else { continue }
            let safe = suggestion(for: String(part))
            return Diagnostic(
                rule: "content/file-name", severity: .error, file: contentFolder + "/" + relative, line: 1,
                message: "The name '\(part)' has \(describe(bad)), which does not work in a web address, so this file is not published.",
                suggestion: "Rename it to '\(safe)': lower-case letters, digits and hyphens.")
        }
        return nil
    }
}
