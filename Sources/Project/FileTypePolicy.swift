import Diagnostics
import Foundation

/// Which files of a content folder are published, besides Markdown pages: an allow-list of
/// types that cannot run script on the council's domain (pictures, documents, data, text,
/// calendars, media). HTML and script are refused with a way to publish the same thing safely;
/// SVG is published only when it holds no script (see `SVGCheck`).
public struct FileTypePolicy: Sendable {
    static let pictures = ["png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "svg"]
    static let documents = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "epub"]
    static let data = ["csv", "tsv", "txt", "json", "geojson", "ics", "vcf", "gpx", "vtt"]
    static let media = ["mp3", "mp4", "m4a", "webm", "ogg", "wav"]
    static let standard = Set(pictures + documents + data + media)
    /// Types a browser runs as a page or a script, or a server reads as its configuration
    /// (IIS applies a `web.config` in any folder): never published, even when listed in plainsite.yml.
    static let active: Set<String> = [
        "html", "htm", "xhtml", "xht", "shtml", "mhtml", "js", "mjs", "cjs", "wasm", "xml", "xsl", "xslt", "svgz",
        "swf", "php", "asp", "aspx", "jsp", "cgi", "pl", "py", "sh", "appcache", "htaccess", "config",
    ]

    var allowed: Set<String> = standard

    public init(extra: [String] = []) {
        allowed.formUnion(extra.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        allowed.subtract(Self.active)
    }

    /// The finding for a file that is not published (nil for a file that is).
    public func problem(with relative: String, contentFolder: String) -> Diagnostic? {
        let type = (relative as NSString).pathExtension.lowercased()
        let file = contentFolder + "/" + relative
        if Self.active.contains(type) {
            let safely =
                type.hasPrefix("htm") || type.hasSuffix("html") || type == "xht"
                ? "Write it as a Markdown page (\((relative as NSString).deletingPathExtension).md) instead: Plainsite then checks it and gives it the site's layout."
                : "Plainsite publishes no script from content: ask your web team to add it to the theme, where it is reviewed, or link to the service that runs it."
            return Diagnostic(
                rule: "content/file-type", severity: .error, file: file, line: 1,
                message: "A .\(type) file can run script on the council's website, so Plainsite will not publish it.",
                suggestion: safely)
        }
        guard !allowed.contains(type) else { return nil }
        return Diagnostic(
            rule: "content/file-type", severity: .warning, file: file, line: 1,
            message: type.isEmpty
                ? "This file has no type (such as .pdf), so it is not published."
                : "Plainsite does not publish .\(type) files, so this file is left out.",
            suggestion:
                "Save it as a PDF, a picture or a CSV file, or add '\(type.isEmpty ? "its type" : type)' to 'file_types:' in plainsite.yml if residents need it as it is."
        )
    }
}
