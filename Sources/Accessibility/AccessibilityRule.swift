import Diagnostics
import Foundation
import HTML

/// What an accessibility rule checks, with the WCAG 2.2 success criterion it follows and
/// HTML examples the tests run. In `fails`, `↓` stands just before each element at fault.
public struct AccessibilityRuleDescription: Sendable {
    public let id: String
    public let name: String
    public let summary: String
    /// "1.1.1 Non-text Content"
    public let criterion: String
    /// The WCAG technique or failure it follows, such as "F65".
    public let technique: String?
    public let severity: Severity
    public let passes: [String]
    public let fails: [String]

    public init(
        id: String, name: String, summary: String, criterion: String, technique: String? = nil,
        severity: Severity = .error, passes: [String], fails: [String]
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.criterion = criterion
        self.technique = technique
        self.severity = severity
        self.passes = passes
        self.fails = fails
    }
}

/// A problem found on a page, at an element (nil: the page as a whole).
public struct AccessibilityFinding {
    public var rule: String
    public var severity: Severity
    public var element: HTMLElement?
    public var message: String
    public var suggestion: String

    public init(rule: String, severity: Severity, element: HTMLElement?, message: String, suggestion: String) {
        self.rule = rule
        self.severity = severity
        self.element = element
        self.message = message
        self.suggestion = suggestion
    }
}

/// A check on a generated page, parsed once by libxml2 and shared by every rule.
public protocol AccessibilityRule: Sendable {
    var description: AccessibilityRuleDescription { get }
    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding])
}

extension AccessibilityRule {
    func finding(_ element: HTMLElement?, _ message: String, _ suggestion: String) -> AccessibilityFinding {
        AccessibilityFinding(
            rule: description.id, severity: description.severity, element: element,
            message: "\(message) (WCAG 2.2 \(description.criterion))", suggestion: suggestion)
    }
}

/// A page being checked: the parsed document and what several rules need.
public final class CheckedPage {
    public let document: HTMLDocument
    public let elements: [HTMLElement]
    /// Elements by id (the first of each id).
    public let byID: [String: HTMLElement]
    /// True when some element has a style attribute (most generated pages have none).
    public let hasInlineStyles: Bool

    /// Positions in `elements` by tag name, made once: some 20 rules ask for elements by name,
    /// and each element's name is a new string read from libxml2.
    private let positionsByName: [String: [Int]]
    /// Accessible names worked out so far, by position in `elements`.
    private var names: [String?]

    public convenience init(html: String) {
        self.init(document: HTMLDocument(html: html), hasInlineStyles: html.containsASCII("style="))
    }

    /// The page from its UTF-8 bytes.
    public convenience init(utf8 html: [UInt8]) {
        let styles = html.withUnsafeBufferPointer { String.containsASCII($0, "style=") }
        self.init(document: HTMLDocument(utf8: html), hasInlineStyles: styles)
    }

    private init(document: HTMLDocument, hasInlineStyles: Bool) {
        self.hasInlineStyles = hasInlineStyles
        self.document = document
        elements = document.allElements
        // Room for a page's ids and tag names at the start: growing a table rehashes every key.
        var ids = [String: HTMLElement](minimumCapacity: 16)
        var byName = [String: [Int]](minimumCapacity: 48)
        for (index, element) in elements.enumerated() {
            if let id = element.attribute("id"), ids[id] == nil { ids[id] = element }
            byName[element.name, default: []].append(index)
        }
        byID = ids
        positionsByName = byName
        names = Array(repeating: nil, count: elements.count)
    }

    /// The elements with these tag names, in document order.
    public func elements(named names: Set<String>) -> [HTMLElement] {
        var positions: [Int] = []
        for name in names { positions += positionsByName[name] ?? [] }
        if names.count > 1 { positions.sort() }
        return positions.map { elements[$0] }
    }

    /// The accessible name of an element, simplified from the W3C algorithm: aria-labelledby,
    /// aria-label, then content (with images' alt text), then title. Worked out once per
    /// element: several rules ask for the names of the same links and headings.
    public func accessibleName(_ element: HTMLElement) -> String {
        let index = element.documentIndex
        guard index >= 0, index < names.count else { return computeAccessibleName(element) }
        if let name = names[index] { return name }
        let name = computeAccessibleName(element)
        names[index] = name
        return name
    }

    private func computeAccessibleName(_ element: HTMLElement) -> String {
        if let labelledBy = element.attribute("aria-labelledby") {
            let text = labelledBy.split(separator: " ").compactMap { byID[String($0)]?.normalizedText }.joined(separator: " ")
            if !text.trimmed.isEmpty { return text.trimmed }
        }
        if let label = element.attribute("aria-label"), !label.trimmed.isEmpty { return label.trimmed }
        if element.name == "img" || (element.name == "input" && element.attribute("type")?.lowercased() == "image") {
            return element.attribute("alt")?.trimmed ?? ""
        }
        // The content's parts joined by spaces, as bytes, then its words.
        var bytes: [UInt8] = []
        var first = true
        func part() {
            if first { first = false } else { bytes.append(0x20) }
        }
        func collect(_ node: HTMLElement) {
            if node.attribute("aria-hidden") == "true" { return }
            let name = node.name
            if name == "img" { part(); bytes += (node.attribute("alt") ?? "").utf8; return }
            if name == "svg", let title = node.firstChild(named: "title") { part(); bytes += title.normalizedText.utf8; return }
            part()
            node.appendOwnText(to: &bytes)
            for child in node.children { collect(child) }
        }
        collect(element)
        let text =
            bytes.withUnsafeBufferPointer { HTMLText.collapsingWhitespace(utf8: $0) }
            ?? String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if !text.isEmpty { return text }
        return element.attribute("title")?.trimmed ?? ""
    }

    /// True for elements a keyboard can reach.
    public func isFocusable(_ element: HTMLElement) -> Bool {
        if let tabindex = element.attribute("tabindex"), let value = Int(tabindex.trimmed) { return value >= 0 }
        if element.attribute("disabled") != nil { return false }
        switch element.name {
        case "a", "area": return element.attribute("href") != nil
        case "button", "select", "textarea", "iframe", "summary": return true
        case "input": return element.attribute("type")?.lowercased() != "hidden"
        default: return element.attribute("contenteditable") != nil
        }
    }
}

extension String {
    /// The words separated by single spaces. ASCII text (nearly all of it) is done on bytes;
    /// the rest by characters, with the same result.
    var trimmed: String {
        var copy = self
        if let plain = copy.withUTF8({ HTMLText.collapsingWhitespace(utf8: $0) }) { return plain }
        if let fast = copy.withUTF8({ bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var space = false, afterSpace = false
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 {
                    // Leave to the characters: anything right after a space (it could be a
                    // combining mark), and the lead bytes of non-ASCII spaces (U+0085, U+00A0,
                    // U+1680, U+2000 to U+205F, U+3000).
                    if afterSpace { return nil }
                    let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                    let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                    if byte == 0xC2 && (next == 0x85 || next == 0xA0) { return nil }
                    if byte == 0xE1 || byte == 0xE3 { return nil }
                    if byte == 0xE2 && next == 0x80 && ((0x80...0x8A).contains(third) || [0xA8, 0xA9, 0xAF].contains(third)) { return nil }
                    if byte == 0xE2 && next == 0x81 && third == 0x9F { return nil }
                }
                afterSpace = false
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    space = !out.isEmpty
                    afterSpace = true
                    continue
                }
                if space { out.append(0x20); space = false }
                out.append(byte)
            }
            return String(decoding: out, as: UTF8.self)
        }) {
            return fast
        }
        return split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True when the text holds these bytes (ASCII needles): no Foundation bridging.
    func containsASCII(_ needle: StaticString) -> Bool {
        var copy = self
        return copy.withUTF8 { String.containsASCII($0, needle) }
    }

    /// True when the bytes hold these (ASCII needles).
    static func containsASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0, bytes.count >= count, let base = bytes.baseAddress else { return count == 0 }
        // memchr finds each candidate first byte; the second byte is tested before the rest
        // is compared (a common first letter, such as "s", would otherwise call memcmp often).
        let pattern = needle.utf8Start
        let first = Int32(pattern.pointee)
        var offset = 0
        let last = bytes.count - count
        while offset <= last, let found = memchr(base + offset, first, last - offset + 1) {
            let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if count == 1 || (base[start + 1] == pattern[1] && memcmp(base + start, pattern, count) == 0) { return true }
            offset = start + 1
        }
        return false
    }
}
