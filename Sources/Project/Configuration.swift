import Diagnostics
import Foundation
import Markdown
import Prose
import Yams

/// Colours a site's theme is drawn with. Each is a `#rrggbb` value.
public struct BrandColours: Sendable, Equatable {
    public init() {}

    public var brand = "#1d4f91"
    public var brandText = "#ffffff"
    public var text = "#0b0c0c"
    public var background = "#ffffff"
    public var link = "#1d70b8"
    public var linkVisited = "#4c2c92"
    public var focus = "#ffdd00"

    /// The keys editors write in `plainsite.yml`, with the property each sets.
    static var keys: [(String, WritableKeyPath<BrandColours, String>)] {
        [
            ("brand", \.brand), ("brand_text", \.brandText), ("text", \.text), ("background", \.background),
            ("link", \.link), ("link_visited", \.linkVisited), ("focus", \.focus),
        ]
    }

    /// Every colour by its configuration key, for templates and the brand stylesheet.
    public var all: [(key: String, value: String)] {
        BrandColours.keys.map { ($0.0, self[keyPath: $0.1]) }
    }
}

/// One site built from the repository: its own content folder and branding.
public struct SiteConfiguration: Sendable {
    public var id: String
    public var title: String
    public var baseURL: String
    /// Folder of the site's Markdown, relative to the project root.
    public var contentFolder: String
    /// The shared theme this site's own folder `themes/<id>/` overrides.
    public var theme: String
    public var colours: BrandColours
    /// A logo file inside the theme's `assets/` folder, or nil for a text-only header.
    public var logo: String?
    /// File types published from content besides the standard ones (`file_types:` in plainsite.yml).
    public var fileTypes: [String] = []
    /// Language codes of the site, its main language first: `languages: [en, cy]`.
    public var languages: [String] = ["en"]
    /// The line of each colour in plainsite.yml, for contrast errors.
    public var colourLines: [String: Int] = [:]
    /// Facts for the generated accessibility statement (top-level, then the site's own).
    public var statement = StatementSettings()
    /// How the linter is tuned for this site (top-level `lint:` then the site's own).
    public var lint = LintConfiguration()
    /// The raw HTML editors may write in Markdown (`raw_html:`); nil allows none.
    public var rawHTML: RawHTMLPolicy?
    public init(
        id: String, title: String, baseURL: String, contentFolder: String, theme: String, colours: BrandColours,
        logo: String?, colourLines: [String: Int] = [:], lint: LintConfiguration = LintConfiguration()
    ) {
        self.id = id
        self.title = title
        self.baseURL = baseURL
        self.contentFolder = contentFolder
        self.theme = theme
        self.colours = colours
        self.logo = logo
        self.colourLines = colourLines
        self.lint = lint
    }

    /// The path part of `baseURL`, always ending with "/": "/" for a site at a domain's root.
    /// The path of an address of the form scheme://host[:port]/path with only plain ASCII
    /// (no user, query, fragment, escapes, dot or empty segments); nil for anything else.
    static func plainPath(of address: String) -> String? {
        var address = address
        return address.withUTF8 { bytes -> String? in
            let count = bytes.count
            var index = 0
            while index < count && bytes[index] != UInt8(ascii: ":") {
                let byte = bytes[index] | 0x20
                guard
                    (0x61...0x7A).contains(byte) || (0x30...0x39).contains(bytes[index]) || bytes[index] == UInt8(ascii: "+")
                        || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".")
                else { return nil }
                index += 1
            }
            guard index > 0, index + 3 <= count, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") else { return nil }
            let hostStart = index + 3
            var slash = -1
            for position in hostStart..<count {
                let byte = bytes[position]
                guard byte > 0x20, byte < 0x80, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "?"), byte != UInt8(ascii: "#"),
                    byte != UInt8(ascii: "@"), byte != UInt8(ascii: "\\")
                else { return nil }
                if byte == UInt8(ascii: "/") {
                    if slash < 0 { slash = position }
                    // No "//" or "/." in the path.
                    if position + 1 < count && (bytes[position + 1] == UInt8(ascii: "/") || bytes[position + 1] == UInt8(ascii: ".")) { return nil }
                }
            }
            guard slash != hostStart else { return nil }
            guard slash >= 0 else { return "/" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[slash...]), as: UTF8.self)
        }
    }

    /// Whether two names are the same apart from case and spaces at their ends ("Kestrelford City Council").
    public static func sameName(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }

    public var basePath: String {
        // Read for every link of every page: the usual form scheme://host/path/ is split here
        // without parsing a URL; anything unusual goes to URL below.
        if let path = SiteConfiguration.plainPath(of: baseURL) { return path.hasSuffix("/") ? path : path + "/" }
        guard let url = URL(string: baseURL) else { return "/" }
        let path = url.path.isEmpty ? "/" : url.path
        return path.hasSuffix("/") ? path : path + "/"
    }
}

/// `plainsite.yml`: the organisation and the list of sites.
public struct ProjectConfiguration: Sendable {
    public var root: URL
    public var file: String
    public var organisation: String
    public var sites: [SiteConfiguration]

    static let topKeys = ["organisation", "theme", "sites", "lint", "readability", "accessibility_statement", "raw_html", "file_types", "example_values"]
    static let siteKeys = [
        "id", "title", "base_url", "content", "theme", "colours", "logo", "lint", "readability", "accessibility_statement", "languages", "raw_html",
    ]
    /// The top-level `lint:` settings, which every site starts from.
    public var lint = LintConfiguration()
    /// `example_values: allowed`: a made-up sample council, whose reserved example addresses and numbers are not warned about.
    public var allowsExampleValues = false

    /// Reads and checks the configuration. Every problem names the key and its line.
    public static func load(from url: URL) -> (ProjectConfiguration?, [Diagnostic]) {
        let file = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            return (
                nil,
                [
                    Diagnostic(
                        rule: "config/missing", severity: .error, file: url.path, line: 1,
                        message: exists ? "\(url.path) could not be read." : "There is no configuration file at \(url.path).",
                        suggestion: exists
                            ? "Check the file's permissions."
                            : "Run Plainsite from the project folder that holds plainsite.yml, or pass --config PATH.")
                ]
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (
                nil,
                [
                    Diagnostic(
                        rule: "config/encoding", severity: .error, file: file, line: 1,
                        message: "\(file) is not UTF-8 text.", suggestion: "Save the file as UTF-8.")
                ]
            )
        }
        return parse(text, file: file, root: url.deletingLastPathComponent())
    }

    public static func parse(_ text: String, file: String, root: URL) -> (ProjectConfiguration?, [Diagnostic]) {
        var fields = YAMLFields(yaml: text, file: file, rulePrefix: "config")
        guard fields.mapping != nil else { return (nil, fields.diagnostics) }
        fields.warnUnknownKeys(known: topKeys, rule: "config/unknown-key", severity: .error)
        let organisation = fields.string("organisation", rule: "config/type", example: "Kestrelford City Council") ?? "Council"
        var lint = LintConfiguration()
        let allowsExampleValues = readExampleValues(&fields)
        for diagnostic in Placeholders.markers(in: text, file: file, yaml: true) { fields.append(diagnostic) }
        var statement = StatementSettings()
        statement.warnsOfExamples = !allowsExampleValues
        if let node = fields.node("accessibility_statement") { statement.read(node, fields: &fields) }
        if let lintNode = fields.node("lint") { LintSettingsReader.apply(lintNode, to: &lint, fields: &fields) }
        if let node = fields.node("readability") { LintSettingsReader.applyReadability(node, to: &lint, fields: &fields) }
        let rawHTML = readRawHTML(&fields)
        let fileTypes = readFileTypes(&fields)
        let theme = readTheme(&fields)
        var sites: [SiteConfiguration] = []
        if let node = fields.node("sites") {
            if let sequence = node.sequence, !sequence.isEmpty {
                for item in sequence {
                    if var site = parseSite(item, fields: &fields, existing: sites, lint: lint, warnsOfExamples: !allowsExampleValues) {
                        if site.rawHTML == nil { site.rawHTML = rawHTML }
                        site.fileTypes = fileTypes
                        if let theme, item.mapping?["theme"] == nil { site.theme = theme }
                        site.statement = statement
                        if let siteNode = item.mapping?["accessibility_statement"] { site.statement.read(siteNode, fields: &fields) }
                        sites.append(site)
                    }
                }
            } else {
                fields.append(
                    Diagnostic(
                        rule: "config/sites", severity: .error, file: file, line: fields.line(of: "sites"),
                        message: "'sites' must be a list with at least one site.",
                        suggestion: "Write each site as a list item starting with '- id: council'."))
            }
        } else {
            fields.append(
                Diagnostic(
                    rule: "config/sites", severity: .error, file: file, line: 1,
                    message: "\(file) has no 'sites' list, so there is nothing to build.",
                    suggestion: "Add 'sites:' with one item per site, each with an id, a title and a base_url."))
        }
        if fields.diagnostics.hasErrors { return (nil, fields.diagnostics) }
        var project = ProjectConfiguration(root: root, file: file, organisation: organisation, sites: sites, lint: lint)
        project.allowsExampleValues = allowsExampleValues
        return (project, fields.diagnostics)
    }

    static func parseSite(
        _ node: Node, fields parent: inout YAMLFields, existing: [SiteConfiguration], lint: LintConfiguration,
        warnsOfExamples: Bool = false
    ) -> SiteConfiguration? {
        let line = node.mark?.line ?? 1
        guard let mapping = node.mapping else {
            parent.append(
                Diagnostic(
                    rule: "config/sites", severity: .error, file: parent.file, line: line,
                    message: "Each item under 'sites' must be a group of settings.",
                    suggestion: "Write '- id: council' then the site's other settings indented below it."))
            return nil
        }
        var fields = YAMLFields(mapping: mapping, file: parent.file, lineOffset: 0)
        defer { for diagnostic in fields.diagnostics { parent.append(diagnostic) } }
        fields.warnUnknownKeys(known: siteKeys, rule: "config/unknown-key", severity: .error)
        let rule = "config/type"
        guard let id = fields.string("id", rule: rule, example: "townhall") else {
            fields.append(
                Diagnostic(
                    rule: "config/site-id", severity: .error, file: parent.file, line: line,
                    message: "The site on line \(line) has no 'id'.",
                    suggestion: "Add 'id:' with a short name in lower case, such as 'townhall'."))
            return nil
        }
        let idIsValid = !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !idIsValid {
            fields.append(
                Diagnostic(
                    rule: "config/site-id", severity: .error, file: parent.file, line: fields.line(of: "id"),
                    column: fields.column(of: "id"),
                    message: "The site id '\(id)' can only use lower-case letters, digits and hyphens.",
                    suggestion: "Use a short name such as 'town-hall'."))
        }
        if existing.contains(where: { $0.id == id }) {
            fields.append(
                Diagnostic(
                    rule: "config/site-id", severity: .error, file: parent.file, line: fields.line(of: "id"),
                    column: fields.column(of: "id"),
                    message: "Two sites have the id '\(id)'.",
                    suggestion: "Give each site its own id."))
        }
        let title = fields.string("title", rule: rule, example: "Kestrelford Town Hall")
        if title == nil, fields.node("title") == nil {
            fields.append(
                Diagnostic(
                    rule: "config/site-title", severity: .error, file: parent.file, line: line,
                    message: "The site '\(id)' has no 'title'.",
                    suggestion: "Add 'title:' with the name residents know the site by."))
        }
        let baseURL = fields.string("base_url", rule: rule, example: "https://www.example.gov.uk/")
        if let baseURL {
            if let problem = baseURLProblem(baseURL) {
                fields.append(
                    Diagnostic(
                        rule: "config/base-url", severity: .error, file: parent.file,
                        line: fields.line(of: "base_url"), column: fields.column(of: "base_url"),
                        message: "'base_url' of site '\(id)' is '\(baseURL)', which \(problem).",
                        suggestion:
                            "Write the full address the site is published at, with https:// and a slash at the end, for example https://www.example.gov.uk/"))
            } else if warnsOfExamples, let host = Placeholders.host(of: baseURL), Placeholders.isExampleHost(host) {
                fields.append(
                    Diagnostic(
                        rule: Placeholders.exampleRule, severity: .warning, file: parent.file,
                        line: fields.line(of: "base_url"), column: fields.column(of: "base_url"),
                        message:
                            "'base_url' of site '\(id)' is '\(baseURL)', an address kept for examples, so the site's links, feeds and sitemap would point nowhere.",
                        suggestion: "Write the address the site will be published at, with https:// and a slash at the end."))
            }
        } else if fields.node("base_url") == nil {
            fields.append(
                Diagnostic(
                    rule: "config/base-url", severity: .error, file: parent.file, line: line,
                    message: "The site '\(id)' has no 'base_url'.",
                    suggestion: "Add 'base_url:' with the address the site is published at, for example https://www.example.gov.uk/"))
        }
        var colours = BrandColours()
        var colourLines: [String: Int] = [:]
        if let colourNode = fields.node("colours") {
            if let colourMapping = colourNode.mapping {
                var colourFields = YAMLFields(mapping: colourMapping, file: parent.file, lineOffset: 0)
                colourFields.warnUnknownKeys(known: BrandColours.keys.map(\.0), rule: "config/unknown-key", severity: .error)
                for (key, path) in BrandColours.keys {
                    guard let value = colourFields.string(key, rule: rule, example: "\"#1d70b8\"") else { continue }
                    colourLines[key] = colourFields.line(of: key)
                    if isHexColour(value) {
                        colours[keyPath: path] = value.lowercased()
                    } else {
                        colourFields.append(
                            Diagnostic(
                                rule: "config/colour", severity: .error, file: parent.file,
                                line: colourFields.line(of: key), column: colourFields.column(of: key),
                                message: "The colour '\(key)' of site '\(id)' is '\(value)', which is not a colour Plainsite can read.",
                                suggestion: "Write it as a hash and 6 hexadecimal digits in quotes, for example \(key): \"#1d70b8\""))
                    }
                }
                for diagnostic in colourFields.diagnostics { fields.append(diagnostic) }
            } else {
                fields.typeError("colours", expected: "a group of colour settings", example: "{ brand: \"#1d4f91\" }", rule: rule)
            }
        }
        let languages = LanguageCodes.read(&fields, site: id) ?? ["en"]
        var siteLint = lint
        if let lintNode = fields.node("lint") { LintSettingsReader.apply(lintNode, to: &siteLint, fields: &fields) }
        if let node = fields.node("readability") { LintSettingsReader.applyReadability(node, to: &siteLint, fields: &fields) }
        var site = SiteConfiguration(
            id: id, title: title ?? id, baseURL: baseURL ?? "https://example.invalid/",
            contentFolder: fields.string("content", rule: rule, example: "content/\(id)") ?? "content/\(id)",
            theme: fields.string("theme", rule: rule, example: "council") ?? "council",
            colours: colours,
            logo: fields.string("logo", rule: rule, example: "logo.svg"),
            colourLines: colourLines, lint: siteLint)
        site.languages = languages
        site.rawHTML = readRawHTML(&fields)
        for (key, value) in [("content", site.contentFolder), ("theme", site.theme), ("logo", site.logo)] {
            guard let value, !isSafeRelativePath(value) else { continue }
            fields.append(
                Diagnostic(
                    rule: "config/path", severity: .error, file: parent.file, line: fields.line(of: key), column: fields.column(of: key),
                    message: "'\(key)' of site '\(id)' is '\(value)', which points outside the project folder.",
                    suggestion:
                        "Write a path inside the project without '..' or a leading '/', for example \(key == "content" ? "content/\(id)" : key == "theme" ? "council" : "logo.svg")."
                ))
        }
        return site
    }
}

extension ProjectConfiguration {
    /// The folders the project is built from, which no command may write into (see `OwnedFolder`).
    public var sourceFolders: [URL] {
        ["content", "themes", ".git", ".plainsite-cache"].map { root.appendingPathComponent($0) }
            + sites.map { root.appendingPathComponent($0.contentFolder) }
    }
}
