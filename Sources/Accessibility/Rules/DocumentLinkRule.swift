import Foundation
import HTML

/// People need to know a link opens a PDF or Office file, and how big it is, before they follow it.
struct DocumentLinkRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/document-link", name: "Links to files say format and size",
            summary: "A link to a PDF or Office file says its format and size, such as 'PDF, 240KB'.",
            criterion: "2.4.4 Link Purpose (In Context)", technique: "G197", severity: .warning,
            passes: ["<a href=\"/files/budget.pdf\">Budget 2027 (PDF, 240KB)</a>"],
            fails: ["↓<a href=\"/files/budget.pdf\">Budget 2027</a>", "↓<a href=\"/files/form.docx\">Application form (Word)</a>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for link in page.elements(named: ["a"]) {
            guard let href = link.attribute("href"), let (ext, format) = DocumentFormats.format(of: href) else { continue }
            let text = page.accessibleName(link).lowercased()
            let saysFormat = text.contains(format.lowercased()) || text.contains(ext)
            let saysSize = text.range(of: #"\d+(\.\d+)?\s*(kb|mb|gb|bytes)"#, options: .regularExpression) != nil
            if !(saysFormat && saysSize) {
                findings.append(
                    finding(
                        link, "This link opens a \(format) file but does not say \(saysFormat ? "how big it is" : "its format and size").",
                        "Add the format and size to the link text, for example '(\(format), 240KB)'."))
            }
        }
    }
}

/// PDF and Office documents, by file extension, with the name people know them by.
public enum DocumentFormats {
    public static let names = [
        "pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel", "ppt": "PowerPoint",
        "pptx": "PowerPoint", "odt": "ODT", "ods": "ODS", "odp": "ODP", "csv": "CSV", "rtf": "RTF",
    ]

    /// The extension and format name of the document an address points to, if it is one.
    public static func format(of url: String) -> (extension: String, name: String)? {
        // Most addresses (/bins/missed/) have no dot at all.
        guard url.utf8.contains(0x2E) else { return nil }
        return asciiFormat(of: url) ?? characterFormat(of: url)
    }

    public static func isDocument(_ url: String) -> Bool { format(of: url) != nil }

    /// A document's extension and format name, or nil for an address that is not a document.
    typealias Found = (extension: String, name: String)?

    /// `format(of:)` for an ASCII address, on its bytes (each byte a character): the first
    /// non-empty part before a "#", of that the first non-empty part before a "?" (or all of it
    /// when it has none), then the text after its last dot when it holds no "/". Nil (as
    /// opposed to `.some(nil)`) for an address that is not ASCII.
    static func asciiFormat(of url: String) -> Found? {
        var copy = url
        return copy.withUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> Found? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            // The first non-empty run of `range` between separators; nil when there is none.
            func firstPart(_ range: Range<Int>, _ separator: UInt8) -> Range<Int>? {
                var start = range.lowerBound
                while start < range.upperBound {
                    if bytes[start] == separator { start += 1; continue }
                    var end = start
                    while end < range.upperBound, bytes[end] != separator { end += 1 }
                    return start..<end
                }
                return nil
            }
            guard let fragmentless = firstPart(0..<bytes.count, UInt8(ascii: "#")) else { return .some(nil) }
            let path = firstPart(fragmentless, UInt8(ascii: "?")) ?? fragmentless
            var dot = path.upperBound - 1
            while dot >= path.lowerBound, bytes[dot] != UInt8(ascii: ".") { dot -= 1 }
            guard dot >= path.lowerBound else { return .some(nil) }
            var ext: [UInt8] = []
            for index in (dot + 1)..<path.upperBound {
                let byte = bytes[index]
                if byte == UInt8(ascii: "/") { return .some(nil) }
                ext.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            let text = String(decoding: ext, as: UTF8.self)
            return .some(names[text].map { (text, $0) })
        }
    }

    /// `format(of:)` on characters: for addresses beyond ASCII, and what `asciiFormat` is tested against.
    static func characterFormat(of url: String) -> (extension: String, name: String)? {
        guard url.utf8.contains(0x2E) else { return nil }
        let path = url.split(separator: "#").first.map { $0.split(separator: "?").first ?? $0 } ?? ""
        guard let dot = path.lastIndex(of: "."), !path[path.index(after: dot)...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return names[ext].map { (ext, $0) }
    }
}
