import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Output
import PageBuild
import Project
import Support

/// A page's outcome as its cache entry keeps it. The many small values (findings, links, search
/// words) go in flat lists rather than an object each: decoding an object per value took most of
/// a warm build's time (see docs/performance.md).
extension PageOutcome: Codable {
    enum CodingKeys: String, CodingKey {
        case diagnostics, built, extraBuilt, search, info, shape, documents
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var findings = container.nestedUnkeyedContainer(forKey: .diagnostics)
        for item in diagnostics { try findings.encode(item) }
        if let built { try container.encode(PackedPage(built), forKey: .built) }
        try container.encode(extraBuilt.map(PackedPage.init), forKey: .extraBuilt)
        if let searchEntry {
            // Words are runs of letters and digits, so a space parts them unambiguously (split as
            // bytes when read, which is much faster than splitting by characters).
            guard !searchEntry.words.contains(where: { $0.contains(" ") }) else {
                throw EncodingError.invalidValue(searchEntry.words, .init(codingPath: [], debugDescription: "a word with a space"))
            }
            try container.encode(
                [searchEntry.title, searchEntry.url, searchEntry.description, searchEntry.words.joined(separator: " ")], forKey: .search)
        }
        try container.encodeIfPresent(info, forKey: .info)
        try container.encode([shape.headings, shape.links], forKey: .shape)
        var documentList = container.nestedUnkeyedContainer(forKey: .documents)
        for document in documents {
            try documentList.encode(document.file)
            try documentList.encode(document.page)
            try documentList.encode(document.reason)
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var findings = try container.nestedUnkeyedContainer(forKey: .diagnostics)
        while !findings.isAtEnd { diagnostics.append(try findings.decode(PackedDiagnostic.self).diagnostic) }
        built = try container.decodeIfPresent(PackedPage.self, forKey: .built)?.page
        extraBuilt = try container.decode([PackedPage].self, forKey: .extraBuilt).map(\.page)
        if let search = try container.decodeIfPresent([String].self, forKey: .search) {
            guard search.count == 4 else { throw DecodingError.dataCorruptedError(forKey: .search, in: container, debugDescription: "search") }
            searchEntry = SearchEntry(
                title: search[0], url: search[1], description: search[2],
                words: Self.words(search[3]))
        }
        info = try container.decodeIfPresent(PageInfo.self, forKey: .info)
        let numbers = try container.decode([Int].self, forKey: .shape)
        guard numbers.count == 2 else { throw DecodingError.dataCorruptedError(forKey: .shape, in: container, debugDescription: "shape") }
        shape = PageShape(headings: numbers[0], links: numbers[1])
        var documentList = try container.nestedUnkeyedContainer(forKey: .documents)
        while !documentList.isAtEnd {
            let file = try documentList.decode(String.self), page = try documentList.decode(String.self)
            let reason = try documentList.decode(String?.self)
            documents.append(NonAccessibleDocument(file: file, page: page, reason: reason))
        }
    }
}

extension PageOutcome {
    /// The words of a search entry from their joined form, parted at each space byte.
    static func words(_ joined: String) -> [String] {
        var joined = joined, words: [String] = []
        joined.withUTF8 { utf8 in
            var start = 0
            for index in 0...utf8.count where index == utf8.count || utf8[index] == UInt8(ascii: " ") {
                if index > start { words.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
        }
        return words
    }
}

/// A finding as one list: rule, severity, file, line, column, end line, end column, message, suggestion.
private struct PackedDiagnostic: Decodable {
    let diagnostic: Diagnostic

    init(from decoder: any Decoder) throws {
        var list = try decoder.unkeyedContainer()
        let rule = try list.decode(String.self), severity = try list.decode(Severity.self), file = try list.decode(String.self)
        let line = try list.decode(Int.self), column = try list.decode(Int.self)
        let endLine = try list.decode(Int.self), endColumn = try list.decode(Int.self)
        let message = try list.decode(String.self), suggestion = try list.decode(String?.self)
        diagnostic = Diagnostic(
            rule: rule, severity: severity, file: file, line: line, column: column, endLine: endLine, endColumn: endColumn,
            message: message, suggestion: suggestion)
    }
}

extension UnkeyedEncodingContainer {
    fileprivate mutating func encode(_ item: Diagnostic) throws {
        var list = nestedUnkeyedContainer()
        try list.encode(item.rule)
        try list.encode(item.severity)
        try list.encode(item.file)
        for number in [item.line, item.column, item.endLine, item.endColumn] { try list.encode(number) }
        try list.encode(item.message)
        try list.encode(item.suggestion)
    }
}

/// A built page as one list: site, address, source, title line, title, the anchors' count and
/// anchors (sorted), then the links' count and each link's address, file, line and column.
private struct PackedPage: Codable {
    let page: BuiltPage

    init(_ page: BuiltPage) { self.page = page }

    public func encode(to encoder: any Encoder) throws {
        var list = encoder.unkeyedContainer()
        try list.encode(page.site)
        try list.encode(page.urlPath)
        try list.encode(page.sourcePath)
        try list.encode(page.titleLine)
        try list.encode(page.title)
        try list.encode(page.anchors.count)
        for anchor in page.anchors.sorted() { try list.encode(anchor) }
        try list.encode(page.links.count)
        for link in page.links {
            try list.encode(link.url)
            try list.encode(link.file)
            try list.encode(link.line)
            try list.encode(link.column)
        }
    }

    init(from decoder: any Decoder) throws {
        var list = try decoder.unkeyedContainer()
        let site = try list.decode(String.self), urlPath = try list.decode(String.self), sourcePath = try list.decode(String.self)
        let titleLine = try list.decode(Int.self), title = try list.decode(String.self)
        let anchorCount = try list.decode(Int.self)
        guard anchorCount >= 0, anchorCount <= list.count ?? 0 else {
            throw DecodingError.dataCorruptedError(in: list, debugDescription: "anchor count")
        }
        var anchors = Set<String>(minimumCapacity: anchorCount)
        for _ in 0..<anchorCount { anchors.insert(try list.decode(String.self)) }
        let linkCount = try list.decode(Int.self)
        guard linkCount >= 0, linkCount <= list.count ?? 0 else { throw DecodingError.dataCorruptedError(in: list, debugDescription: "link count") }
        var links: [AccessibilityChecker.PageLink] = []
        links.reserveCapacity(linkCount)
        for _ in 0..<linkCount {
            let url = try list.decode(String.self), file = try list.decode(String.self)
            let line = try list.decode(Int.self), column = try list.decode(Int.self)
            links.append(AccessibilityChecker.PageLink(url: url, file: file, line: line, column: column))
        }
        guard list.isAtEnd else { throw DecodingError.dataCorruptedError(in: list, debugDescription: "more than a page") }
        page = BuiltPage(
            site: site, urlPath: urlPath, sourcePath: sourcePath, titleLine: titleLine, title: title, anchors: anchors, links: links)
    }
}
