import Diagnostics
import Foundation
import Markdown

/// The checks and readers of single settings in plainsite.yml: paths, addresses, file types,
/// the theme, raw HTML and example values.
extension ProjectConfiguration {
    /// `example_values: allowed` (a made-up sample council); anything else is a mistake.
    static func readExampleValues(_ fields: inout YAMLFields) -> Bool {
        guard let value = fields.string("example_values", rule: "config/type", example: "allowed") else { return false }
        guard value == "allowed" else {
            fields.append(
                Diagnostic(
                    rule: "config/example-values", severity: .error, file: fields.file, line: fields.line(of: "example_values"),
                    column: fields.column(of: "example_values"), message: "'example_values' is '\(value)', but it can only be 'allowed'.",
                    suggestion:
                        "Remove the line, so example addresses and phone numbers are warned about, or write 'example_values: allowed' for a made-up sample council."
                ))
            return false
        }
        return true
    }

    /// A path inside the project: relative, with no '..' part.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("~") && !path.contains("\\")
            && !path.split(separator: "/").contains("..")
    }

    /// What is wrong with a site's address, or nil: every page's canonical address and the
    /// sitemap are made by adding a path to it, so it must be an absolute http(s) address that
    /// ends in "/", with no query, fragment, password or spaces.
    public static func baseURLProblem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["https", "http"].contains(scheme),
            let host = url.host, !host.isEmpty, text.lowercased().hasPrefix(scheme + "://")
        else { return "is not a full web address starting with https://" }
        if text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || !$0.isASCII }) {
            return "has spaces or characters a web address cannot hold"
        }
        if url.query != nil || text.contains("?") { return "has a query ('?…'), which cannot come before a page's path" }
        if url.fragment != nil || text.contains("#") { return "has a fragment ('#…'), which cannot come before a page's path" }
        if url.user != nil || url.password != nil { return "holds a user name or password" }
        if !text.hasSuffix("/") { return "does not end with '/', so page addresses would run into it (\(text)contact-us/)" }
        return nil
    }

    /// `file_types: [dwg, kml]`: file types published from content besides the standard ones;
    /// types that could run script (HTML, JavaScript, XML) cannot be added.
    static func readFileTypes(_ fields: inout YAMLFields) -> [String] {
        guard let types = fields.strings("file_types", rule: "config/type", example: "[dwg, kml]") else { return [] }
        for type in types where FileTypePolicy.active.contains(type.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
            fields.append(
                Diagnostic(
                    rule: "config/file-types", severity: .error, file: fields.file, line: fields.line(of: "file_types"),
                    column: fields.column(of: "file_types"),
                    message:
                        "'file_types' lists '\(type)', but .\(type) files can run script on the council's website, so Plainsite never publishes them from content.",
                    suggestion: "Remove '\(type)'. Write pages in Markdown, and ask your web team to add any script to the theme."))
        }
        return types
    }

    /// `theme: ourtheme`: the theme of every site that names none (by default the built-in
    /// council theme), a folder name under themes/.
    static func readTheme(_ fields: inout YAMLFields) -> String? {
        guard let theme = fields.string("theme", rule: "config/type", example: "council") else { return nil }
        guard isSafeRelativePath(theme), !theme.contains("/") else {
            fields.append(
                Diagnostic(
                    rule: "config/path", severity: .error, file: fields.file, line: fields.line(of: "theme"), column: fields.column(of: "theme"),
                    message: "'theme' is '\(theme)', but a theme is named by one folder under themes/.",
                    suggestion: "Write the folder's name only, for example 'theme: council'."))
            return nil
        }
        return theme
    }

    /// `raw_html: [kbd, abbr title]`: the harmless elements (and their attributes) editors may write.
    static func readRawHTML(_ fields: inout YAMLFields) -> RawHTMLPolicy? {
        guard let entries = fields.strings("raw_html", rule: "config/type", example: "[kbd, sup, sub, abbr title]") else { return nil }
        let (policy, problems) = RawHTMLPolicy.parse(entries)
        for problem in problems {
            fields.append(
                Diagnostic(
                    rule: "config/raw-html", severity: .error, file: fields.file, line: fields.line(of: "raw_html"), column: fields.column(of: "raw_html"),
                    message: "'raw_html' lists '\(problem.entry)', but \(problem.problem).",
                    suggestion:
                        "Allow only some of: \(RawHTMLPolicy.harmlessElements.sorted().joined(separator: ", ")); with the attributes \(RawHTMLPolicy.harmlessAttributes.sorted().joined(separator: ", "))."
                ))
        }
        return policy
    }

    static func isHexColour(_ value: String) -> Bool {
        value.count == 7 && value.hasPrefix("#") && value.dropFirst().allSatisfy(\.isHexDigit)
    }
}
