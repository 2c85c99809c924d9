import Diagnostics
import Foundation
import HTML
import Synchronization

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
    /// Works on UTF-8 bytes: it runs over every byte of every page, and copies the runs
    /// between what it removes in one go.
    public static func strip(_ html: String) -> String {
        var copy = html
        return String(decoding: copy.withUTF8 { strip(utf8: $0) }, as: UTF8.self)
    }

    /// `strip` of UTF-8 bytes, as bytes.
    public static func strip(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = bytes.count
        var output: [UInt8] = []
        output.reserveCapacity(count)
        let position = Array(" data-sourcepos=\"".utf8), open = Array("<!--ps:".utf8), close = Array("<!--/ps:".utf8), end = Array("-->".utf8)
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            guard index >= 0, index + pattern.count <= count else { return false }
            for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
            return true
        }
        // Each pattern's next occurrence is found by memchr on one of its rarer bytes (at
        // `anchor`) and kept until the scan passes it; the earliest is handled, exactly as a
        // scan byte by byte meets it first.
        func find(_ pattern: [UInt8], anchor: Int, from start: Int) -> Int {
            guard let base = bytes.baseAddress else { return count }
            var from = start + anchor
            let last = count - pattern.count + anchor
            while from <= last, let found = memchr(base + from, Int32(pattern[anchor]), last - from + 1) {
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if matches(pattern, at: at - anchor) { return at - anchor }
                from = at + 1
            }
            return count
        }
        var index = 0, kept = 0
        func keep(upTo limit: Int) {
            if kept < limit { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<limit])) }
        }
        var nextPosition = -1, nextOpen = -1, nextClose = -1
        while index < count {
            // ("=" and "!": once per attribute, and in comments.)
            if nextPosition < index { nextPosition = find(position, anchor: position.count - 2, from: index) }
            if nextOpen < index { nextOpen = find(open, anchor: 1, from: index) }
            if nextClose < index { nextClose = find(close, anchor: 1, from: index) }
            let first = min(nextPosition, nextOpen, nextClose)
            guard first < count else { break }
            keep(upTo: first)
            if first == nextPosition {
                var next = first + position.count
                while next < count && bytes[next] != 0x22 { next += 1 }
                index = next + 1
            } else {
                var next = first + 4
                while next < count && !matches(end, at: next) { next += 1 }
                index = next + end.count
            }
            kept = index
        }
        keep(upTo: count)
        return output
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

    /// Template lines already found, kept across pages: the theme's menus and footers put the
    /// same elements on every page.
    let templateLines = TemplateLineCache()

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
        check(CheckedPage(html: html), file: file, locator: locator)
    }

    /// `check(html:)` of a page's UTF-8 bytes.
    public func check(utf8 html: [UInt8], file: String, locator: SourceLocator = SourceLocator()) -> PageResult {
        check(CheckedPage(utf8: html), file: file, locator: locator)
    }

    func check(_ page: CheckedPage, file: String, locator: SourceLocator) -> PageResult {
        var findings: [AccessibilityFinding] = []
        for rule in AccessibilityChecker.rules { rule.check(page, into: &findings) }
        let templateRanges = TemplateRanges(page: page)
        func place(_ element: HTMLElement?) -> (file: String, line: Int, column: Int) {
            guard let element else { return (locator.markdownFile ?? file, 1, 1) }
            return locate(element, file: file, locator: locator, templates: templateRanges)
        }
        var diagnostics: [Diagnostic] = []
        for finding in findings {
            let location = place(finding.element)
            diagnostics.append(
                Diagnostic(
                    rule: finding.rule, severity: finding.severity, file: location.file,
                    line: location.line, column: location.column,
                    message: finding.message, suggestion: finding.suggestion))
        }
        var anchors = Set(page.byID.keys)
        var links: [PageLink] = []
        for element in page.elements {
            if element.name == "a", let name = element.attribute("name") { anchors.insert(name) }
            let attribute: String? =
                switch element.name {
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

    func locate(
        _ element: HTMLElement, file: String, locator: SourceLocator,
        templates: TemplateRanges
    ) -> (file: String, line: Int, column: Int) {
        if let markdown = locator.markdownFile {
            var current: HTMLElement? = element
            while let candidate = current {
                if let position = candidate.attribute("data-sourcepos"), let start = SourceLocator.start(of: position) {
                    return (markdown, start.line, start.column)
                }
                current = candidate.parent
            }
        }
        if let template = templates.innermost(at: element.line), let text = locator.templates[template] {
            return (template, templateLines.line(of: element, in: template, text: text), 1)
        }
        return (file, element.line, 1)
    }
}

extension SourceLocator {
    /// The line and column where a `data-sourcepos` value ("3:1-5:12") starts, if it names them.
    static func start(of position: String) -> (line: Int, column: Int)? {
        // Digits, a colon and digits, then a dash or the end: read straight from the bytes.
        var copy = position
        let plain: (line: Int, column: Int)? = copy.withUTF8 { bytes in
            var index = 0, line = 0, column = 0, digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 9 {
                line = line * 10 + Int(bytes[index] - 0x30); index += 1; digits += 1
            }
            guard digits > 0, index < bytes.count, bytes[index] == 0x3A else { return nil }
            index += 1
            digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 9 {
                column = column * 10 + Int(bytes[index] - 0x30); index += 1; digits += 1
            }
            guard digits > 0, index == bytes.count || bytes[index] == 0x2D else { return nil }
            return (line, column)
        }
        if let plain { return plain }
        let start = position.split(separator: "-").first?.split(separator: ":") ?? []
        if start.count == 2, let line = Int(start[0]), let column = Int(start[1]) { return (line, column) }
        return nil
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

    /// The smallest template range holding a line (the first of the smallest).
    func innermost(at line: Int) -> String? {
        var best: (file: String, size: Int)?
        for range in ranges where range.from <= line && line <= range.to {
            let size = range.to - range.from
            if best == nil || size < best!.size { best = (range.file, size) }
        }
        return best?.file
    }

    /// What tells an element's start tag from others in its template: its id, else its class.
    static func marker(of element: HTMLElement) -> String? {
        element.attribute("id").map { "id=\"\($0)\"" } ?? element.attribute("class").map { "class=\"\($0)" }
    }

    /// The line of the template where an element's start tag is written: the first line with the
    /// tag and, when it has one, its class or id.
    static func line(of element: HTMLElement, in template: String) -> Int {
        line(tag: "<\(element.name)", marker: marker(of: element), in: template)
    }

    /// The same for a tag ("<a") and marker, by characters: `TemplateText` does it on bytes.
    static func line(tag: String, marker: String?, in template: String) -> Int {
        let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
        if let marker, let index = lines.firstIndex(where: { $0.contains(tag) && $0.contains(marker) }) { return index + 1 }
        if let index = lines.firstIndex(where: { $0.contains(tag + " ") || $0.contains(tag + ">") }) { return index + 1 }
        return 1
    }
}

/// A template's text with where each of its lines starts, to find start tags on bytes.
struct TemplateText {
    let text: String
    /// The UTF-8 bytes, when the fast path applies: ASCII text without carriage returns, where
    /// every byte is a character and lines end at every line feed.
    let bytes: [UInt8]?
    /// Offsets in `bytes` where lines start.
    let lineStarts: [Int]

    init(_ text: String) {
        self.text = text
        let utf8 = Array(text.utf8)
        if utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            bytes = utf8
            var starts = [0]
            for (offset, byte) in utf8.enumerated() where byte == 0x0A { starts.append(offset + 1) }
            lineStarts = starts
        } else {
            bytes = nil
            lineStarts = []
        }
    }

    /// The 1-based line holding a byte offset: the last line starting at or before it.
    func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// What `TemplateRanges.line(tag:marker:in:)` gives, on bytes when it can.
    func line(tag: String, marker: String?) -> Int {
        func plain(_ needle: String) -> Bool { needle.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D } }
        guard let bytes, plain(tag), marker.map(plain) ?? true else {
            return TemplateRanges.line(tag: tag, marker: marker, in: text)
        }
        let tagBytes = Array(tag.utf8)
        if let marker {
            let markerBytes = Array(marker.utf8)
            var from = 0
            // Each line holding the marker, in order, until one also holds the tag.
            while let found = TemplateText.find(markerBytes, in: bytes, from: from, to: bytes.count) {
                let line = line(at: found)
                let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
                if TemplateText.find(tagBytes, in: bytes, from: lineStarts[line - 1], to: end) != nil { return line }
                guard line < lineStarts.count else { break }
                from = lineStarts[line]
            }
        }
        var from = 0
        while let found = TemplateText.find(tagBytes, in: bytes, from: from, to: bytes.count) {
            let after = found + tagBytes.count
            if after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x3E { return line(at: found) }
            from = found + 1
        }
        return 1
    }

    /// The first offset in `from..<to` where `needle` starts and ends before `to`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard let first = needle.first, to - from >= needle.count else { return nil }
        var index = from
        let last = to - needle.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count && bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Template lines already found, by template text, tag and id or class, kept across pages.
final class TemplateLineCache: Sendable {
    struct Key: Hashable {
        let tag: String
        let isID: Bool
        let value: String?
    }

    /// One template text and its lines found so far; only used under the lock.
    private final class Entry {
        let text: TemplateText
        var lines: [Key: Int] = [:]

        init(text: TemplateText) { self.text = text }
    }

    /// Enough for every element of any theme; ids made from page text can be many, and past
    /// this they are looked up each time.
    static let limit = 20_000
    /// Texts kept under one template name.
    static let textsPerName = 8

    private let entries = Mutex<[String: [Entry]]>([:])

    init() {}

    func line(of element: HTMLElement, in template: String, text: String) -> Int {
        let name = element.name
        let key: Key
        if let id = element.attribute("id") {
            key = Key(tag: name, isID: true, value: id)
        } else {
            key = Key(tag: name, isID: false, value: element.attribute("class"))
        }
        return entries.withLock { entries in
            let entry: Entry
            if let known = entries[template]?.first(where: { $0.text.text == text }) {
                entry = known
            } else {
                // A new text under a known name: a theme edited while serving, or another site's theme.
                entry = Entry(text: TemplateText(text))
                entries[template, default: []].append(entry)
                if entries[template]!.count > TemplateLineCache.textsPerName { entries[template]!.removeFirst() }
            }
            if let line = entry.lines[key] { return line }
            let marker = key.value.map { key.isID ? "id=\"\($0)\"" : "class=\"\($0)" }
            let line = entry.text.line(tag: "<" + name, marker: marker)
            if entry.lines.count < TemplateLineCache.limit { entry.lines[key] = line }
            return line
        }
    }
}
