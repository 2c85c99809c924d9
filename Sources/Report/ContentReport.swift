import Diagnostics
import Foundation
import Markdown
import SiteBuilder
import Support

/// The HTML report for editors and CI artefacts: every page with its reading age and its
/// problems by severity, a page per source file showing each problem at its line, and a
/// small script that sorts and filters the tables (everything is readable without it).
public struct ContentReport: Sendable {
    public var organisation: String
    /// The build's "today", so the same input gives the same report.
    public var date: String
    public var pages: [PageSummary]
    public var diagnostics: [Diagnostic]
    /// The text of each file that has problems, by its path from the project root.
    public var sources: [String: String]

    public init(organisation: String, date: String, pages: [PageSummary], diagnostics: [Diagnostic], sources: [String: String]) {
        self.organisation = organisation
        self.date = date
        self.pages = pages
        self.diagnostics = Diagnostic.sorted(diagnostics)
        self.sources = sources
    }

    /// The report's files, by path inside the report folder.
    public func files() -> [String: String] {
        var files = [
            "index.html": index(), "report.css": ReportAssets.stylesheet, "report.js": ReportAssets.script,
            "favicon.svg": ReportAssets.icon,
        ]
        for file in Set(diagnostics.map(\.file)).sorted() where sources[file] != nil {
            files[sourcePagePath(file)] = sourcePage(file)
        }
        return files
    }

    /// Where a source file's page is, inside the report: source/content/council/bins.md.html
    func sourcePagePath(_ file: String) -> String {
        "source/" + file.split(separator: "/").map { String($0).replacingOccurrences(of: "..", with: "_") }.joined(separator: "/") + ".html"
    }

    /// A link from the report's front page to a problem's line.
    func lineLink(_ diagnostic: Diagnostic) -> String? {
        guard sources[diagnostic.file] != nil else { return nil }
        return sourcePagePath(diagnostic.file) + "#line-\(diagnostic.line)"
    }

    struct Counts {
        var errors = 0, warnings = 0, suggestions = 0
        init(_ diagnostics: [Diagnostic]) {
            for diagnostic in diagnostics {
                switch diagnostic.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .suggestion: suggestions += 1
                }
            }
        }
    }

    func index() -> String {
        let byFile = Dictionary(grouping: diagnostics, by: \.file)
        let total = Counts(diagnostics)
        let sites = Array(Set(pages.map(\.site))).sorted()
        let ages = pages.compactMap(\.readingAge)
        var html = head(title: "Content report", depth: 0)
        html += "<h1>Content report</h1>\n"
        html += "<p>\(escapeMarkup(organisation)), built on \(escapeMarkup(date)).</p>\n"
        html += "<ul class=\"summary\">\n"
        html += "<li><strong>\(pages.count)</strong> \(pages.count == 1 ? "page" : "pages")</li>\n"
        html += "<li><strong>\(total.errors)</strong> \(plural(total.errors, "error"))</li>\n"
        html += "<li><strong>\(total.warnings)</strong> \(plural(total.warnings, "warning"))</li>\n"
        html += "<li><strong>\(total.suggestions)</strong> \(plural(total.suggestions, "suggestion"))</li>\n"
        if !ages.isEmpty {
            html += "<li>Average reading age <strong>\(format(ages.reduce(0, +) / Double(ages.count)))</strong></li>\n"
        }
        html += "</ul>\n"
        html +=
            "<p>Errors stop the site being published. Warnings and suggestions should be fixed when you next edit the page. "
            + "Select a page or a line to see the problem in its file.</p>\n"

        // Filters: shown only when the script runs; without it every row is listed.
        html += "<form class=\"filters\" id=\"filters\" hidden>\n<h2>Filter</h2>\n"
        html += "<div class=\"field\"><label for=\"filter-site\">Site</label>\n<select id=\"filter-site\">\n<option value=\"\">All sites</option>\n"
        for site in sites { html += "<option value=\"\(escapeMarkup(site))\">\(escapeMarkup(site))</option>\n" }
        html += "</select></div>\n"
        html +=
            "<div class=\"field\"><label for=\"filter-severity\">Show</label>\n<select id=\"filter-severity\">\n"
            + "<option value=\"\">All pages</option>\n<option value=\"error\">Pages with errors</option>\n"
            + "<option value=\"warning\">Pages with errors or warnings</option>\n<option value=\"any\">Pages with any problem</option>\n</select></div>\n"
        html +=
            "<div class=\"field\"><label for=\"filter-text\">Page title or file contains</label>\n"
            + "<input type=\"search\" id=\"filter-text\" autocomplete=\"off\"></div>\n"
        html += "<p id=\"filter-status\" role=\"status\"></p>\n</form>\n"

        html += "<h2 id=\"pages\">Pages</h2>\n"
        html += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"pages-caption\" tabindex=\"0\">\n"
        html += "<table id=\"pages-table\">\n<caption id=\"pages-caption\">Every page, with the most problems first</caption>\n<thead><tr>"
        for (index, column) in ["Page", "Site", "Reading age", "Errors", "Warnings", "Suggestions"].enumerated() {
            let numeric = index >= 2 ? " data-type=\"number\"" : ""
            html += "<th scope=\"col\"\(numeric)>\(column)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        let rows = pages.map { page in (page, Counts(byFile[page.sourcePath] ?? [])) }.sorted {
            ($1.1.errors, $1.1.warnings, $1.1.suggestions, $0.0.site, $0.0.sourcePath) < (
                $0.1.errors, $0.1.warnings, $0.1.suggestions, $1.0.site, $1.0.sourcePath
            )
        }
        for (page, counts) in rows {
            let worst = counts.errors > 0 ? "error" : counts.warnings > 0 ? "warning" : counts.suggestions > 0 ? "suggestion" : "none"
            html += "<tr data-site=\"\(escapeMarkup(page.site))\" data-worst=\"\(worst)\">"
            let title = page.title.isEmpty ? page.sourcePath : page.title
            let target = byFile[page.sourcePath] == nil ? nil : "#file-\(anchor(page.sourcePath))"
            html +=
                "<th scope=\"row\">" + (target.map { "<a href=\"\($0)\">\(escapeMarkup(title))</a>" } ?? escapeMarkup(title))
                + "<span class=\"file\">\(escapeMarkup(page.sourcePath))</span></th>"
            html += "<td>\(escapeMarkup(page.site))</td>"
            html += "<td data-value=\"\(page.readingAge.map { format($0) } ?? "")\">\(page.readingAge.map { format($0) } ?? "not measured")</td>"
            html += "<td data-value=\"\(counts.errors)\">\(counts.errors)</td><td data-value=\"\(counts.warnings)\">\(counts.warnings)</td>"
            html += "<td data-value=\"\(counts.suggestions)\">\(counts.suggestions)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"

        html += "<h2 id=\"problems\">Problems by file</h2>\n"
        if diagnostics.isEmpty { html += "<p>No problems were found.</p>\n" }
        let pageSites = Dictionary(pages.map { ($0.sourcePath, $0.site) }, uniquingKeysWith: { first, _ in first })
        for file in byFile.keys.sorted() {
            let found = byFile[file]!
            let counts = Counts(found)
            let site = pageSites[file].map { " data-site=\"\(escapeMarkup($0))\"" } ?? ""
            let worst = counts.errors > 0 ? "error" : counts.warnings > 0 ? "warning" : "suggestion"
            html += "<section class=\"file-problems\" aria-labelledby=\"file-\(anchor(file))\"\(site) data-worst=\"\(worst)\">\n"
            html += "<h3 id=\"file-\(anchor(file))\">\(escapeMarkup(file))</h3>\n"
            html += "<p>\(summary(counts)).</p>\n<ol class=\"problems\">\n"
            for diagnostic in found { html += problemItem(diagnostic, link: lineLink(diagnostic)) }
            html += "</ol>\n</section>\n"
        }
        return html + foot(depth: 0)
    }

    func problemItem(_ diagnostic: Diagnostic, link: String?) -> String {
        let place = "line \(diagnostic.line), column \(diagnostic.column)"
        var html = "<li class=\"problem problem--\(diagnostic.severity.rawValue)\">"
        html += "<p><strong class=\"tag tag--\(diagnostic.severity.rawValue)\">\(label(diagnostic.severity))</strong> "
        if let link {
            html += "<a href=\"\(escapeMarkup(link))\">\(escapeMarkup(diagnostic.file)), \(place)</a>"
        } else {
            html += escapeMarkup(place)
        }
        html += "</p>\n<p>\(escapeMarkup(diagnostic.message))</p>\n"
        if let suggestion = diagnostic.suggestion { html += "<p class=\"suggestion\">What to do: \(escapeMarkup(suggestion))</p>\n" }
        html += "<p class=\"rule\">Rule: <code>\(escapeMarkup(diagnostic.rule))</code></p></li>\n"
        return html
    }

    /// One source file with its lines numbered and each problem shown under its line.
    func sourcePage(_ file: String) -> String {
        let depth = sourcePagePath(file).split(separator: "/").count - 1
        let found = diagnostics.filter { $0.file == file }
        let byLine = Dictionary(grouping: found, by: \.line)
        var lines = (sources[file] ?? "").split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        var html = head(title: "\(file) - Content report", depth: depth)
        html += "<p><a href=\"\(String(repeating: "../", count: depth))index.html#file-\(anchor(file))\">Back to the content report</a></p>\n"
        html += "<h1>\(escapeMarkup(file))</h1>\n<p>\(summary(Counts(found))). Lines with a problem are marked, with the problem underneath.</p>\n"
        html += "<ol class=\"source\">\n"
        for (index, text) in lines.enumerated() {
            let number = index + 1
            let problems = byLine[number] ?? []
            html += "<li id=\"line-\(number)\"\(problems.isEmpty ? "" : " class=\"has-problem\"")>"
            html += "<code>\(text.isEmpty ? " " : escapeMarkup(text))</code>"
            if !problems.isEmpty {
                html += "\n<ol class=\"problems\">\n"
                for diagnostic in problems { html += problemItem(diagnostic, link: nil) }
                html += "</ol>\n"
            }
            html += "</li>\n"
        }
        // Problems past the end of the file (a missing closing line, say) still appear.
        let beyond = found.filter { $0.line > lines.count || $0.line < 1 }
        html += "</ol>\n"
        if !beyond.isEmpty {
            html += "<h2>Problems with the whole file</h2>\n<ol class=\"problems\">\n"
            for diagnostic in beyond { html += problemItem(diagnostic, link: nil) }
            html += "</ol>\n"
        }
        return html + foot(depth: depth)
    }

    func head(title: String, depth: Int) -> String {
        let up = String(repeating: "../", count: depth)
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'">
            <meta name="robots" content="noindex">
            <title>\(escapeMarkup(title))</title>
            <link rel="icon" href="\(up)favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="\(up)report.css">
            </head>
            <body>
            <a class="skip-link" href="#main">Skip to main content</a>
            <header class="header"><p>Plainsite content report</p></header>
            <main id="main">

            """
    }

    func foot(depth: Int) -> String {
        "</main>\n<footer class=\"footer\"><p>Written by Plainsite. Run <code>plainsite report</code> to update it.</p></footer>\n"
            + "<script src=\"\(String(repeating: "../", count: depth))report.js\"></script>\n</body>\n</html>\n"
    }

    func summary(_ counts: Counts) -> String {
        if counts.errors + counts.warnings + counts.suggestions == 0 { return "No problems" }
        return "\(counts.errors) \(plural(counts.errors, "error")), \(counts.warnings) \(plural(counts.warnings, "warning")) and "
            + "\(counts.suggestions) \(plural(counts.suggestions, "suggestion"))"
    }

    func label(_ severity: Severity) -> String {
        switch severity {
        case .error: "Error"
        case .warning: "Warning"
        case .suggestion: "Suggestion"
        }
    }

    func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }

    func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// An id made from a file path: letters, digits and hyphens.
    func anchor(_ file: String) -> String {
        String(file.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" })
    }
}

extension ContentReport {
    /// Reads the files that have problems, so the report can show their lines.
    public static func readSources(of diagnostics: [Diagnostic], root: URL) -> [String: String] {
        var sources: [String: String] = [:]
        for file in Set(diagnostics.map(\.file)) where !file.hasPrefix("/") && !file.split(separator: "/").contains("..") {
            let path = root.standardizedFileURL.path + "/" + file
            // Never through a link: its target may be any file on the computer, and reports are shared.
            guard (try? SafeFiles.requireNoLinks(path, below: root.standardizedFileURL.path)) != nil, SafeFiles.kind(path) == .file,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            sources[file] = String(decoding: data, as: UTF8.self)
        }
        return sources
    }

    /// Writes the report into a folder Plainsite owns: every file goes to its staging folder
    /// first, and the report's own entries replace the old ones only once all are written.
    public func write(to folder: OwnedFolder) throws(FileSafetyError) {
        let staging = try folder.makeStaging()
        let files = files()
        for (path, text) in files {
            try SafeFiles.makeFolders((path as NSString).deletingLastPathComponent, under: staging.path)
            try SafeFiles.createFile(staging.path + "/" + path, with: Data(text.utf8))
        }
        try folder.publish(Set(files.keys.map { String($0.split(separator: "/")[0]) }).sorted())
    }
}
