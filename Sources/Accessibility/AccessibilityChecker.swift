import Diagnostics
import Foundation
import HTML

/// Where an element came from: the Markdown line (from cmark's `data-sourcepos`), a theme
/// template (from the `<!--ps:FILE-->` markers the builder puts around each template), or
/// the HTML file itself.
public struct SourceLocator: Sendable {
    /// The Markdown file the page's body came from, if any.
    public var markdownFile: String?
    /// Template file → its text, to find the line of an element's start tag.
    public var templates: [String: String]

    public init(markdownFile: String? = nil, templates: [String: String] = [:]) {
        self.markdownFile = markdownFile
        self.templates = templates
    }

    public static let markerPrefix = "ps:"

    /// Wraps a template's output in markers, so its elements can be traced to it.
    public static func mark(_ html: String, template file: String) -> String {
        "<!--\(markerPrefix)\(file)-->" + html + "<!--/\(markerPrefix)\(file)-->"
    }

    /// Removes source positions and template markers: what is published carries neither.
    /// Works on UTF-8 bytes: it runs over every byte of every page.
    public static func strip(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let position = Array(" data-sourcepos=\"".utf8), open = Array("<!--ps:".utf8), close = Array("<!--/ps:".utf8), end = Array("-->".utf8)
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20, matches(position, at: index) {
                var next = index + position.count
                while next < bytes.count && bytes[next] != 0x22 { next += 1 }
                index = next + 1
                continue
            }
            if byte == 0x3C, matches(open, at: index) || matches(close, at: index) {
                var next = index + 4
                while next < bytes.count && !matches(end, at: next) { next += 1 }
                index = next + end.count
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Checks generated pages against the accessibility rules.
public struct AccessibilityChecker: Sendable {
    public static let rules: [any AccessibilityRule] = [
        HTMLLangRule(), PageTitleRule(), ViewportZoomRule(), HeadingOneRule(), HeadingOrderRule(), EmptyHeadingRule(),
        ImageAltRule(), AltTextQualityRule(), AltTextLengthRule(), LinkNameRule(), VagueLinkRule(), LinkTextConsistencyRule(),
        DocumentLinkRule(), TableHeadersRule(), FormLabelRule(), ButtonNameRule(), IDReferenceRule(), MainLandmarkRule(),
        IframeTitleRule(), AutoplayRule(), MovingContentRule(), TabindexRule(), AriaHiddenFocusableRule(), AriaRoleRule(),
        ListItemRule(), ListStructureRule(), InlineContrastRule(), MetaRefreshRule(), VideoCaptionsRule(), ImageRoleNameRule(),
        AriaAttributeRule(),
    ]

    public init() {}

    /// The result of checking one page: diagnostics, and what the site-wide checks need.
    public struct PageResult: Sendable {
        public var diagnostics: [Diagnostic]
        /// Every id and anchor name on the page (targets for #fragments).
        public var anchors: Set<String>
        /// Links and sources on the page, with where each was written.
        public var links: [PageLink]
        public var title: String
    }

    public struct PageLink: Sendable, Equatable {
        public var url: String
        public var file: String
        public var line: Int
        public var column: Int

        public init(url: String, file: String, line: Int, column: Int) {
            self.url = url
            self.file = file
            self.line = line
            self.column = column
        }
    }

    public func check(html: String, file: String, locator: SourceLocator = SourceLocator()) -> PageResult {
        let page = CheckedPage(html: html)
        var findings: [AccessibilityFinding] = []
        for rule in AccessibilityChecker.rules { rule.check(page, into: &findings) }
        let templateRanges = TemplateRanges(page: page)
        // Lines already found in a template, by template, tag and class or id: the theme's
        // menus and footers put many alike links on every page.
        var templateLines: [String: Int] = [:]
        func place(_ element: HTMLElement?) -> (file: String, line: Int, column: Int) {
            guard let element else { return (locator.markdownFile ?? file, 1, 1) }
            return locate(element, file: file, locator: locator, templates: templateRanges, memo: &templateLines)
        }
        var diagnostics: [Diagnostic] = []
        for finding in findings {
            let location = place(finding.element)
            diagnostics.append(Diagnostic(rule: finding.rule, severity: finding.severity, file: location.file,
                                          line: location.line, column: location.column,
                                          message: finding.message, suggestion: finding.suggestion))
        }
        var anchors = Set(page.byID.keys)
        var links: [PageLink] = []
        for element in page.elements {
            if element.name == "a", let name = element.attribute("name") { anchors.insert(name) }
            let attribute: String? = switch element.name {
            case "a", "link", "area": "href"
            case "img", "script", "iframe", "source", "audio", "video": "src"
            default: nil
            }
            guard let attribute, let url = element.attribute(attribute) else { continue }
            if element.name == "link", ["canonical", "alternate"].contains(element.attribute("rel") ?? "") { continue }
            let location = place(element)
            links.append(PageLink(url: url, file: location.file, line: location.line, column: location.column))
        }
        let title = page.elements(named: ["title"]).first?.normalizedText ?? ""
        return PageResult(diagnostics: Diagnostic.sorted(diagnostics), anchors: anchors, links: links, title: title)
    }

    func locate(_ element: HTMLElement, file: String, locator: SourceLocator, templates: TemplateRanges,
                memo: inout [String: Int]) -> (file: String, line: Int, column: Int) {
        if let markdown = locator.markdownFile {
            for candidate in element.ancestorsAndSelf {
                guard let position = candidate.attribute("data-sourcepos") else { continue }
                let start = position.split(separator: "-").first?.split(separator: ":") ?? []
                if start.count == 2, let line = Int(start[0]), let column = Int(start[1]) { return (markdown, line, column) }
            }
        }
        if let template = templates.innermost(at: element.line), let text = locator.templates[template] {
            let key = template + "\u{0}" + element.name + "\u{0}" + (TemplateRanges.marker(of: element) ?? "")
            if let line = memo[key] { return (template, line, 1) }
            let line = TemplateRanges.line(of: element, in: text)
            memo[key] = line
            return (template, line, 1)
        }
        return (file, element.line, 1)
    }
}

/// The lines of the page each template's output covers, from the `<!--ps:FILE-->` markers.
struct TemplateRanges {
    var ranges: [(file: String, from: Int, to: Int)] = []

    init(page: CheckedPage) {
        var open: [(String, Int)] = []
        for comment in page.document.comments {
            let text = comment.text
            if text.hasPrefix("/" + SourceLocator.markerPrefix) {
                let file = String(text.dropFirst(1 + SourceLocator.markerPrefix.count))
                if let index = open.lastIndex(where: { $0.0 == file }) {
                    ranges.append((file, open[index].1, comment.line))
                    open.remove(at: index)
                }
            } else if text.hasPrefix(SourceLocator.markerPrefix) {
                open.append((String(text.dropFirst(SourceLocator.markerPrefix.count)), comment.line))
            }
        }
    }

    /// The smallest template range holding a line.
    func innermost(at line: Int) -> String? {
        ranges.filter { $0.from <= line && line <= $0.to }.min { ($0.to - $0.from) < ($1.to - $1.from) }?.file
    }

    /// What tells an element's start tag from others in its template: its id, else its class.
    static func marker(of element: HTMLElement) -> String? {
        element.attribute("id").map { "id=\"\($0)\"" } ?? element.attribute("class").map { "class=\"\($0)" }
    }

    /// The line of the template where an element's start tag is written: the first line with the
    /// tag and, when it has one, its class or id.
    static func line(of element: HTMLElement, in template: String) -> Int {
        let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
        let tag = "<\(element.name)"
        let marker = marker(of: element)
        if let marker, let index = lines.firstIndex(where: { $0.contains(tag) && $0.contains(marker) }) { return index + 1 }
        if let index = lines.firstIndex(where: { $0.contains(tag + " ") || $0.contains(tag + ">") }) { return index + 1 }
        return 1
    }
}
